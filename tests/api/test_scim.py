"""SCIM 2.0 provisioning as Entra ID does it (tests/api/scim_fixtures.py holds Microsoft's
documented request bodies): the create → get → patch → deactivate round trip, the roster's
person and the provisioned user being one person, tenancy, and SCIM's error document."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plantskola.api.models import ApiToken, ScimUser
from plantskola.core.models import AuditEntry, Person, PersonChange, User
from plantskola.privacy.erasure.services import erase_person
from tests.api import scim_fixtures as fx
from tests.api.helpers import api_client, small_roster, token_for
from tests.conftest import World

SCIM = "application/scim+json"
PROBE_NAME = 'userName eq "' + fx.CREATE_USER["userName"] + '"'


@pytest.fixture
def scim(world: World) -> Client:
    return api_client(token_for(world.host, ["scim:write"], name="Entra ID"))


def _send(client: Client, method: str, url: str, body: Any) -> Any:
    return getattr(client, method)(url, data=json.dumps(body), content_type=SCIM)


def _users() -> str:
    return reverse("scim_v2:user_list")


def _user(pk: int | str) -> str:
    return reverse("scim_v2:user_detail", args=[pk])


def test_create_get_patch_deactivate_round_trip_as_entra_sends_it(
    world: World, scim: Client
) -> None:
    probe = scim.get(_users(), {"filter": fx.PROBE_FILTER})
    assert probe.status_code == 200
    assert probe.json()["totalResults"] == 0
    assert (
        scim.get(_users(), {"filter": 'userName eq "' + fx.CREATE_USER["userName"] + '"'}).json()[
            "Resources"
        ]
        == []
    )

    created = _send(scim, "post", _users(), fx.create_user("E900", department="HR-avdelningen"))
    assert created.status_code == 201, created.content
    assert created["Content-Type"].startswith(SCIM)
    doc = created.json()
    assert created["Location"].endswith(f"/api/v1/scim/v2/Users/{doc['id']}")
    assert doc["userName"] == fx.CREATE_USER["userName"]
    assert doc["externalId"] == fx.CREATE_USER["externalId"]
    assert doc["active"] is True
    assert doc[fx.ENTERPRISE]["employeeNumber"] == "E900"
    person = Person.objects.get(pk=int(doc["id"]))
    assert (person.organisation, person.first_name, person.last_name) == (
        world.host,
        "givenName",
        "familyName",
    )
    assert person.unit is not None and person.unit.code == "KLF"  # the department's unit
    assert person.user is not None and person.user.is_active
    assert not person.user.has_usable_password()

    found = scim.get(_users(), {"filter": 'userName eq "' + fx.CREATE_USER["userName"] + '"'})
    assert [r["id"] for r in found.json()["Resources"]] == [doc["id"]]
    assert (
        scim.get(_user(doc["id"])).json()["emails"][0]["value"]
        == (fx.CREATE_USER["emails"][0]["value"])
    )

    patched = _send(scim, "patch", _user(doc["id"]), fx.PATCH_MULTI_VALUED)
    assert patched.status_code == 200, patched.content
    assert patched.json()["name"]["familyName"] == "updatedFamilyName"
    assert patched.json()["emails"][0]["value"] == "updatedEmail@microsoft.com"
    renamed = _send(scim, "patch", _user(doc["id"]), fx.PATCH_SINGLE_VALUED)
    assert renamed.json()["userName"] == fx.PATCH_SINGLE_VALUED["Operations"][0]["value"]
    enterprise = _send(
        scim,
        "patch",
        _user(doc["id"]),
        fx.patch_enterprise(given_name="Ryan", employee_number="E901", department="SOC-1"),
    )
    assert enterprise.status_code == 200, enterprise.content
    assert enterprise.json()[fx.ENTERPRISE] == {"employeeNumber": "E901", "department": "SOC-1"}
    manager_scim = _send(scim, "post", _users(), {**fx.create_user("H100"), "userName": "maria"})
    manager_id = manager_scim.json()["id"]
    with_manager = _send(scim, "patch", _user(doc["id"]), fx.patch_manager(manager_id))
    assert with_manager.json()[fx.ENTERPRISE]["manager"] == {"value": manager_id}
    person.refresh_from_db()
    assert (person.first_name, person.last_name, person.email, person.employee_number) == (
        "Ryan",
        "updatedFamilyName",
        "updatedEmail@microsoft.com",
        "E901",
    )
    assert person.unit is not None and person.unit.code == "SOC-1"
    assert person.manager_id == world.manager_person.pk

    disabled = _send(scim, "patch", _user(doc["id"]), fx.DISABLE_USER)
    assert disabled.status_code == 200
    assert disabled.json()["active"] is False
    assert person.user is not None
    person.user.refresh_from_db()
    assert not person.user.is_active

    deleted = scim.delete(_user(doc["id"]))
    assert deleted.status_code == 204
    assert scim.get(_user(doc["id"])).status_code == 404
    # The person and their history stay; only the provisioning went.
    person.refresh_from_db()
    assert person.is_active and person.user is not None and not person.user.is_active
    sources = set(PersonChange.objects.filter(person=person).values_list("source", flat=True))
    assert sources == {"SCIM: Entra ID"}
    kinds = set(PersonChange.objects.filter(person=person).values_list("field", flat=True))
    assert {"created", "name", "email", "unit", "manager"} <= kinds


def test_every_scim_write_is_audited_with_the_tokens_name(world: World, scim: Client) -> None:
    doc = _send(scim, "post", _users(), fx.create_user("E900")).json()
    _send(scim, "patch", _user(doc["id"]), fx.DISABLE_USER)
    scim.delete(_user(doc["id"]))
    entries = AuditEntry.objects.filter(
        subject_person_id=int(doc["id"]), note__startswith="SCIM"
    ).order_by("pk")
    assert [(e.action, e.note) for e in entries] == [
        ("create", "SCIM: Entra ID"),
        ("update", "SCIM: Entra ID"),
        ("delete", "SCIM: Entra ID"),
    ]
    assert entries[1].fields == ["active"]


def test_a_provisioned_user_and_the_rosters_person_are_one_person(
    world: World, scim: Client
) -> None:
    people = Person.objects.count()
    created = _send(scim, "post", _users(), fx.create_user(world.employee.employee_number))
    assert created.status_code == 201, created.content
    assert created.json()["id"] == str(world.employee.pk)
    assert Person.objects.count() == people
    world.employee.refresh_from_db()
    assert world.employee.user is not None
    assert world.employee.user.username == fx.CREATE_USER["userName"]
    # The same person again is a conflict, not a second person or login.
    again = _send(scim, "post", _users(), {**fx.create_user("H101"), "userName": "other"})
    assert again.status_code == 409
    assert again.json()["scimType"] == "uniqueness"
    assert ScimUser.objects.count() == 1


def test_a_provisioned_login_is_the_persons_own_login_when_they_have_one(
    world: World, scim: Client
) -> None:
    hr = world.user("hr")
    created = _send(scim, "post", _users(), fx.create_user("H103"))
    assert created.status_code == 201
    _send(scim, "patch", _user(created.json()["id"]), fx.DISABLE_USER_LEGACY)
    hr.refresh_from_db()
    assert not hr.is_active
    assert User.objects.filter(username=fx.CREATE_USER["userName"]).count() == 0


def test_another_organisations_token_sees_nothing(world: World, scim: Client) -> None:
    doc = _send(scim, "post", _users(), fx.create_user("E900")).json()
    other = api_client(token_for(world.other, ["scim:write"], name="Annan"))
    partner = api_client(token_for(world.partner, ["scim:write"], name="Partner"))
    for client in (other, partner):
        listed = client.get(_users())
        assert listed.status_code == 200
        assert listed.json()["totalResults"] == 0
        assert client.get(_user(doc["id"])).status_code == 404
        assert _send(client, "patch", _user(doc["id"]), fx.DISABLE_USER).status_code == 404
        assert client.delete(_user(doc["id"])).status_code == 404
    # A partner provisioning the host's employee number makes its own person, never the host's.
    mine = _send(partner, "post", _users(), {**fx.create_user("H101"), "userName": "p"})
    assert mine.status_code == 201
    assert Person.objects.get(pk=int(mine.json()["id"])).organisation == world.partner
    assert ScimUser.objects.get(person_id=int(doc["id"])).person.user is not None


def test_a_token_without_the_scim_scope_is_refused_with_scims_error(world: World) -> None:
    client = api_client(token_for(world.host, ["people:read", "roster:write"]))
    response = client.get(_users())
    assert response.status_code == 403
    assert response["Content-Type"].startswith(SCIM)
    body = response.json()
    assert body["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
    assert body["status"] == "403"
    assert "scim:write" in body["detail"]
    assert _send(client, "post", _users(), fx.create_user("E900")).status_code == 403
    assert not ScimUser.objects.exists()


def test_bad_requests_change_nothing_and_say_why_in_swedish(world: World, scim: Client) -> None:
    people = Person.objects.count()
    no_number = _send(scim, "post", _users(), fx.CREATE_USER)
    assert no_number.status_code == 400
    assert no_number.json()["scimType"] == "invalidValue"
    assert "anställningsnumret" in no_number.json()["detail"]
    not_json = scim.post(_users(), data="{", content_type=SCIM)
    assert not_json.status_code == 400 and not_json.json()["scimType"] == "invalidSyntax"
    bad_filter = scim.get(_users(), {"filter": 'displayName co "x"'})
    assert bad_filter.status_code == 400 and bad_filter.json()["scimType"] == "invalidFilter"
    doc = _send(scim, "post", _users(), fx.create_user("E900")).json()
    unknown_manager = _send(scim, "patch", _user(doc["id"]), fx.patch_manager("999999"))
    assert unknown_manager.status_code == 400
    self_manager = _send(scim, "patch", _user(doc["id"]), fx.patch_manager(doc["id"]))
    assert self_manager.status_code == 400
    taken = _send(
        scim,
        "patch",
        _user(doc["id"]),
        fx.patch_enterprise(given_name="X", employee_number="H101", department=""),
    )
    assert taken.status_code == 409
    person = Person.objects.get(pk=int(doc["id"]))
    assert (person.employee_number, person.first_name, person.manager_id) == (
        "E900",
        "givenName",
        None,
    )
    assert Person.objects.count() == people + 1
    no_ops = _send(scim, "patch", _user(doc["id"]), {"schemas": [], "Operations": []})
    assert no_ops.status_code == 400


def test_the_list_pages_by_start_index_and_count(world: World, scim: Client) -> None:
    ids = [
        _send(scim, "post", _users(), {**fx.create_user(n), "userName": n}).json()["id"]
        for n in ("H100", "H101", "H102")
    ]
    page = scim.get(_users(), {"startIndex": 2, "count": 1}).json()
    assert (page["totalResults"], page["startIndex"], page["itemsPerPage"]) == (3, 2, 1)
    assert [r["id"] for r in page["Resources"]] == [ids[1]]
    assert scim.get(_users(), {"count": 0}).json()["Resources"] == []
    by_number = scim.get(_users(), {"filter": f'{fx.ENTERPRISE}:employeeNumber eq "H102"'})
    assert [r["id"] for r in by_number.json()["Resources"]] == [ids[2]]


def test_put_replaces_the_user(world: World, scim: Client) -> None:
    doc = _send(scim, "post", _users(), fx.create_user("E900")).json()
    body = {**fx.create_user("E900"), "name": {"givenName": "Anna", "familyName": "Berg"}}
    replaced = _send(scim, "put", _user(doc["id"]), {**body, "active": False, "emails": []})
    assert replaced.status_code == 200, replaced.content
    assert replaced.json()["name"]["givenName"] == "Anna"
    assert replaced.json()["active"] is False
    assert replaced.json()["emails"] == []


def test_discovery_describes_users_and_the_enterprise_extension(scim: Client) -> None:
    config = scim.get(reverse("scim_v2:service_provider_config")).json()
    assert config["patch"]["supported"] is True and config["bulk"]["supported"] is False
    types = scim.get(reverse("scim_v2:resource_types")).json()["Resources"]
    assert [t["id"] for t in types] == ["User"]
    assert types[0]["schemaExtensions"][0]["schema"] == fx.ENTERPRISE
    schemas = scim.get(reverse("scim_v2:schemas")).json()["Resources"]
    assert {s["id"] for s in schemas} == {
        "urn:ietf:params:scim:schemas:core:2.0:User",
        fx.ENTERPRISE,
    }


def test_out_of_range_values_are_refused_or_bounded_never_a_server_error(
    world: World, scim: Client
) -> None:
    bad_email = {**fx.create_user("E900"), "emails": [{"value": "inte en adress", "type": "work"}]}
    assert _send(scim, "post", _users(), bad_email).status_code == 400
    long_name = {**fx.create_user("E900"), "userName": "x" * 151}
    assert _send(scim, "post", _users(), long_name).status_code == 400
    assert _send(scim, "post", _users(), [1, 2]).status_code == 400
    assert (
        _send(scim, "post", _users(), {**fx.create_user("E900"), "active": None}).status_code == 400
    )
    far = scim.get(_users(), {"startIndex": "9" * 30, "count": "9" * 30})
    assert far.status_code == 200 and far.json()["Resources"] == []
    assert scim.get(_users(), {"count": "many"}).status_code == 400
    assert scim.get(_user("9" * 30)).status_code == 404
    assert not ScimUser.objects.exists()


def test_a_roster_push_after_provisioning_updates_the_same_person(
    world: World, scim: Client
) -> None:
    doc = _send(scim, "post", _users(), fx.create_user("E900", department="KLF")).json()
    rows = [
        *small_roster(),
        {"employee_number": "E900", "first_name": "Eva", "last_name": "Ny", "unit_code": "KLF"},
    ]
    push = api_client(token_for(world.host, ["roster:write"], name="HR"))
    response = push.put(
        reverse("api_v1:roster_push", args=[world.host.slug]),
        data=json.dumps({"rows": rows}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["counts"]["created"] == 0
    assert Person.objects.filter(employee_number="E900").count() == 1
    again = scim.get(_user(doc["id"])).json()
    assert (again["name"]["givenName"], again["userName"]) == ("Eva", fx.CREATE_USER["userName"])


def test_erasing_a_provisioned_person_removes_the_provisioning(world: World, scim: Client) -> None:
    doc = _send(scim, "post", _users(), fx.create_user(world.employee.employee_number)).json()
    erase_person(world.employee, world.user("hr"), reason="Begäran")
    assert not ScimUser.objects.filter(person_id=int(doc["id"])).exists()
    assert scim.get(_user(doc["id"])).status_code == 404
    assert scim.get(_users(), {"filter": PROBE_NAME}).json()["totalResults"] == 0


def test_the_list_takes_the_same_queries_for_one_user_as_for_many(
    world: World, scim: Client
) -> None:
    def queries() -> int:
        # Not touched during the measure, however slowly the test runs (once a minute).
        ApiToken.objects.update(last_used_at=timezone.now() + dt.timedelta(days=1))
        with CaptureQueriesContext(connection) as captured:
            assert scim.get(_users()).status_code == 200
        return len(captured)

    _send(scim, "post", _users(), {**fx.create_user("H100"), "userName": "a"})
    one = queries()
    for number in ("H101", "H102", "H103", "H104"):
        _send(scim, "post", _users(), {**fx.create_user(number), "userName": number})
    assert scim.get(_users()).json()["totalResults"] == 5
    assert queries() == one
