"""A small organisation whose history is written by real roster imports, for the insights."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from plantskola.core.models import Organisation, OrgUnit, Person
from plantskola.core.roster.services import roster_import
from plantskola.programmes.models import Edition, Participant, Programme

HEADER = "anstallningsnummer;fornamn;efternamn;enhetskod;enhet;enhetstyp;overordnad_enhetskod;chef"
UNITS = {
    "A": ("Förvaltning A", "forvaltning", ""),
    "A1": ("Enhet A1", "enhet", "A"),
    "B": ("Förvaltning B", "forvaltning", ""),
}
# employee number → (first name, unit)
STAFF = {
    "E1": ("Ada", "A1"),
    "E2": ("Bo", "A1"),
    "E3": ("Cy", "A"),
    "E4": ("Di", "B"),
    "E5": ("Ek", "B"),
    "E6": ("Fa", "B"),
    "E7": ("Gu", "B"),
}


def roster_csv(managers: set[str], present: set[str] | None = None) -> bytes:
    lines = [HEADER]
    for number, (first, unit) in STAFF.items():
        if present is not None and number not in present:
            continue
        name, kind, parent = UNITS[unit]
        yes = "ja" if number in managers else "nej"
        lines.append(f"{number};{first};Provsson;{unit};{name};{kind};{parent};{yes}")
    return ("\n".join(lines) + "\n").encode()


def import_roster(
    org: Organisation, on: dt.date, managers: set[str], present: set[str] | None = None
) -> None:
    result = roster_import(
        organisation=org,
        content=roster_csv(managers, present),
        filename="personal.csv",
        effective_date=on,
    )
    assert result.ok, result.errors


@dataclass
class History:
    org: Organisation
    programme: Programme
    edition: Edition  # ended 2024-06-30
    running: Edition  # started 2026-01-01, not ended by TODAY
    people: dict[str, Person]
    admin_a: OrgUnit


TODAY = dt.date(2026, 6, 30)
ALL = set(STAFF)


def build_history() -> History:
    """E1–E5 complete an edition ending 2024-06-30; E6 withdraws, E7 is still active.

    After it: E1 becomes a manager 2024-09-30; E3 2024-10-31 and steps down 2025-04-30;
    E4 leaves 2025-01-31; E2 becomes a manager 2025-03-31; E5 stays an employee.
    """
    org = Organisation.objects.create(name="Provkommun", slug="prov")
    import_roster(org, dt.date(2024, 1, 1), set())
    import_roster(org, dt.date(2024, 9, 30), {"E1"})
    import_roster(org, dt.date(2024, 10, 31), {"E1", "E3"})
    import_roster(org, dt.date(2025, 1, 31), {"E1", "E3"}, ALL - {"E4"})
    import_roster(org, dt.date(2025, 3, 31), {"E1", "E2", "E3"}, ALL - {"E4"})
    import_roster(org, dt.date(2025, 4, 30), {"E1", "E2"}, ALL - {"E4"})
    people = {p.employee_number: p for p in Person.objects.filter(organisation=org)}
    programme = Programme.objects.create(organisation=org, name="Chefsaspiranter")
    edition = Edition.objects.create(
        programme=programme,
        name="Chefsaspiranter 2024",
        start_date=dt.date(2024, 1, 15),
        end_date=dt.date(2024, 6, 30),
        status=Edition.Status.COMPLETED,
    )
    for number in ("E1", "E2", "E3", "E4", "E5"):
        Participant.objects.create(edition=edition, person=people[number], status="completed")
    Participant.objects.create(edition=edition, person=people["E6"], status="withdrawn")
    Participant.objects.create(edition=edition, person=people["E7"], status="active")
    running = Edition.objects.create(
        programme=programme,
        name="Chefsaspiranter 2026",
        start_date=dt.date(2026, 1, 15),
        end_date=dt.date(2026, 12, 10),
    )
    Participant.objects.create(edition=running, person=people["E5"], status="active")
    return History(
        org=org,
        programme=programme,
        edition=edition,
        running=running,
        people=people,
        admin_a=OrgUnit.objects.get(organisation=org, code="A"),
    )


@pytest.fixture
def history(db: None) -> History:
    return build_history()
