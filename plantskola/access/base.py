"""Shared vocabulary of the access layer: the user type, actions, and the 404/403 helpers."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from plantskola.core.models import User

M = TypeVar("M", bound=Model)

UserLike = User | AnonymousUser


class Action(StrEnum):
    VIEW = "view"
    CHANGE = "change"
    MANAGE = "manage"
    CREATE_PROGRAMME = "create_programme"
    VIEW_PARTICIPANTS = "view_participants"
    TAKE_ATTENDANCE = "take_attendance"
    IMPORT_ROSTER = "import_roster"
    VIEW_PEOPLE = "view_people"
    VIEW_RESULTS = "view_results"
    COMMENT = "comment"
    SCHEDULE = "schedule"


def get_visible_or_404(queryset: QuerySet[M], **lookup: object) -> M:
    """Fetch one object from a `*_for_user` queryset: missing and hidden look the same."""
    try:
        return queryset.get(**lookup)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


def deny_unless(allowed: bool) -> None:
    """403 for a visible object the user may not act on."""
    if not allowed:
        raise PermissionDenied
