"""`can(user, action, obj)`: a thin dispatcher over the domain modules' `<thing>_can_<verb>`.

Views that act on an object of several possible kinds, and templates' helpers, ask here; the
rules themselves live in the domain modules.
"""

from __future__ import annotations

from django.db.models import Model, QuerySet

from plantskola.access.base import Action, M, UserLike, deny_unless, get_visible_or_404
from plantskola.access.core import (
    organisation_can_change,
    organisation_can_view,
    people_can_view,
    person_can_change,
    person_can_view,
    roster_can_import,
    unit_can_view,
)
from plantskola.access.principal import principal
from plantskola.access.programmes import (
    edition_can,
    programme_can_change,
    programme_can_create,
    programme_can_view,
    session_can,
)
from plantskola.core.models import Organisation, OrgUnit, Person
from plantskola.programmes.models import Edition, Programme, Session


def can(user: UserLike, action: Action, obj: Model | None = None) -> bool:
    if not principal(user).is_authenticated:
        return False
    if action == Action.CREATE_PROGRAMME:
        return programme_can_create(user)
    if obj is None:
        # Whether the user has the capability anywhere; object checks follow below.
        if action == Action.IMPORT_ROSTER:
            return roster_can_import(user)
        if action == Action.VIEW_PEOPLE:
            return people_can_view(user)
        return False
    if isinstance(obj, Organisation):
        if action == Action.IMPORT_ROSTER:
            return roster_can_import(user, obj)
        if action in (Action.VIEW, Action.VIEW_PEOPLE):
            return organisation_can_view(user, obj)
        if action == Action.CHANGE:
            return organisation_can_change(user, obj)
        return False
    if isinstance(obj, Programme):
        if action == Action.VIEW:
            return programme_can_view(user, obj)
        if action == Action.CHANGE:
            return programme_can_change(user, obj)
        return False
    if isinstance(obj, Edition):
        return edition_can(user, action, obj)
    if isinstance(obj, Session):
        return session_can(user, action, obj)
    if isinstance(obj, Person):
        if action == Action.VIEW:
            return person_can_view(user, obj)
        if action == Action.CHANGE:
            return person_can_change(user, obj)
        return False
    if isinstance(obj, OrgUnit):
        return action == Action.VIEW and unit_can_view(user, obj)
    return False


def require(user: UserLike, action: Action, obj: Model | None = None) -> None:
    """Raise 403 unless the user may do `action` (to `obj`)."""
    deny_unless(can(user, action, obj))


def get_for_action_or_404(
    user: UserLike, queryset: QuerySet[M], action: Action, **lookup: object
) -> M:
    """Fetch-and-authorise: 404 if the user cannot see the object, 403 if they cannot act on it."""
    obj = get_visible_or_404(queryset, **lookup)
    require(user, action, obj)
    return obj
