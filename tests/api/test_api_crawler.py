"""The leak crawler walks the API too: in the crawler's world (four organisations, a joint
edition, marked people everywhere), a token with every scope of each organisation requests
every read endpoint with every organisation's slug and every edition's id, following
`next_cursor` to the end. No answer may contain what the organisation's staff may not see on
the pages (`tests/core/test_crawler.py`'s `forbidden_markers` for the role that stands for
the organisation's staff), and each token reaches its own people."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from plantskola.api.scim.resources import ENTERPRISE_SCHEMA
from plantskola.core.models import Organisation, Person
from plantskola.programmes.models import Edition
from tests.api.helpers import ALL_SCOPES, api_client, token_for
from tests.core.test_crawler import NAME, CrawlWorld, build_crawl_world, check, forbidden_markers

# The organisation of each token, and the crawler role whose allowances its answers get.
TOKENS = {
    "host": "coordinator",
    "partner": "partner",
    "partner_b": "partner_b",
    "other": "outsider",
}
# What each token is shown at least: its own people (and, for the host, the joint edition's
# partner participants), so that no leak hides behind an empty answer.
REACH = {
    "host": {("HG1", NAME), ("AG1", NAME), ("BG2", NAME), ("HBY", NAME)},
    "partner": {("AG1", NAME), ("ABY", NAME)},
    "partner_b": {("BG1", NAME), ("BG2", NAME), ("BBY", NAME)},
    "other": {("OG", NAME), ("OBY", NAME)},
}


@pytest.fixture
def crawl_world(db: None) -> CrawlWorld:
    return build_crawl_world()


def _organisation(cw: CrawlWorld, key: str) -> Organisation:
    return {"host": cw.w.host, "partner": cw.w.partner, "partner_b": cw.partner_b}.get(
        key, cw.w.other
    )


@pytest.mark.parametrize("key", list(TOKENS))
def test_no_token_sees_what_its_organisations_staff_may_not(
    crawl_world: CrawlWorld, key: str
) -> None:
    role = TOKENS[key]
    client = api_client(token_for(_organisation(crawl_world, key), ALL_SCOPES, name=key))
    forbidden = forbidden_markers(crawl_world, role)
    watched = [
        (text, m.key, kind)
        for m in crawl_world.people
        for kind, texts in m.markers.items()
        for text in texts
    ]
    slugs = list(Organisation.objects.values_list("slug", flat=True))
    starts: list[tuple[str, list[str], dict[str, str]]] = [
        ("organisation_list", [], {}),
        ("programme_list", [], {}),
        ("edition_list", [], {}),
        ("session_list", [], {}),
        ("diploma_list", [], {}),
    ]
    starts += [(name, [slug], {}) for slug in slugs for name in ("unit_list", "person_list")]
    starts += [
        ("participant_list", [], {"edition": str(pk)})
        for pk in Edition.objects.values_list("pk", flat=True)
    ]
    seen: set[tuple[str, str]] = set()
    leaks = []
    requests = answered = 0
    for name, args, query in starts:
        url = reverse(f"api_v1:{name}", args=args)
        cursor = ""
        while True:
            response = client.get(
                url, {**query, "limit": "3", **({"cursor": cursor} if cursor else {})}
            )
            requests += 1
            leaks += check(key, url, response, forbidden, seen, watched)
            assert response.status_code in (200, 404), (url, response.content)
            if response.status_code != 200:
                break
            answered += 1
            cursor = response.json()["next_cursor"] or ""
            if not cursor:
                break
    print(f"{key}: {requests} API requests, {answered} answered")
    assert REACH[key] <= seen, f"the API crawl did not reach {REACH[key] - seen}"
    assert not leaks, "\n".join(f"{x.url}: {x.kind} of {x.person} ({x.marker!r})" for x in leaks)


@pytest.mark.parametrize("key", list(TOKENS))
def test_no_scim_token_sees_another_organisations_users(crawl_world: CrawlWorld, key: str) -> None:
    """Every organisation provisions its own people with SCIM; then each organisation's
    `scim:write` token lists its users page by page and asks for every person's id of every
    organisation. It is shown its own people and nothing its staff may not see."""
    clients = {
        k: api_client(token_for(_organisation(crawl_world, k), ["scim:write"], name=f"scim-{k}"))
        for k in TOKENS
    }
    for k, client in clients.items():
        organisation = _organisation(crawl_world, k)
        for m in crawl_world.people:
            person = m.person
            if person.organisation_id != organisation.pk:
                continue
            body = {
                "userName": f"{k}-{person.pk}@example.se",
                "name": {"givenName": person.first_name, "familyName": person.last_name},
                "emails": [{"value": person.email, "type": "work"}] if person.email else [],
                "title": person.title,
                ENTERPRISE_SCHEMA: {"employeeNumber": person.employee_number},
            }
            response = client.post(
                reverse("scim_v2:user_list"),
                data=json.dumps(body),
                content_type="application/scim+json",
            )
            assert response.status_code in (201, 409), response.content
    client = clients[key]
    forbidden = forbidden_markers(crawl_world, TOKENS[key])
    watched = [
        (text, m.key, kind)
        for m in crawl_world.people
        for kind, texts in m.markers.items()
        for text in texts
    ]
    seen: set[tuple[str, str]] = set()
    leaks = []
    start = 1
    while True:
        url = reverse("scim_v2:user_list")
        response = client.get(url, {"startIndex": str(start), "count": "3"})
        leaks += check(key, url, response, forbidden, seen, watched)
        page = response.json()
        start += page["itemsPerPage"]
        if not page["itemsPerPage"] or start > page["totalResults"]:
            break
    for pk in Person.objects.values_list("pk", flat=True):
        url = reverse("scim_v2:user_detail", args=[pk])
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.content)
        leaks += check(key, url, response, forbidden, seen, watched)
    own = {
        m.key
        for m in crawl_world.people
        if m.person.organisation_id == _organisation(crawl_world, key).pk
    }
    assert own and own <= {person for person, _kind in seen}
    assert not leaks, "\n".join(f"{x.url}: {x.kind} of {x.person} ({x.marker!r})" for x in leaks)
