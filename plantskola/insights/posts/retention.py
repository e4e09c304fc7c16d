"""Weeding of external applicants for manager posts (registered in
`plantskola.privacy.weeding` from `InsightsConfig.ready`).

The recruitment system keeps an external applicant's name, birth year and the interviewers'
notes only as long as a complaint about the appointment is possible and the post may be
followed up: by default two years after the post closed. Then the name and birth year are
blanked and the scorecards' evidence emptied; the gender, the age band, the outcome and the
ratings stay, as statistics. Internal applicants are people of the roster and follow the
roster's rules."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.core.models import Organisation
from plantskola.insights.models import PostApplicant, PostScorecardRating
from plantskola.privacy.weeding import Batch, RecordType, add_months, register

KEY = "insights.external_post_applicants"
DEFAULT_MONTHS = 24


def _not_weeded(organisation: Organisation) -> QuerySet[PostApplicant]:
    return PostApplicant.objects.filter(
        post__organisation=organisation,
        internal=False,
        weeded_at__isnull=True,
        post__closed_on__isnull=False,
    )


def schedule(organisation: Organisation, months: int) -> list[Batch]:
    rows = (
        _not_weeded(organisation)
        .values("post__closed_on")
        .annotate(n=Count("pk"))
        .order_by("post__closed_on")
    )
    return [
        Batch(
            _("External applicants for manager posts closed %(date)s")
            % {"date": r["post__closed_on"].isoformat()},
            add_months(r["post__closed_on"], months),
            r["n"],
        )
        for r in rows
    ]


def due(organisation: Organisation, months: int, today: dt.date) -> QuerySet[PostApplicant]:
    """External applicants for posts that closed `months` months or more before `today`."""
    return _not_weeded(organisation).filter(post__closed_on__lte=add_months(today, -months))


def weed(queryset: QuerySet[PostApplicant]) -> dict[str, int]:
    ids = list(queryset.values_list("pk", flat=True))
    notes = (
        PostScorecardRating.objects.filter(scorecard__applicant_id__in=ids)
        .exclude(evidence="")
        .update(evidence="")
    )
    applicants = PostApplicant.objects.filter(pk__in=ids).update(
        name="", birth_year=None, weeded_at=timezone.now()
    )
    return {"applicants": applicants, "notes": notes}


def register_record_types() -> None:
    register(
        RecordType(
            key=KEY,
            label=gettext_lazy("External applicants for manager posts"),
            default_months=DEFAULT_MONTHS,
            counted_from=gettext_lazy("after the post closed"),
            schedule=schedule,
            due=due,
            weed=weed,
            count_labels={
                "applicants": gettext_lazy("applicants"),
                "notes": gettext_lazy("scorecard notes"),
            },
        )
    )
