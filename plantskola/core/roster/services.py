"""Running a roster import, and its writes: all of a file or nothing, in one transaction."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from plantskola.core import spreadsheets
from plantskola.core.audit.services import audit_record
from plantskola.core.models import (
    AuditEntry,
    ImportMapping,
    Organisation,
    OrgUnit,
    Person,
    PersonChange,
    RosterImport,
    User,
)
from plantskola.core.roster.appointments import appointments_record, managers_now
from plantskola.core.roster.diff import PersonDiff, RosterPlan
from plantskola.core.roster.hierarchy import by_level, check_people, check_units
from plantskola.core.roster.selectors import units_by_code
from plantskola.core.roster.validation import parse_row, read_roster
from plantskola.core.services import (
    import_mapping_columns,
    import_mapping_save,
    units_rebuild_paths,
)
from plantskola.core.spreadsheets import ErrorList, SpreadsheetError, error_count

BATCH_SIZE = 500
# Changes kept with an uploaded file for its preview.
PREVIEW_ROWS = 500
# An import that ends more than this share of the active people asks for a confirmation.
LEAVERS_CONFIRM_SHARE = 0.2


@dataclass
class RosterResult:
    errors: list[SpreadsheetError] = field(default_factory=list)
    diffs: list[PersonDiff] = field(default_factory=list)
    units_created: int = 0
    dry_run: bool = False
    applied: bool = False
    unchanged: int = 0
    # How the file was read and its columns (`spreadsheets.Table.describe`).
    reading: dict[str, Any] = field(default_factory=dict)
    # The column mapping the file was read with (normalised heading → column).
    mapping: dict[str, str] = field(default_factory=dict)
    # Active people of the organisation before the import.
    active_before: int = 0
    # Manager appointments the import started (`core.roster.appointments`).
    appointments_started: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_count(self) -> int:
        """The exact number of problems (`errors` groups those alike on several rows)."""
        return error_count(self.errors)

    def counts(self) -> dict[str, int]:
        counts = {kind: 0 for kind in ("created", "updated", "left", "returned")}
        for diff in self.diffs:
            counts[diff.kind] += 1
        counts["unchanged"] = self.unchanged
        counts["units_created"] = self.units_created
        return counts


@transaction.atomic
def roster_import(
    *,
    organisation: Organisation,
    content: bytes,
    filename: str,
    effective_date: datetime.date,
    dry_run: bool = False,
    source: str = "roster",
    mapping: Mapping[str, str] | None = None,
    record: RosterImport | None = None,
) -> RosterResult:
    """Check a roster file and, unless `dry_run` or the file has errors, apply it.

    The columns are read with `mapping` (normalised heading → column), by default the
    organisation's saved one. Returns the errors (then nothing is written) or what changed
    (or would change).
    """
    result = RosterResult(dry_run=dry_run)
    errors = ErrorList()
    if mapping is None:
        mapping = import_mapping_columns(organisation=organisation, kind=ImportMapping.Kind.ROSTER)
    table = read_roster(content, filename, errors, mapping)
    if table is None:
        result.errors = errors.result()
        return result
    header, rows_read = table.header, table.rows
    result.reading = table.describe()
    result.mapping = header.mapping()
    return _check_and_apply(
        result,
        errors,
        organisation=organisation,
        header=header,
        rows_read=rows_read,
        effective_date=effective_date,
        source=source,
        record=record,
    )


def _check_and_apply(
    result: RosterResult,
    errors: ErrorList,
    *,
    organisation: Organisation,
    header: spreadsheets.Header,
    rows_read: list[tuple[int, list[str]]],
    effective_date: datetime.date,
    source: str,
    record: RosterImport | None = None,
) -> RosterResult:
    """The import after reading, for a file and for pushed rows alike: check every row and
    the units, plan the changes and, unless it is a dry run, apply and audit them (`errors`
    may already hold what reading the file found: then nothing is applied either)."""
    present = set(header.indexes)
    if not result.dry_run:
        # Two imports of one organisation at once would race on the unique employee numbers.
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()

    max_birth_year = timezone.localdate().year - 14
    rows = [parse_row(number, cells, header, errors, max_birth_year) for number, cells in rows_read]
    existing_units = units_by_code(organisation=organisation)
    by_number = check_people(rows, errors)
    specs = check_units(rows, existing_units, "parent_unit_code" in present, errors)
    if errors:
        result.errors = errors.result()
        return result

    plan = RosterPlan(
        organisation=organisation,
        rows=list(by_number.values()),
        present=present,
        existing_units=existing_units,
        specs=specs,
        effective_date=effective_date,
        source=source,
    )
    result.diffs = plan.diffs
    result.units_created = len(plan.new_units)
    result.unchanged = plan.unchanged
    result.active_before = sum(1 for person in plan.people.values() if person.is_active)
    if not result.dry_run:
        managers_before = managers_now(organisation=organisation)
        # An organisation's first import is the baseline: nobody became a manager by it.
        baseline = not plan.people
        _apply(plan)
        result.appointments_started = appointments_record(
            organisation=organisation,
            before=managers_before,
            baseline=baseline,
            effective_date=effective_date,
            source=source,
            roster_import=record,
        )
        result.applied = True
        counts = result.counts()
        audit_record(
            AuditEntry.Action.IMPORT,
            object_type="core.person",
            organisation_id=organisation.pk,
            note=", ".join(f"{kind} {n}" for kind, n in counts.items()) + f" ({source})",
        )
    return result


@transaction.atomic
def roster_preview_create(
    *,
    organisation: Organisation,
    uploaded_by: User,
    filename: str,
    content: bytes,
    effective_date: datetime.date,
) -> tuple[RosterResult, RosterImport | None]:
    """Check an uploaded file without applying it and, if it has no errors, keep it with the
    changes it would make (the first `PREVIEW_ROWS`) until it is confirmed; the
    organisation's earlier unconfirmed file goes."""
    result = roster_import(
        organisation=organisation,
        content=content,
        filename=filename,
        effective_date=effective_date,
        dry_run=True,
    )
    if not result.ok:
        return result, None
    # One unconfirmed file per organisation: an earlier one (which may hold columns that are
    # never read, such as personal identity numbers) is not kept once a newer one is checked.
    RosterImport.objects.filter(
        organisation=organisation, status=RosterImport.Status.PREVIEWED
    ).delete()
    record = RosterImport.objects.create(
        organisation=organisation,
        uploaded_by=uploaded_by,
        filename=filename,
        content=content,
        effective_date=effective_date,
        summary=_summary(result),
    )
    return result, record


def _summary(result: RosterResult) -> dict[str, Any]:
    return {
        "counts": result.counts(),
        "reading": result.reading,
        "mapping": result.mapping,
        "active_before": result.active_before,
        "diffs": [
            {
                "employee_number": d.employee_number,
                "name": d.name,
                "kind": d.kind,
                "changes": [list(c) for c in d.changes],
            }
            for d in result.diffs[:PREVIEW_ROWS]
        ],
        "more": max(0, len(result.diffs) - PREVIEW_ROWS),
    }


@transaction.atomic
def roster_preview_remap(*, record: RosterImport, mapping: Mapping[str, str]) -> RosterResult:
    """Check a previewed file again with the columns HR chose, and remember them for the
    organisation's next import. A mapping the file cannot be read with changes nothing."""
    result = roster_import(
        organisation=record.organisation,
        content=bytes(record.content),
        filename=record.filename,
        effective_date=record.effective_date,
        dry_run=True,
        mapping=mapping,
    )
    if result.ok:
        import_mapping_save(
            organisation=record.organisation,
            kind=ImportMapping.Kind.ROSTER,
            columns=result.mapping,
        )
        record.summary = _summary(result)
        record.save(update_fields=["summary"])
    return result


def leavers_need_confirmation(summary: Mapping[str, Any]) -> bool:
    """Whether a previewed import ends more than `LEAVERS_CONFIRM_SHARE` of the
    organisation's active people (a file of the wrong organisation, or a part of the roster),
    so that HR must confirm the number explicitly."""
    left = int(summary.get("counts", {}).get("left", 0))
    return left > 0 and left > LEAVERS_CONFIRM_SHARE * int(summary.get("active_before", 0))


@transaction.atomic
def roster_preview_apply(*, record: RosterImport) -> RosterResult:
    """Import a previewed file (checked again against what is stored now) and mark it
    applied; the file itself is no longer kept once applied, only its summary."""
    result = roster_import(
        organisation=record.organisation,
        content=bytes(record.content),
        filename=record.filename,
        effective_date=record.effective_date,
        dry_run=False,
        mapping=record.summary.get("mapping"),
        record=record,
    )
    if result.ok:
        # The columns as confirmed are the organisation's for its next import.
        import_mapping_save(
            organisation=record.organisation,
            kind=ImportMapping.Kind.ROSTER,
            columns=result.mapping,
        )
        record.status = RosterImport.Status.APPLIED
        record.summary = {**record.summary, "counts": result.counts()}
        record.content = b""
        record.save(update_fields=["status", "summary", "content"])
    return result


# ---------------------------------------------------------------------------------------------
# Writing a plan


def _apply(plan: RosterPlan) -> None:
    _apply_units(plan)
    _apply_people(plan)
    PersonChange.objects.bulk_create(
        [
            PersonChange(
                person=plan.people[number],
                field=change_field,
                old_value=old[:300],
                new_value=new[:300],
                effective_date=plan.effective_date,
                source=plan.source[:60],
            )
            for number, change_field, old, new in plan.changes
        ],
        batch_size=BATCH_SIZE,
    )


def _apply_units(plan: RosterPlan) -> None:
    # New units are created parents first, so each is inserted with its parent and gets its
    # path right away; `units_rebuild_paths` then has only moved subtrees left to fix.
    new_codes = {unit.code for unit in plan.new_units}
    for batch in by_level(new_codes, plan.unit_parents):
        units = [plan.units[code] for code in batch]
        for unit in units:
            parent_code = plan.unit_parents[unit.code]
            unit.parent = plan.units[parent_code] if parent_code else None
        OrgUnit.objects.bulk_create(units, batch_size=BATCH_SIZE)
        for unit in units:
            unit.path = f"{unit.parent.path if unit.parent else '/'}{unit.pk}/"
            OrgUnit.objects.filter(pk=unit.pk).update(path=unit.path)

    updates = {plan.units[code].pk: fields for code, fields in plan.unit_updates.items()}
    for code, parent_code in plan.unit_parents.items():
        if code not in new_codes:
            parent = plan.units[parent_code] if parent_code else None
            updates.setdefault(plan.units[code].pk, {})["parent_id"] = parent and parent.pk
    _update_grouped(OrgUnit, updates)
    if plan.new_units or updates:
        units_rebuild_paths(organisation=plan.organisation)


def _apply_people(plan: RosterPlan) -> None:
    # New people are created managers first, so each is inserted with its manager.
    new = {person.employee_number: (person, row) for person, row in plan.new_people}
    for batch in by_level(set(new), plan.managers):
        people = [new[number][0] for number in batch]
        for person in people:
            manager = plan.managers[person.employee_number]
            person.manager = plan.people[manager] if manager else None
            person.unit = plan.units[new[person.employee_number][1].unit_code]
        Person.objects.bulk_create(people, batch_size=BATCH_SIZE)
        plan.people.update((person.employee_number, person) for person in people)

    updates = {plan.people[number].pk: fields for number, fields in plan.person_updates.items()}
    for number, code in plan.person_units.items():
        updates[plan.people[number].pk]["unit_id"] = plan.units[code].pk
    for number, manager in plan.managers.items():
        if number not in new:
            manager_pk = plan.people[manager].pk if manager else None
            updates[plan.people[number].pk]["manager_id"] = manager_pk
    for person in plan.leavers:
        updates[person.pk] = {"is_active": False}
    _update_grouped(Person, updates)


def _update_grouped(
    model: type[OrgUnit] | type[Person], updates: dict[int, dict[str, object]]
) -> None:
    """Write {pk: {field: value}} with one UPDATE per distinct (field, value) and batch of pks.

    A roster's changes repeat values (a reorganisation moves many people to few units; a new
    title comes to many), and Django's `bulk_update` builds a CASE per row and field that takes
    seconds for a few thousand rows.
    """
    groups: dict[tuple[str, object], list[int]] = {}
    for pk, fields in updates.items():
        for name, value in fields.items():
            groups.setdefault((name, value), []).append(pk)
    for (name, value), pks in groups.items():
        for start in range(0, len(pks), BATCH_SIZE):
            model.objects.filter(pk__in=pks[start : start + BATCH_SIZE]).update(**{name: value})


# ---------------------------------------------------------------------------------------------
# The same import from rows (the API's roster push)


@transaction.atomic
def roster_import_rows(
    *,
    organisation: Organisation,
    columns: list[str],
    rows: list[tuple[int, list[str]]],
    effective_date: datetime.date,
    dry_run: bool = False,
    source: str = "api",
) -> RosterResult:
    """`roster_import` for rows that are already cells, without a file: `columns` are the
    canonical column names (`validation.COLUMNS`) of the cells, and each row carries the
    number its errors are reported with. The same checks, plan, writes and audit entry as a
    file; only the reading of the file is left out."""
    result = RosterResult(dry_run=dry_run)
    header = spreadsheets.Header(
        indexes={c: i for i, c in enumerate(columns)}, headings={c: c for c in columns}
    )
    return _check_and_apply(
        result,
        ErrorList(),
        organisation=organisation,
        header=header,
        rows_read=rows,
        effective_date=effective_date,
        source=source,
    )
