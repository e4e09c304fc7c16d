"""The nominations' part of the start page: the user's unanswered nominations, the link to
nominate (managers and HR), to the talent pool (HR administrators) and to one's own interest
in a manager role (those who qualify for the pool)."""

from __future__ import annotations

from plantskola.access.admissions import (
    nomination_can_nominate,
    own_nominations_for_user,
    talent_pool_can_view,
)
from plantskola.access.base import UserLike
from plantskola.access.core import organisations_for_user, own_person
from plantskola.admissions.models import Nomination
from plantskola.admissions.nominations.selectors import talent_pool_eligible


def home_sections(*, user: UserLike) -> dict[str, object]:
    if not user.is_authenticated:
        return {}
    pending = list(
        own_nominations_for_user(user)
        .filter(status=Nomination.Status.PENDING)
        .select_related("call", "nominated_by")
    )
    pools = [o for o in organisations_for_user(user) if talent_pool_can_view(user, o)]
    person = own_person(user)
    return {
        "talent_eligible": person is not None and talent_pool_eligible(person),
        "pending_nominations": pending,
        "can_nominate": nomination_can_nominate(user),
        "talent_pool_organisations": pools,
    }
