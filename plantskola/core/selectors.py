"""Reads of organisations, units and people, always through what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet

from plantskola.access.core import people_for_user, units_for_user
from plantskola.core.models import OrgUnit, Person

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from plantskola.core.models import User


def person_list(
    *,
    user: User | AnonymousUser,
    query: str = "",
    unit: OrgUnit | None = None,
    managers_only: bool = False,
    include_inactive: bool = False,
) -> QuerySet[Person]:
    people = people_for_user(user).select_related("unit", "organisation", "manager")
    if not include_inactive:
        people = people.filter(is_active=True)
    for word in query.split():
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(employee_number__iexact=word)
            | Q(title__icontains=word)
        )
    if unit is not None:
        people = people.filter(unit__path__startswith=unit.path)
    if managers_only:
        people = people.filter(is_manager=True)
    return people.order_by("last_name", "first_name", "pk")


@dataclass
class UnitNode:
    unit: OrgUnit
    people: int
    children: list[UnitNode]


def unit_tree(*, user: User | AnonymousUser) -> list[UnitNode]:
    """The visible units as trees (one query), with the number of active people in each."""
    units = list(
        units_for_user(user)
        .select_related("organisation")
        .annotate(people_count=Count("people", filter=Q(people__is_active=True)))
        .order_by("organisation__name", "path")
    )
    nodes = {u.pk: UnitNode(unit=u, people=u.people_count, children=[]) for u in units}  # type: ignore[attr-defined]
    roots: list[UnitNode] = []
    for u in units:
        node = nodes[u.pk]
        if u.parent_id in nodes:
            nodes[u.parent_id].children.append(node)
        else:
            roots.append(node)
    for node in nodes.values():
        node.children.sort(key=lambda n: n.unit.name)
    return roots


def model_labels() -> dict[str, str]:
    """ "app_label.modelname" → the model's translated name, for logs and registers."""
    from django.apps import apps

    return {
        f"{m._meta.app_label}.{m._meta.model_name}": str(m._meta.verbose_name)
        for m in apps.get_models()
    }
