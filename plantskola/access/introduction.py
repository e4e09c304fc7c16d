"""The introduction for new managers: who sees "Nya chefer" and proposes people.

The organisation's HR administrators and coordinators (and superusers) see its new managers,
mark the introduction programme and propose new managers for it. Nobody else: another
organisation's page is a 404, as if it did not exist.
"""

from __future__ import annotations

from django.db.models import QuerySet

from plantskola.access.base import Action, UserLike, deny_unless, get_visible_or_404
from plantskola.access.principal import principal
from plantskola.core.models import Organisation, Person
from plantskola.programmes.models import Programme


def new_managers_organisations_for_user(user: UserLike) -> QuerySet[Organisation]:
    """Organisations whose new managers this user may see."""
    p = principal(user)
    if not p.is_authenticated:
        return Organisation.objects.none()
    if p.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=p.managing_org_ids)


def new_managers_can_propose(user: UserLike, organisation: Organisation) -> bool:
    """Marking the introduction and proposing new managers: the same people who see them."""
    p = principal(user)
    return p.is_authenticated and (p.is_superuser or organisation.pk in p.managing_org_ids)


def new_managers_organisation_get_for_user(
    user: UserLike, slug: str, *, action: Action = Action.VIEW
) -> Organisation:
    """The organisation of a "Nya chefer" page: 404 unless the user may see it."""
    organisation = get_visible_or_404(new_managers_organisations_for_user(user), slug=slug)
    if action == Action.CHANGE:
        deny_unless(new_managers_can_propose(user, organisation))
    elif action != Action.VIEW:
        raise ValueError(f"No rule for {action} on an organisation's new managers")
    return organisation


def introduction_programmes_for_user(
    user: UserLike, organisation: Organisation
) -> QuerySet[Programme]:
    """The organisation's own programmes the user may mark as its introduction."""
    if not new_managers_can_propose(user, organisation):
        return Programme.objects.none()
    return Programme.objects.filter(organisation=organisation)


def new_managers_people_for_user(user: UserLike, organisation: Organisation) -> QuerySet[Person]:
    """The organisation's active people the user may propose (none unless they may propose)."""
    if not new_managers_can_propose(user, organisation):
        return Person.objects.none()
    return Person.objects.filter(organisation=organisation, is_active=True)
