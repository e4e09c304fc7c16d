"""The leadership platform: everyone in the organisation reads it; HR administrators change it."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, QuerySet

from plantskola.access.base import Action, UserLike, deny_unless, get_visible_or_404
from plantskola.access.core import organisation_can_change
from plantskola.access.principal import principal
from plantskola.core.models import Organisation

# What a platform holds: Value, Competency or RequirementProfile, each row of one organisation.
# Bound to Model, not to the union of the three: through a union bound, django-stubs types the
# querysets and new instances as that union rather than as the caller's model.
PlatformItem = TypeVar("PlatformItem", bound=Model)


def platform_organisations_for_user(user: UserLike) -> QuerySet[Organisation]:
    """Organisations whose leadership platform the user may read: their employer and the
    organisations they hold a role in. Only HR administrators change it."""
    p = principal(user)
    if not p.is_authenticated:
        return Organisation.objects.none()
    if p.is_superuser:
        return Organisation.objects.all()
    ids = set(p.staff_org_ids)
    if p.person_org_id is not None:
        ids.add(p.person_org_id)
    return Organisation.objects.filter(pk__in=ids)


def platform_can_change(user: UserLike, organisation: Organisation) -> bool:
    return organisation_can_change(user, organisation)


def platform_get_for_user(
    user: UserLike, *, slug: str, action: Action = Action.VIEW
) -> Organisation:
    """The organisation whose platform is read (VIEW) or edited (CHANGE): 404 if the user may
    not read it, 403 if they may read but not change it."""
    organisation = get_visible_or_404(platform_organisations_for_user(user), slug=slug)
    if action == Action.CHANGE:
        deny_unless(platform_can_change(user, organisation))
    return organisation


def platform_items_for_user(user: UserLike, model: type[PlatformItem]) -> QuerySet[PlatformItem]:
    """Values, competencies or requirement profiles of the platforms the user may read."""
    return model._default_manager.filter(organisation__in=platform_organisations_for_user(user))


def platform_item_get_for_user(
    user: UserLike,
    model: type[PlatformItem],
    pk: int,
    *,
    organisation: Organisation,
    action: Action = Action.VIEW,
) -> PlatformItem:
    """A value, competency or requirement profile of `organisation`'s platform: 404 if it is
    not there or the user may not read that platform, 403 if `action` is CHANGE and they may
    not change it."""
    item = get_visible_or_404(
        platform_items_for_user(user, model).filter(organisation=organisation), pk=pk
    )
    if action == Action.CHANGE:
        deny_unless(platform_can_change(user, organisation))
    return item
