"""The nominations' part of the start page: the user's unanswered nominations, the link to
nominate (managers and HR) and to the talent pool (HR administrators)."""

from __future__ import annotations

from plantskola.access.admissions import (
    nomination_can_nominate,
    own_nominations_for_user,
    talent_pool_can_view,
)
from plantskola.access.base import UserLike
from plantskola.access.core import organisations_for_user
from plantskola.admissions.models import Nomination


def home_sections(*, user: UserLike) -> dict[str, object]:
    if not user.is_authenticated:
        return {}
    pending = list(
        own_nominations_for_user(user)
        .filter(status=Nomination.Status.PENDING)
        .select_related("call", "nominated_by")
    )
    pools = [o for o in organisations_for_user(user) if talent_pool_can_view(user, o)]
    return {
        "pending_nominations": pending,
        "can_nominate": nomination_can_nominate(user),
        "talent_pool_organisations": pools,
    }
