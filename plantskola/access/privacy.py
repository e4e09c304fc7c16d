"""Register extracts, erasure, retention rules and the record of processing: HR's duties."""

from __future__ import annotations

from django.db.models import QuerySet

from plantskola.access.base import Action, UserLike, deny_unless, get_visible_or_404
from plantskola.access.core import people_for_user
from plantskola.access.principal import principal
from plantskola.core.models import Organisation, Person


def extract_can_make(user: UserLike, person: Person) -> bool:
    p = principal(user)
    return p.is_superuser or person.organisation_id in p.hr_org_ids


def extract_person_get_for_user(user: UserLike, pk: int) -> Person:
    """A person whose register extract (or erasure) this user may make: HR administrators of
    the person's organisation and superusers. Others: 404 if they cannot see the person at
    all, 403 if they can."""
    person = get_visible_or_404(people_for_user(user).select_related("organisation"), pk=pk)
    deny_unless(extract_can_make(user, person))
    return person


def weeding_organisations_for_user(user: UserLike) -> QuerySet[Organisation]:
    """Organisations whose retention rules, weeding schedule and log the user may see: their
    HR administrators and coordinators. Only HR administrators change the rules
    (`retention_can_change`)."""
    p = principal(user)
    if not p.is_authenticated:
        return Organisation.objects.none()
    if p.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=p.staff_org_ids)


def retention_can_change(user: UserLike, organisation: Organisation) -> bool:
    p = principal(user)
    return p.is_superuser or organisation.pk in p.hr_org_ids


def weeding_organisation_get_for_user(
    user: UserLike, pk: int, *, action: Action = Action.VIEW
) -> Organisation:
    """An organisation whose weeding page the user may see: 404 otherwise; with CHANGE (its
    retention rules), 403 unless they are its HR administrator."""
    organisation = get_visible_or_404(weeding_organisations_for_user(user), pk=pk)
    if action == Action.CHANGE:
        deny_unless(retention_can_change(user, organisation))
    elif action != Action.VIEW:
        raise ValueError(f"No rule for {action} on an organisation's weeding")
    return organisation


def records_of_processing_can_view(user: UserLike) -> bool:
    """The record of processing is for those who answer for the processing: HR administrators
    (and superusers)."""
    p = principal(user)
    return p.is_superuser or bool(p.hr_org_ids)
