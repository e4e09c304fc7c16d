"""Reads of organisations, units and people, always through what the user may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from plantskola.access.base import UserLike
from plantskola.access.core import people_for_user, units_for_user
from plantskola.access.principal import principal
from plantskola.core.models import OrgUnit, Person


def person_list(
    *,
    user: UserLike,
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


def person_reports(*, user: UserLike, person: Person) -> QuerySet[Person]:
    """The person's active direct reports that the user may see."""
    return people_for_user(user).filter(manager=person, is_active=True)


def team_size(*, user: UserLike) -> int:
    """How many active people a manager sees, not counting themself; 0 for anyone else."""
    p = principal(user)
    if not p.is_manager:
        return 0
    return people_for_user(user).filter(is_active=True).exclude(pk=p.person_id or 0).count()


@dataclass
class UnitNode:
    unit: OrgUnit
    people: int
    children: list[UnitNode]


def unit_tree(*, user: UserLike) -> list[UnitNode]:
    """The visible units as trees (one query), with the number of active people in each."""
    units = list(
        units_for_user(user)
        .select_related("organisation")
        .annotate(people_count=Count("people", filter=Q(people__is_active=True)))
        .order_by("organisation__name", "path")
    )
    nodes = {u.pk: UnitNode(unit=u, people=u.people_count, children=[]) for u in units}
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


def unit_children(*, user: UserLike, unit: OrgUnit) -> QuerySet[OrgUnit]:
    """The unit's sub-units that the user may see, by name."""
    return units_for_user(user).filter(parent=unit).order_by("name")
