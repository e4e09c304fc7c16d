"""Reads of a seated event: who sits at which table, and each person's administration."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from plantskola.core.models import OrgUnit, Person
from plantskola.events.models import Event, Registration
from plantskola.events.selectors import registrations


def top_units(*, organisation_id: int) -> dict[int, OrgUnit]:
    """Each unit's id → its top-level unit (the administration or company it belongs to)."""
    units = {u.pk: u for u in OrgUnit.objects.filter(organisation_id=organisation_id)}
    result: dict[int, OrgUnit] = {}
    for unit in units.values():
        parts = [int(p) for p in unit.path.strip("/").split("/") if p]
        result[unit.pk] = units.get(parts[0], unit) if parts else unit
    return result


def administration_of(person: Person, tops: dict[int, OrgUnit]) -> str:
    """The name of the person's administration or company (their top-level unit)."""
    if person.unit_id is None or person.unit_id not in tops:
        return ""
    return tops[person.unit_id].name


@dataclass
class Seat:
    """One person at a table: their registration and their administration's name."""

    registration: Registration
    administration: str

    @property
    def person(self) -> Person:
        return self.registration.person


@dataclass
class Table:
    number: int
    people: list[Seat] = field(default_factory=list)
    per_administration: list[tuple[str, int]] = field(default_factory=list)


def seating_tables(*, event: Event) -> list[Table]:
    """The tables of a seated event, in order: who sits where, and per-administration counts."""
    tops = top_units(organisation_id=event.organisation_id)
    seated = (
        registrations(event=event)
        .filter(status=Registration.Status.REGISTERED, table_number__isnull=False)
        .order_by("table_number", "person__last_name", "person__first_name")
    )
    tables: dict[int, Table] = {}
    for registration in seated:
        number = registration.table_number
        assert number is not None  # noqa: S101 - filtered above
        table = tables.setdefault(number, Table(number))
        table.people.append(Seat(registration, administration_of(registration.person, tops)))
    for table in tables.values():
        counts = Counter(seat.administration for seat in table.people)
        table.per_administration = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [tables[n] for n in sorted(tables)]


@dataclass
class Move:
    """One person's table before and after a proposed seating (None: no table)."""

    person: Person
    before: int | None
    after: int | None


def seating_changes(*, event: Event, tables: dict[int, int]) -> list[Move]:
    """What a proposed seating (person id → table) changes: everyone whose table differs,
    by last and first name."""
    moves: list[Move] = []
    active = registrations(event=event).filter(status=Registration.Status.REGISTERED)
    for r in active.order_by("person__last_name", "person__first_name", "pk"):
        after = tables.get(r.person_id)
        if after != r.table_number:
            moves.append(Move(r.person, r.table_number, after))
    return moves
