"""Authorization-matrix rows for the manager posts (plantskola.insights.posts).

HR administrators of the organisation (and the superuser) record posts, applicants and
scorecards. The organisation's coordinator sees its insights but not these (403); everyone
else, the partner's and the other organisation's HR administrators included, gets 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from plantskola.insights.models import ManagerPost, PostApplicant
from tests.authz import Row, roles
from tests.conftest import World

HR_ONLY = roles(404, admin=200, hr=200, coordinator=403)


def host(w: World) -> list[Any]:
    return [w.host.pk]


def _post(w: World) -> ManagerPost:
    post, _ = ManagerPost.objects.get_or_create(
        organisation=w.host,
        title="Enhetschef",
        defaults={"unit_id": w.unit_id, "opened_on": dt.date(2025, 1, 1)},
    )
    return post


def post(w: World) -> list[Any]:
    return [_post(w).pk]


def applicant(w: World) -> list[Any]:
    row, _ = PostApplicant.objects.get_or_create(
        post=_post(w),
        name="Extern Sökande",
        defaults={"applied_on": dt.date(2025, 1, 10)},
    )
    return [row.pk]


ROWS: list[Row] = [
    Row("insights:post_list", host, HR_ONLY),
    Row("insights:post_create", host, HR_ONLY),
    Row("insights:post_detail", post, HR_ONLY),
    Row("insights:post_edit", post, HR_ONLY),
    Row("insights:post_delete", post, HR_ONLY),
    Row("insights:post_applicant_create", post, HR_ONLY),
    Row("insights:post_applicant_edit", applicant, HR_ONLY),
    Row("insights:post_applicant_delete", applicant, HR_ONLY),
    Row("insights:post_scorecard", applicant, HR_ONLY),
]
