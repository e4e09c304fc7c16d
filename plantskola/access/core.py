"""Organisations, units and people: what of the roster a user may see and change.

HR administrators and coordinators see their organisation's units and people; a manager sees
their own unit subtree and direct reports; everyone sees themselves. Only HR administrators
change people and import the roster.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from plantskola.access.base import Action, UserLike, deny_unless, get_visible_or_404
from plantskola.access.principal import principal
from plantskola.core.models import Organisation, OrgUnit, Person


def organisations_for_user(user: UserLike) -> QuerySet[Organisation]:
    p = principal(user)
    if p.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=p.staff_org_ids)


def organisation_can_view(user: UserLike, organisation: Organisation) -> bool:
    p = principal(user)
    return p.is_authenticated and (p.is_superuser or organisation.pk in p.staff_org_ids)


def organisation_can_change(user: UserLike, organisation: Organisation) -> bool:
    p = principal(user)
    return p.is_authenticated and (p.is_superuser or organisation.pk in p.hr_org_ids)


def organisation_get_for_user(
    user: UserLike, *, slug: str, action: Action = Action.VIEW
) -> Organisation:
    """An organisation the user works in (HR or coordinator): 404 otherwise; 403 if `action`
    is CHANGE and they are not its HR administrator."""
    organisation = get_visible_or_404(organisations_for_user(user), slug=slug)
    if action == Action.CHANGE:
        deny_unless(organisation_can_change(user, organisation))
    return organisation


def roster_can_import(user: UserLike, organisation: Organisation | None = None) -> bool:
    """Import the staff roster: HR administrators (of `organisation`, or of any if None)."""
    p = principal(user)
    if not p.is_authenticated:
        return False
    if organisation is None:
        return p.is_superuser or bool(p.hr_org_ids)
    return p.is_superuser or organisation.pk in p.hr_org_ids


def people_can_view(user: UserLike, organisation: Organisation | None = None) -> bool:
    """Browse people: staff of `organisation`; with None, anyone who can browse anywhere (staff
    and managers)."""
    p = principal(user)
    if not p.is_authenticated:
        return False
    if organisation is None:
        return p.is_superuser or bool(p.staff_org_ids) or p.is_manager
    return p.is_superuser or organisation.pk in p.staff_org_ids


def units_for_user(user: UserLike) -> QuerySet[OrgUnit]:
    p = principal(user)
    if not p.is_authenticated:
        return OrgUnit.objects.none()
    if p.is_superuser:
        return OrgUnit.objects.all()
    q = Q(organisation_id__in=p.staff_org_ids)
    if p.manager_unit_path:
        q |= Q(path__startswith=p.manager_unit_path)
    return OrgUnit.objects.filter(q)


def unit_can_view(user: UserLike, unit: OrgUnit) -> bool:
    return units_for_user(user).filter(pk=unit.pk).exists()


def people_for_user(user: UserLike) -> QuerySet[Person]:
    """The roster as this user may see it: staff see their organisation, managers their units."""
    p = principal(user)
    if not p.is_authenticated:
        return Person.objects.none()
    if p.is_superuser:
        return Person.objects.all()
    q = Q(organisation_id__in=p.staff_org_ids)
    if p.person_id is not None:
        q |= Q(pk=p.person_id)
        if p.manager_unit_path:
            q |= Q(unit__path__startswith=p.manager_unit_path, organisation_id=p.person_org_id)
            q |= Q(manager_id=p.person_id)
    return Person.objects.filter(q)


def person_can_view(user: UserLike, person: Person) -> bool:
    return people_for_user(user).filter(pk=person.pk).exists()


def person_can_change(user: UserLike, person: Person) -> bool:
    """Correct a person's details: HR administrators of the person's organisation."""
    p = principal(user)
    return p.is_authenticated and (p.is_superuser or person.organisation_id in p.hr_org_ids)


def person_get_for_user(user: UserLike, pk: int, *, action: Action = Action.VIEW) -> Person:
    person = get_visible_or_404(people_for_user(user).select_related("organisation"), pk=pk)
    if action == Action.CHANGE:
        deny_unless(person_can_change(user, person))
    return person


def own_person(user: UserLike) -> Person | None:
    """The user's own active person in the roster, if any."""
    person_id = principal(user).person_id
    if person_id is None:
        return None
    return Person.objects.filter(pk=person_id).first()


def closest_manager(person: Person) -> Person | None:
    """The person's closest manager from the roster: `Person.manager`, else the manager of the
    nearest unit up the tree (not the person themself)."""
    if person.manager_id is not None:
        manager = Person.objects.filter(pk=person.manager_id, is_active=True).first()
        if manager is not None:
            return manager
    if person.unit is None:
        return None
    ancestors = [int(part) for part in person.unit.path.strip("/").split("/") if part]
    for unit_id in reversed(ancestors):
        manager = (
            Person.objects.filter(unit_id=unit_id, is_manager=True, is_active=True)
            .exclude(pk=person.pk)
            .order_by("pk")
            .first()
        )
        if manager is not None:
            return manager
    return None
