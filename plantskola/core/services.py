"""Writes to organisations, units and people, and an organisation's import column mappings."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction

from plantskola.core.models import ImportMapping, Organisation, OrgUnit


def import_mapping_columns(*, organisation: Organisation, kind: str) -> dict[str, str]:
    """The organisation's saved column mapping of one kind of import (normalised heading →
    column, "" for not used); empty if none is saved."""
    saved = ImportMapping.objects.filter(organisation=organisation, kind=kind).first()
    return dict(saved.columns) if saved is not None else {}


@transaction.atomic
def import_mapping_save(
    *, organisation: Organisation, kind: str, columns: Mapping[str, str]
) -> ImportMapping:
    """Remember the columns of a file for the organisation's next import of this kind: the
    headings given here replace what was saved for them, other saved headings stay."""
    mapping, _created = ImportMapping.objects.select_for_update().get_or_create(
        organisation=organisation, kind=kind
    )
    mapping.columns = {**mapping.columns, **columns}
    mapping.save(update_fields=["columns", "updated_at"])
    return mapping


@transaction.atomic
def units_rebuild_paths(*, organisation: Organisation) -> int:
    """Recompute every unit's materialised path of one organisation; returns the number changed.

    Called after any write that creates units or moves them in the tree. Raises ValueError on
    a cycle, which the callers' validation must already have ruled out.
    """
    units = {u.pk: u for u in OrgUnit.objects.filter(organisation=organisation)}
    paths: dict[int, str] = {}

    def path_of(pk: int, seen: frozenset[int] = frozenset()) -> str:
        if pk in paths:
            return paths[pk]
        if pk in seen:
            raise ValueError(f"cycle in unit tree at unit {pk}")
        unit = units[pk]
        prefix = path_of(unit.parent_id, seen | {pk}) if unit.parent_id in units else "/"
        paths[pk] = f"{prefix}{pk}/"
        return paths[pk]

    changed = []
    for pk, unit in units.items():
        new = path_of(pk)
        if unit.path != new:
            unit.path = new
            changed.append(unit)
    OrgUnit.objects.bulk_update(changed, ["path"], batch_size=500)
    return len(changed)


def unit_create(
    *,
    organisation: Organisation,
    code: str,
    name: str,
    kind: str = OrgUnit.Kind.UNIT,
    parent: OrgUnit | None = None,
) -> OrgUnit:
    unit = OrgUnit.objects.create(
        organisation=organisation, code=code, name=name, kind=kind, parent=parent
    )
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.save(update_fields=["path"])
    return unit
