"""Writes to organisations, units and people."""

from __future__ import annotations

from django.db import transaction

from plantskola.core.models import Organisation, OrgUnit


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
