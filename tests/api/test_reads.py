"""What the read endpoints show: the same tenancy as the pages, cursor pages that add up to
the whole list, `updated_since`, and the diplomas' public verification URL."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plantskola.api.v1.pagination import encode_cursor
from plantskola.core.models import Person
from plantskola.diplomas.services import diploma_revoke
from tests.api.helpers import ALL_SCOPES, api_client, token_for
from tests.conftest import World
from tests.diplomas.helpers import issued_diploma


def _get(secret: str, name: str, *args: object, **query: Any) -> dict[str, Any]:
    response = api_client(secret).get(reverse(f"api_v1:{name}", args=args), query)
    assert response.status_code == 200, response.content
    body = response.json()
    assert isinstance(body, dict)
    return body


def _all(secret: str, name: str, *args: object, **query: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        body = _get(secret, name, *args, **query, **({"cursor": cursor} if cursor else {}))
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items


def test_a_host_token_reads_its_own_people_and_units(world: World) -> None:
    secret = token_for(world.host, ["people:read"])
    people = _all(secret, "person_list", world.host.slug)
    numbers = {p["employee_number"] for p in people}
    assert numbers == {"H100", "H101", "H102", "H103", "H104", "H105", "H106"}
    erik = next(p for p in people if p["employee_number"] == "H101")
    assert erik["manager_employee_number"] == "H100"
    assert erik["unit_code"] == "SOC-1"
    assert "gender" not in erik and "birth_year" not in erik
    units = {u["code"]: u for u in _all(secret, "unit_list", world.host.slug)}
    assert set(units) == {"SOC", "SOC-1", "KLF"}
    assert units["SOC-1"]["parent_code"] == "SOC"
    assert units["SOC-1"]["depth"] == 1 and units["SOC"]["depth"] == 0


def test_cursor_pages_add_up_to_the_whole_list_without_repeats(world: World) -> None:
    secret = token_for(world.host, ["people:read"])
    first = _get(secret, "person_list", world.host.slug, limit=3)
    assert len(first["items"]) == 3 and first["next_cursor"]
    paged = _all(secret, "person_list", world.host.slug, limit=2)
    ids = [p["id"] for p in paged]
    assert len(ids) == len(set(ids)) == 7
    assert ids == sorted(ids)


def test_a_cursor_the_api_did_not_give_is_a_problem(world: World) -> None:
    secret = token_for(world.host, ["people:read"])
    url = reverse("api_v1:person_list", args=[world.host.slug])
    response = api_client(secret).get(url, {"cursor": "not-a-cursor"})
    assert response.status_code == 400
    assert response.json()["code"] == "pagination.bad_cursor"
    assert api_client(secret).get(url, {"cursor": encode_cursor(0)}).status_code == 200


def test_a_partner_token_sees_the_joint_edition_and_only_its_own_people_in_it(
    world: World,
) -> None:
    secret = token_for(world.partner, ALL_SCOPES)
    editions = _all(secret, "edition_list")
    assert [e["id"] for e in editions] == [world.edition.pk]
    assert editions[0]["host"] == "host" and editions[0]["partners"] == ["partner"]
    participants = _all(secret, "participant_list", edition=world.edition.pk)
    assert [p["employee_number"] for p in participants] == ["P100"]
    # Nothing of the host's own people, units or diplomas.
    issued_diploma(world)
    assert _all(secret, "diploma_list") == []
    for name in ("person_list", "unit_list"):
        url = reverse(f"api_v1:{name}", args=[world.host.slug])
        assert api_client(secret).get(url).status_code == 404


def test_another_organisations_token_sees_nothing_of_the_host(world: World) -> None:
    secret = token_for(world.other, ALL_SCOPES)
    assert _all(secret, "programme_list") == []
    assert _all(secret, "edition_list") == []
    assert _all(secret, "session_list") == []
    issued_diploma(world)
    assert _all(secret, "diploma_list") == []
    assert [o["slug"] for o in _all(secret, "organisation_list")] == ["other"]
    url = reverse("api_v1:participant_list")
    assert api_client(secret).get(url, {"edition": world.edition.pk}).status_code == 404


def test_participants_with_their_status_and_a_status_filter(world: World) -> None:
    secret = token_for(world.host, ["programmes:read"])
    everyone = _all(secret, "participant_list", edition=world.edition.pk)
    assert {(p["employee_number"], p["status"]) for p in everyone} == {
        ("H102", "active"),
        ("P100", "active"),
    }
    world.participant.status = "completed"
    world.participant.save(update_fields=["status"])
    completed = _all(secret, "participant_list", edition=world.edition.pk, status="completed")
    assert [p["employee_number"] for p in completed] == ["H102"]
    url = reverse("api_v1:participant_list")
    bad = api_client(secret).get(url, {"edition": str(world.edition.pk), "status": "graduated"})
    assert bad.status_code == 422 and bad.json()["code"] == "request.invalid"


def test_diplomas_carry_the_public_verification_url_and_filter_by_change(world: World) -> None:
    secret = token_for(world.host, ["diplomas:read"])
    diploma = issued_diploma(world)
    [doc] = _all(secret, "diploma_list")
    assert doc["verification_url"] == "http://testserver" + diploma.get_verify_url()
    assert api_client(None).get(diploma.get_verify_url()).status_code == 200
    assert doc["is_valid"] is True
    later = (timezone.now() + dt.timedelta(minutes=5)).isoformat()
    assert _all(secret, "diploma_list", updated_since=later) == []
    diploma_revoke(diploma=diploma, revoked_by=world.user("coordinator"), reason="Fel namn")
    since = (timezone.now() - dt.timedelta(minutes=1)).isoformat()
    [revoked] = _all(secret, "diploma_list", updated_since=since)
    assert revoked["is_valid"] is False
    naive = api_client(secret).get(
        reverse("api_v1:diploma_list"), {"updated_since": "2026-01-01T00:00:00"}
    )
    assert naive.status_code == 400 and naive.json()["code"] == "request.naive_datetime"


def test_the_people_list_takes_the_same_queries_for_one_page_of_any_size(world: World) -> None:
    secret = token_for(world.host, ["people:read"])
    url = reverse("api_v1:person_list", args=[world.host.slug])
    client = api_client(secret)
    client.get(url)  # the token's last use is written once a minute
    with CaptureQueriesContext(connection) as small:
        client.get(url, {"limit": 2})
    for n in range(30):
        Person.objects.create(
            organisation=world.host, employee_number=f"N{n}", first_name="N", last_name=str(n)
        )
    with CaptureQueriesContext(connection) as large:
        client.get(url, {"limit": 30})
    assert len(large) == len(small)


def test_names_are_sent_in_utf8_as_written(world: World) -> None:
    secret = token_for(world.host, ["people:read"])
    response = api_client(secret).get(reverse("api_v1:person_list", args=[world.host.slug]))
    assert "Anställd".encode() in response.content


def test_a_slug_with_a_nul_is_not_found_not_a_server_error(world: World) -> None:
    # PostgreSQL refuses a NUL in a text comparison; the API answers 404 on every database.
    client = api_client(token_for(world.host, ["people:read"], name="nul"))
    response = client.get("/api/v1/organisations/a%00b/units")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
