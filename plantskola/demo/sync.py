"""Upserts on natural keys in a handful of queries, so loading the demo twice changes nothing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)

Key = tuple[Any, ...]


def index(objects: Iterable[M], keys: Sequence[str]) -> dict[Key, M]:
    return {tuple(getattr(obj, k) for k in keys): obj for obj in objects}


def sync_rows(
    model: type[M],
    *,
    keys: Sequence[str],
    rows: Iterable[dict[str, Any]],
    existing: QuerySet[M] | dict[Key, M],
) -> dict[Key, M]:
    """Create the rows missing from `existing`, update those that differ; return all by key.

    Rows use attribute names (`edition_id`, not `edition`) so they compare without queries.
    `existing` may be a dict from an earlier call, which is updated in place.
    """
    found = existing if isinstance(existing, dict) else index(existing, keys)
    to_create: list[M] = []
    to_update: list[M] = []
    fields: set[str] = set()
    seen: set[Key] = set()
    for row in rows:
        key = tuple(row[k] for k in keys)
        if key in seen:
            raise ValueError(f"duplicate demo row for {model.__name__} {key}")
        seen.add(key)
        obj = found.get(key)
        if obj is None:
            obj = model(**row)
            to_create.append(obj)
            found[key] = obj
            continue
        changed = [name for name, value in row.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, row[name])
            to_update.append(obj)
            fields.update(changed)
    if to_create:
        model._default_manager.bulk_create(to_create, batch_size=500)
    if to_update:
        model._default_manager.bulk_update(to_update, sorted(fields), batch_size=500)
    return found


def sync_pairs(
    through: type[Model], *, left: str, right: str, pairs: Iterable[tuple[int, int]]
) -> int:
    """Add the missing rows of a many-to-many table; returns how many were added."""
    wanted = set(pairs)
    lefts = {a for a, _ in wanted}
    have = set(through._default_manager.filter(**{f"{left}__in": lefts}).values_list(left, right))
    missing = sorted(wanted - have)
    through._default_manager.bulk_create(
        [through(**{left: a, right: b}) for a, b in missing], batch_size=500
    )
    return len(missing)
