"""The roster push: JSON rows through the file import's checks and writes, all or nothing,
every error with its row, a dry run's diff, and `Idempotency-Key` against double writes."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from plantskola.api.models import IdempotentRequest
from plantskola.api.v1.services import roster_cells
from plantskola.core.models import AuditEntry, OrgUnit, Person, PersonChange
from plantskola.core.roster.services import roster_import
from tests.api.helpers import api_client, small_roster, token_for
from tests.conftest import World


def _push(
    client: Client, w: World, rows: list[dict[str, Any]], *, query: str = "", **headers: str
) -> Any:
    url = reverse("api_v1:roster_push", args=[w.host.slug]) + query
    return client.put(
        url,
        data=json.dumps({"rows": rows, "effective_date": "2026-12-01"}),
        content_type="application/json",
        headers=headers,
    )


def _state() -> tuple[Any, ...]:
    return (
        sorted(
            Person.objects.values_list(
                "employee_number", "first_name", "unit_id", "manager_id", "is_active", "title"
            )
        ),
        sorted(OrgUnit.objects.values_list("code", "parent_id", "name")),
        PersonChange.objects.count(),
    )


def test_a_push_with_a_cycle_a_duplicate_and_an_unknown_unit_changes_nothing(
    world: World,
) -> None:
    client = api_client(token_for(world.host, ["roster:write"]))
    rows = small_roster()
    rows[0]["manager_employee_number"] = "H101"  # H100 ← H101 ← H100: a circle
    rows.append(dict(rows[4], first_name="Kimmy"))  # row 8 repeats H104 of row 5
    rows.append(
        {
            "employee_number": "H200",
            "first_name": "Ny",
            "last_name": "Person",
            "unit_code": "NY-1",
            "parent_unit_code": "FINNS-EJ",
        }
    )  # row 9: a new unit under a unit that does not exist
    before = _state()
    response = _push(client, world, rows)
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["code"] == "roster.invalid"
    assert "inget har ändrats" in body["detail"]
    found = {(e["code"], e["row"]) for e in body["errors"]}
    assert found == {
        ("roster.manager_cycle", 1),
        ("roster.duplicate_employee_number", 8),
        ("roster.unknown_parent_unit", 9),
    }
    assert all(e["detail"].startswith(f"Rad {e['row']}") for e in body["errors"])
    assert _state() == before
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT).exists()


def test_a_dry_run_returns_the_diff_and_writes_nothing(world: World) -> None:
    client = api_client(token_for(world.host, ["roster:write"]))
    rows = [r for r in small_roster() if r["employee_number"] != "H106"]  # Lea has left
    rows[1]["unit_code"] = "KLF"  # Erik moves
    rows.append(
        {
            "employee_number": "H300",
            "first_name": "Nora",
            "last_name": "Ny",
            "unit_code": "SOC-2",
            "unit_name": "Hemtjänst Söder",
            "parent_unit_code": "SOC",
        }
    )
    before = _state()
    response = _push(client, world, rows, query="?dry_run=true")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["dry_run"] is True and body["applied"] is False
    assert body["counts"]["created"] == 1 and body["counts"]["left"] == 1
    assert body["counts"]["units_created"] == 1
    kinds = {d["employee_number"]: d for d in body["diffs"]}
    assert kinds["H300"]["kind"] == "created"
    assert kinds["H106"]["kind"] == "left"
    moved = kinds["H101"]["changes"]
    assert {
        "field": "unit",
        "old": "Hemtjänst Norr (SOC-1)",
        "new": "HR-avdelningen (KLF)",
    } in moved
    assert _state() == before


def test_an_applied_push_writes_the_roster_and_audits_the_tokens_name(world: World) -> None:
    client = api_client(token_for(world.host, ["roster:write"], name="Heroma nattlig"))
    rows = small_roster()
    rows[1]["title"] = "Samordnare"
    response = _push(client, world, rows)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["applied"] is True and body["counts"]["updated"] == 1
    erik = Person.objects.get(employee_number="H101")
    assert erik.title == "Samordnare"
    change = PersonChange.objects.get(person=erik, field="title")
    assert change.source == "API: Heroma nattlig"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.IMPORT)
    assert "Heroma nattlig" in entry.note and entry.organisation_id == world.host.pk
    # The rows leave out the e-mail column: the stored addresses stay.
    assert erik.email == "erik.anställd@host.example"


def test_the_same_push_repeated_with_the_same_key_does_nothing_twice(world: World) -> None:
    client = api_client(token_for(world.host, ["roster:write"]))
    rows = small_roster()
    rows.append(
        {"employee_number": "H400", "first_name": "Ola", "last_name": "Ny", "unit_code": "KLF"}
    )
    first = _push(client, world, rows, **{"Idempotency-Key": "nightly-2026-12-01"})
    assert first.status_code == 200 and first.json()["counts"]["created"] == 1
    after_first = _state()
    audits = AuditEntry.objects.count()
    # Meanwhile the person is marked as having left on the page; a replay must not undo it.
    Person.objects.filter(employee_number="H400").update(is_active=False)
    again = _push(client, world, rows, **{"Idempotency-Key": "nightly-2026-12-01"})
    assert again.status_code == 200
    assert again.json() == {**first.json(), "replayed": True}
    assert Person.objects.get(employee_number="H400").is_active is False
    assert AuditEntry.objects.count() == audits
    assert _state()[1:] == after_first[1:]
    assert IdempotentRequest.objects.count() == 1


def test_a_key_used_again_for_another_body_is_refused(world: World) -> None:
    client = api_client(token_for(world.host, ["roster:write"]))
    assert _push(client, world, small_roster(), **{"Idempotency-Key": "k1"}).status_code == 200
    rows = small_roster()
    rows[0]["title"] = "Kommundirektör"
    response = _push(client, world, rows, **{"Idempotency-Key": "k1"})
    assert response.status_code == 422
    assert response.json()["code"] == "idempotency.key_reused"
    assert Person.objects.get(employee_number="H100").title == "Förvaltningschef"


def test_a_row_with_an_unknown_key_or_without_a_required_one_is_a_request_problem(
    world: World,
) -> None:
    client = api_client(token_for(world.host, ["roster:write"]))
    rows = small_roster()
    rows[0]["personnummer"] = "19800101-1234"
    del rows[1]["last_name"]
    before = _state()
    response = _push(client, world, rows)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "request.invalid"
    locations = {e["location"] for e in body["errors"]}
    assert {"body.payload.rows.0.personnummer", "body.payload.rows.1.last_name"} <= locations
    assert _state() == before


def test_values_are_checked_as_in_a_file(world: World) -> None:
    client = api_client(token_for(world.host, ["roster:write"]))
    rows = small_roster()
    rows[2]["birth_year"] = 1850
    rows[3]["email"] = "inte-en-adress"
    rows[4]["first_name"] = ""
    response = _push(client, world, rows)
    assert response.status_code == 422
    found = {(e["code"], e["row"]) for e in response.json()["errors"]}
    assert found == {("roster.bad_value", 3), ("roster.bad_email", 4), ("roster.missing_value", 5)}


def test_the_token_is_rate_limited_with_retry_after(world: World, settings: Any) -> None:
    settings.API_TOKEN_RATE = (2, 60)
    client = api_client(token_for(world.host, ["people:read"]))
    url = reverse("api_v1:person_list", args=[world.host.slug])
    assert [client.get(url).status_code for _ in range(2)] == [200, 200]
    limited = client.get(url)
    assert limited.status_code == 429
    assert limited.json()["code"] == "rate_limited"
    assert 0 < int(limited["Retry-After"]) <= 60
    # Another token of the same organisation has its own allowance.
    other = api_client(token_for(world.host, ["people:read"], name="Power BI"))
    assert other.get(url).status_code == 200


def test_a_key_is_remembered_for_thirty_days(world: World) -> None:
    client = api_client(token_for(world.host, ["roster:write"]))
    assert _push(client, world, small_roster(), **{"Idempotency-Key": "old"}).status_code == 200
    IdempotentRequest.objects.update(created_at=timezone.now() - dt.timedelta(days=31))
    rows = small_roster()
    rows[0]["title"] = "Kommundirektör"
    response = _push(client, world, rows, **{"Idempotency-Key": "old"})
    assert response.status_code == 200 and response.json()["replayed"] is False
    assert Person.objects.get(employee_number="H100").title == "Kommundirektör"


def test_a_push_and_the_same_roster_as_a_file_plan_the_same_changes(world: World) -> None:
    rows = small_roster()
    rows[1]["unit_code"] = "KLF"
    rows[2]["title"] = "Samordnare"
    rows.append(
        {
            "employee_number": "H500",
            "first_name": "Ny",
            "last_name": "Chef",
            "unit_code": "NY",
            "parent_unit_code": "SOC",
            "is_manager": True,
        }
    )
    columns, cells = roster_cells(rows)
    csv = ";".join(columns) + "\n" + "\n".join(";".join(c) for _, c in cells) + "\n"
    from_file = roster_import(
        organisation=world.host,
        content=csv.encode(),
        filename="personal.csv",
        effective_date=dt.date(2026, 12, 1),
        dry_run=True,
    )
    client = api_client(token_for(world.host, ["roster:write"]))
    pushed = _push(client, world, rows, query="?dry_run=true").json()
    assert from_file.ok
    assert pushed["counts"] == from_file.counts()
    assert pushed["diffs"] == [
        {
            "employee_number": d.employee_number,
            "name": d.name,
            "kind": d.kind,
            "changes": [{"field": f, "old": o, "new": n} for f, o, n in d.changes],
        }
        for d in from_file.diffs
    ]


def test_a_nul_character_in_any_text_is_a_request_problem_and_changes_nothing(
    world: World,
) -> None:
    client = api_client(token_for(world.host, ["roster:write"]))
    rows = small_roster()
    rows[2]["title"] = "Chef\x00"
    rows[3]["unit_code"] = "\x00"
    before = _state()
    response = _push(client, world, rows)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "request.invalid"
    assert len(body["errors"]) == 2
    assert _state() == before
