"""The page on which an organisation's HR administrator creates and revokes API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from django.urls import reverse
from django.utils import timezone

from plantskola.api.models import ApiToken
from plantskola.core.models import AuditEntry
from tests.api.helpers import api_client, token_for
from tests.conftest import World


def _create(world: World, **data: object) -> tuple[int, str]:
    url = reverse("api:token_list", args=[world.host.slug])
    form = {
        "name": "Heroma",
        "scopes": ["roster:write", "people:read"],
        "expires_on": (timezone.localdate() + dt.timedelta(days=90)).isoformat(),
        **data,
    }
    response = world.client_for("hr").post(url, form)
    return response.status_code, response.content.decode()


def test_a_created_token_is_shown_once_and_stored_only_as_its_hash(world: World) -> None:
    status, page = _create(world)
    assert status == 200
    match = re.search(r'value="(psk_[A-Za-z0-9_-]+)"', page)
    assert match, "the new token is shown"
    secret = match.group(1)
    token = ApiToken.objects.get()
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(list(ApiToken.objects.values()))
    assert sorted(token.scopes) == ["people:read", "roster:write"]
    assert token.organisation == world.host
    again = world.client_for("hr").get(reverse("api:token_list", args=[world.host.slug]))
    assert secret not in again.content.decode()
    assert "Heroma" in again.content.decode() and token.prefix in again.content.decode()
    entry = AuditEntry.objects.get(object_type="api.apitoken")
    assert entry.actor_id == world.user("hr").pk and "Heroma" in entry.note
    # It works, and records its use.
    url = reverse("api_v1:person_list", args=[world.host.slug])
    assert api_client(secret).get(url).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_bad_input_is_refused_in_swedish_and_creates_nothing(world: World) -> None:
    status, page = _create(world, name=" ", scopes=[], expires_on=timezone.localdate().isoformat())
    assert status == 400
    assert "Detta fält måste fyllas i." in page
    assert not ApiToken.objects.exists()
    status, page = _create(
        world, expires_on=(timezone.localdate() + dt.timedelta(days=400)).isoformat()
    )
    assert status == 400 and "En nyckel får gälla i högst ett år." in page
    status, page = _create(world, expires_on=timezone.localdate().isoformat())
    assert status == 400 and "Slutdatumet måste vara efter i dag." in page
    assert _create(world)[0] == 200
    status, page = _create(world)
    assert status == 400 and "redan en giltig nyckel med det här namnet" in page
    assert ApiToken.objects.count() == 1


def test_a_revoked_token_stops_working_at_once(world: World) -> None:
    secret = token_for(world.host, ["people:read"], name="Power BI")
    token = ApiToken.objects.get()
    url = reverse("api:token_revoke", args=[world.host.slug])
    response = world.client_for("hr").post(url, {"token": token.pk})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    people = reverse("api_v1:person_list", args=[world.host.slug])
    answer = api_client(secret).get(people)
    assert answer.status_code == 401 and answer.json()["code"] == "auth.revoked_token"
    assert AuditEntry.objects.filter(object_type="api.apitoken", note__contains="revoked").exists()


def test_another_organisations_hr_cannot_see_or_revoke_the_hosts_tokens(world: World) -> None:
    token_for(world.host, ["people:read"], name="Power BI")
    token = ApiToken.objects.get()
    for role, own_slug in (("outsider", world.other.slug), ("partner", world.partner.slug)):
        client = world.client_for(role)
        for slug in (world.host.slug, own_slug):
            url = reverse("api:token_revoke", args=[slug])
            assert client.post(url, {"token": token.pk}).status_code == 404
        page = client.get(reverse("api:token_list", args=[own_slug])).content.decode()
        assert "Power BI" not in page
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_start_page_links_hr_to_the_token_page(world: World) -> None:
    page = world.client_for("hr").get(reverse("core:home")).content.decode()
    assert reverse("api:token_list", args=[world.host.slug]) in page
    page = world.client_for("coordinator").get(reverse("core:home")).content.decode()
    assert reverse("api:token_list", args=[world.host.slug]) not in page
