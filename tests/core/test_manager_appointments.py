"""Manager appointments recorded by the roster import: new managers, changes of unit, the
same file again, the API's push and the baseline of an organisation's first import."""

from __future__ import annotations

import datetime

import pytest

from plantskola.core.declarations import declarations_for, load_declarations
from plantskola.core.models import ManagerAppointment, Organisation, Person
from plantskola.core.roster.services import roster_import_rows
from plantskola.privacy.erasure.services import erase_person
from plantskola.privacy.extract.selectors import build_extract
from tests.core.test_roster_import import HEADER, MAR, ROSTER, edited, run

pytestmark = pytest.mark.django_db
APR = datetime.date(2025, 4, 1)


@pytest.fixture
def imported() -> Organisation:
    organisation = Organisation.objects.create(name="Exempel kommun", slug="exempel")
    assert run(organisation).ok
    return organisation


def appointments(organisation: Organisation) -> list[tuple[str, str, str, object, object]]:
    return [
        (
            a.person.employee_number,
            a.unit.code if a.unit else "",
            a.kind,
            a.started_on,
            a.ended_on,
        )
        for a in ManagerAppointment.objects.filter(organisation=organisation).order_by(
            "person__employee_number", "started_on", "pk"
        )
    ]


def test_the_first_import_of_an_organisation_is_the_baseline(imported: Organisation) -> None:
    assert Person.objects.filter(organisation=imported, is_manager=True).count() == 2
    assert appointments(imported) == []


def test_an_import_that_makes_a_person_a_manager_records_one_appointment(
    imported: Organisation,
) -> None:
    rows = edited(ROSTER, "102", is_manager="ja", title="Enhetschef")
    result = run(imported, rows, date=MAR)
    assert result.ok
    assert result.appointments_started == 1
    assert appointments(imported) == [("102", "EN1", "first", MAR, None)]
    appointment = ManagerAppointment.objects.get()
    assert appointment.source == "roster"

    again = run(imported, rows, date=APR)
    assert again.ok
    assert again.appointments_started == 0
    assert ManagerAppointment.objects.count() == 1


def test_a_change_of_unit_ends_the_old_appointment_and_starts_a_new_one(
    imported: Organisation,
) -> None:
    promoted = edited(ROSTER, "102", is_manager="ja")
    assert run(imported, promoted, date=MAR).ok
    moved = edited(promoted, "102", unit_code="EN2", unit_name="Enhet 2")
    assert run(imported, moved, date=APR).ok
    assert appointments(imported) == [
        ("102", "EN1", "first", MAR, APR),
        ("102", "EN2", "change", APR, None),
    ]


def test_a_manager_from_before_who_moves_gets_a_change_not_a_new_appointment(
    imported: Organisation,
) -> None:
    moved = edited(ROSTER, "101", unit_code="EN2", unit_name="Enhet 2", unit_kind="enhet")
    assert run(imported, moved, date=MAR).ok
    assert appointments(imported) == [("101", "EN2", "change", MAR, None)]


def test_leaving_a_manager_post_or_the_organisation_ends_the_appointment(
    imported: Organisation,
) -> None:
    promoted = edited(ROSTER, "102", is_manager="ja")
    assert run(imported, promoted, date=MAR).ok
    assert run(imported, ROSTER, date=APR).ok  # no longer a manager
    assert appointments(imported) == [("102", "EN1", "first", MAR, APR)]
    assert run(imported, promoted, date=datetime.date(2025, 5, 1)).ok
    without = [row for row in promoted if row[0] != "102"]
    assert run(imported, without, date=datetime.date(2025, 6, 1)).ok
    assert appointments(imported)[-1] == (
        "102",
        "EN1",
        "change",
        datetime.date(2025, 5, 1),
        datetime.date(2025, 6, 1),
    )


def test_a_new_person_who_is_a_manager_is_a_new_manager(imported: Organisation) -> None:
    rows = [
        *ROSTER,
        ["104", "Eva", "Holm", "eva@ex.se", "EN2", "Enhet 2", "enhet", "AVD1", "Enhetschef"]
        + ["ja", "101", "", ""],
    ]
    assert run(imported, rows, date=MAR).ok
    assert appointments(imported) == [("104", "EN2", "first", MAR, None)]


def test_a_dry_run_records_no_appointment(imported: Organisation) -> None:
    assert run(imported, edited(ROSTER, "102", is_manager="ja"), dry_run=True).ok
    assert not ManagerAppointment.objects.exists()


def test_the_api_push_records_appointments_through_the_same_path(imported: Organisation) -> None:
    rows = edited(ROSTER, "103", is_manager="ja")
    result = roster_import_rows(
        organisation=imported,
        columns=HEADER,
        rows=[(i, row) for i, row in enumerate(rows[1:], start=2)],
        effective_date=MAR,
        source="API: HR-systemet",
    )
    assert result.ok
    appointment = ManagerAppointment.objects.get()
    assert (appointment.person.employee_number, appointment.source) == ("103", "API: HR-systemet")
    assert appointment.started_on == MAR


def test_appointments_are_declared_personal_data() -> None:
    load_declarations()
    (declaration,) = declarations_for(ManagerAppointment)
    assert declaration.subject == "person_id"
    assert "started_on" in declaration.fields


def test_the_register_extract_lists_appointments_and_erasure_removes_them(
    imported: Organisation,
) -> None:
    assert run(imported, edited(ROSTER, "102", is_manager="ja"), date=MAR).ok
    person = Person.objects.get(organisation=imported, employee_number="102")
    extract = build_extract(person)  # in Swedish, whatever the request's language
    [section] = [s for s in extract.sections if s.rows and s.rows[0][0] == "Enhet 1"]
    assert len(section.rows) == 1
    assert section.rows[0][2:] == ["2025-03-01", "–", "roster"]
    erase_person(person)
    assert not ManagerAppointment.objects.filter(person=person).exists()
