"""What a roster import changes: worked out from the checked rows and what is stored, before
anything is written (a dry run shows it; `services` writes it)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from plantskola.core.models import Organisation, OrgUnit, Person, PersonChange
from plantskola.core.roster.hierarchy import UnitSpec
from plantskola.core.roster.selectors import people_by_number
from plantskola.core.roster.validation import RosterRow


@dataclass(frozen=True)
class PersonDiff:
    """What an import does (or would do) to one person; `changes` are (field, old, new)."""

    employee_number: str
    name: str
    kind: str  # "created" | "updated" | "left" | "returned"
    changes: tuple[tuple[str, str, str], ...] = ()


def change_field_labels() -> dict[str, str]:
    """The fields of `PersonDiff.changes` by name, as shown to people."""
    labels = {field: str(label) for field, label in PersonChange.Field.choices}
    return labels | {"gender": _("Gender"), "birth_year": _("Birth year")}


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _unit_label(name: str, code: str) -> str:
    return f"{name} ({code})"


def _person_label(name: str, number: str) -> str:
    return f"{name} ({number})"


class RosterPlan:
    """Everything an import will write, worked out from the file and the database alone.

    `services.roster_import` writes it (and only it), reading the attributes set here.
    """

    def __init__(
        self,
        *,
        organisation: Organisation,
        rows: list[RosterRow],
        present: set[str],
        existing_units: dict[str, OrgUnit],
        specs: dict[str, UnitSpec],
        effective_date: datetime.date,
        source: str,
    ) -> None:
        self.organisation = organisation
        self.effective_date = effective_date
        self.source = source
        self.diffs: list[PersonDiff] = []
        self.unchanged = 0
        self._plan_units(existing_units, specs, "parent_unit_code" in present)
        self._plan_people(rows, present)

    # Units -----------------------------------------------------------------------------------

    def _plan_units(
        self, existing: dict[str, OrgUnit], specs: dict[str, UnitSpec], parent_column: bool
    ) -> None:
        self.units = dict(existing)
        code_of = {unit.pk: code for code, unit in existing.items()}
        self.new_units: list[OrgUnit] = []
        self.unit_updates: dict[str, dict[str, object]] = {}  # code → changed fields
        # Parents are set by code once the parent exists: code → parent's code.
        self.unit_parents: dict[str, str | None] = {}
        for code, spec in specs.items():
            unit = existing.get(code)
            if unit is None:
                unit = OrgUnit(
                    organisation=self.organisation,
                    code=code,
                    name=spec.name or code,
                    kind=spec.kind or OrgUnit.Kind.UNIT,
                )
                self.units[code] = unit
                self.new_units.append(unit)
                self.unit_parents[code] = spec.parent_code or None
                continue
            old_parent = code_of.get(unit.parent_id) if unit.parent_id else None
            new_parent = (spec.parent_code or None) if parent_column else old_parent
            updates: dict[str, object] = {}
            if spec.name and spec.name != unit.name:
                updates["name"] = unit.name = spec.name
            if spec.kind and spec.kind != unit.kind:
                updates["kind"] = unit.kind = spec.kind
            if updates:
                self.unit_updates[code] = updates
            if new_parent != old_parent:
                self.unit_parents[code] = new_parent

    # People ----------------------------------------------------------------------------------

    def _plan_people(self, rows: list[RosterRow], present: set[str]) -> None:
        people = people_by_number(organisation=self.organisation)
        number_of = {p.pk: number for number, p in people.items()}
        names = {number: p.full_name for number, p in people.items()}
        names.update({row.employee_number: row.full_name for row in rows})
        unit_code_of = {unit.pk: code for code, unit in self.units.items() if unit.pk}

        def unit_label(code: str | None) -> str:
            return _unit_label(self.units[code].name, code) if code else ""

        def manager_label(number: str | None) -> str:
            return _person_label(names[number], number) if number else ""

        self.new_people: list[tuple[Person, RosterRow]] = []
        # Employee number → changed fields of a known person, by attribute name.
        self.person_updates: dict[str, dict[str, object]] = {}
        # Units and managers are set by code and number once every unit and person exists.
        self.person_units: dict[str, str] = {}
        self.managers: dict[str, str | None] = {}
        self.changes: list[tuple[str, str, str, str]] = []  # number, field, old, new
        self.people = people
        in_file: set[str] = set()

        for row in rows:
            number = row.employee_number
            in_file.add(number)
            person = people.get(number)
            if person is None:
                person = Person(
                    organisation=self.organisation,
                    employee_number=number,
                    first_name=row.first_name,
                    last_name=row.last_name,
                    email=row.email,
                    title=row.title,
                    is_manager=row.is_manager,
                    gender=row.gender,
                    birth_year=row.birth_year,
                )
                manager = row.manager_employee_number or None
                self.new_people.append((person, row))
                self.managers[number] = manager
                shown = [
                    ("unit", "", unit_label(row.unit_code)),
                    ("title", "", row.title),
                    ("is_manager", "", _yes_no(True) if row.is_manager else ""),
                    ("manager", "", manager_label(manager)),
                    ("email", "", row.email),
                ]
                self.diffs.append(
                    PersonDiff(
                        employee_number=number,
                        name=row.full_name,
                        kind="created",
                        changes=tuple(c for c in shown if c[2]),
                    )
                )
                self.changes.append((number, PersonChange.Field.CREATED, "", manager_label(number)))
                continue

            # (field, old value, new value); the first few are recorded in the history.
            diff: list[tuple[str, str, str]] = []
            old_unit = unit_code_of.get(person.unit_id) if person.unit_id else None
            old_manager = number_of.get(person.manager_id) if person.manager_id else None
            new_manager = (
                (row.manager_employee_number or None)
                if "manager_employee_number" in present
                else old_manager
            )
            updates: dict[str, object] = {}
            if (person.first_name, person.last_name) != (row.first_name, row.last_name):
                diff.append(("name", person.full_name, row.full_name))
                updates.update(first_name=row.first_name, last_name=row.last_name)
            if "email" in present and person.email != row.email:
                diff.append(("email", person.email, row.email))
                updates["email"] = row.email
            if old_unit != row.unit_code:
                diff.append(("unit", unit_label(old_unit), unit_label(row.unit_code)))
                self.person_units[number] = row.unit_code
            if "title" in present and person.title != row.title:
                diff.append(("title", person.title, row.title))
                updates["title"] = row.title
            if "is_manager" in present and person.is_manager != row.is_manager:
                diff.append(
                    ("is_manager", str(person.is_manager).lower(), str(row.is_manager).lower())
                )
                updates["is_manager"] = row.is_manager
            if old_manager != new_manager:
                diff.append(("manager", manager_label(old_manager), manager_label(new_manager)))
                self.managers[number] = new_manager
            recorded = list(diff)
            if "gender" in present and person.gender != row.gender:
                diff.append(("gender", person.gender, row.gender))
                updates["gender"] = row.gender
            if "birth_year" in present and person.birth_year != row.birth_year:
                diff.append(("birth_year", str(person.birth_year or ""), str(row.birth_year or "")))
                updates["birth_year"] = row.birth_year

            kind = "updated" if diff else ""
            if not person.is_active:
                kind = "returned"
                updates["is_active"] = True
                self.changes.append((number, PersonChange.Field.RETURNED, "", ""))
            if not kind:
                self.unchanged += 1
                continue
            self.person_updates[number] = updates
            for change_field, old, new in recorded:
                self.changes.append((number, change_field, old, new))
            self.diffs.append(
                PersonDiff(
                    employee_number=number,
                    name=row.full_name,
                    kind=kind,
                    changes=tuple(
                        (f, _yes_no(o == "true"), _yes_no(n == "true"))
                        if f == "is_manager"
                        else (f, o, n)
                        for f, o, n in diff
                    ),
                )
            )

        self.leavers = sorted(
            (p for number, p in people.items() if p.is_active and number not in in_file),
            key=lambda p: p.employee_number,
        )
        for person in self.leavers:
            self.changes.append((person.employee_number, PersonChange.Field.LEFT, "", ""))
            self.diffs.append(
                PersonDiff(
                    employee_number=person.employee_number, name=person.full_name, kind="left"
                )
            )
