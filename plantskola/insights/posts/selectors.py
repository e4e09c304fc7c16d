"""Reads of the recorded manager posts: the lists, a post's applicants and scorecards, and
the recruitment statistics computed from the records for any period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from plantskola.competencies.models import Competency
from plantskola.core.models import Organisation, OrgUnit
from plantskola.insights.models import ManagerPost, PostApplicant, RecruitmentApplication
from plantskola.insights.selectors import (
    RecruitmentYear,
    alumni_numbers,
    recruitment_summary,
    statistics_by_year,
)


def posts_with_counts(posts: QuerySet[ManagerPost]) -> QuerySet[ManagerPost]:
    return posts.select_related("unit").annotate(
        applicant_count=Count("applicants", distinct=True),
        hired_count=Count(
            "applicants", filter=Q(applicants__outcome=PostApplicant.Outcome.HIRED), distinct=True
        ),
    )


def post_applicants(post: ManagerPost) -> QuerySet[PostApplicant]:
    return post.applicants.select_related("person__unit").prefetch_related("scorecards__ratings")


def profile_competencies(post: ManagerPost) -> list[Competency]:
    profile = post.requirement_profile
    return list(profile.competencies.order_by("order", "name")) if profile else []


@dataclass
class ScoreRow:
    applicant: PostApplicant
    # competency id → the interviewers' mean rating (None: not rated)
    means: dict[int, float | None] = field(default_factory=dict)
    scorecards: int = 0


def score_table(
    post: ManagerPost, applicants: list[PostApplicant]
) -> tuple[list[Competency], list[ScoreRow]]:
    """Each applicant's mean rating per competency of the post's requirement profile."""
    competencies = profile_competencies(post)
    rows = []
    for applicant in applicants:
        cards = list(applicant.scorecards.all())
        ratings: dict[int, list[int]] = {}
        for card in cards:
            for rating in card.ratings.all():
                ratings.setdefault(rating.competency_id, []).append(rating.rating)
        rows.append(
            ScoreRow(
                applicant,
                {
                    c.pk: (sum(ratings[c.pk]) / len(ratings[c.pk]) if ratings.get(c.pk) else None)
                    for c in competencies
                },
                len(cards),
            )
        )
    return competencies, rows


def _administration(unit: OrgUnit, tops: dict[int, OrgUnit]) -> OrgUnit:
    """The unit's top unit (its administration or company), by the materialised path."""
    first = int(unit.path.strip("/").split("/")[0]) if unit.path.strip("/") else unit.pk
    return tops.get(first, unit)


def application_rows(
    *,
    organisation: Organisation,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    administration: OrgUnit | None = None,
) -> list[RecruitmentApplication]:
    """The recorded applicants in the shape of imported rows (unsaved), so that the same
    statistics are computed from both: the post's title and administration (the top unit of
    its unit), the application date, gender, age band, internal, the employee number of an
    internal applicant and the outcome (undecided counts as not hired)."""
    tops = {u.pk: u for u in OrgUnit.objects.filter(organisation=organisation, parent=None)}
    applicants = PostApplicant.objects.filter(post__organisation=organisation).select_related(
        "post__unit", "person"
    )
    if date_from is not None:
        applicants = applicants.filter(applied_on__gte=date_from)
    if date_to is not None:
        applicants = applicants.filter(applied_on__lte=date_to)
    rows = []
    for applicant in applicants.order_by("applied_on", "pk"):
        top = _administration(applicant.post.unit, tops)
        if administration is not None and top.pk != administration.pk:
            continue
        rows.append(
            RecruitmentApplication(
                organisation=organisation,
                post=applicant.post.title,
                administration=top,
                date=applicant.applied_on,
                gender=applicant.gender,
                age_band=applicant.age_band,
                internal=applicant.internal,
                employee_number=applicant.person.employee_number if applicant.person else "",
                outcome=applicant.outcome or RecruitmentApplication.Outcome.NOT_HIRED,
            )
        )
    return rows


@dataclass
class PostStatistics:
    period: RecruitmentYear  # the whole period
    years: list[RecruitmentYear]  # each year of it, newest first


def post_statistics(
    *,
    organisation: Organisation,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    administration: OrgUnit | None = None,
) -> PostStatistics | None:
    """The recruitment statistics of the recorded posts' applications in the period (None
    when there are none)."""
    rows = application_rows(
        organisation=organisation,
        date_from=date_from,
        date_to=date_to,
        administration=administration,
    )
    if not rows:
        return None
    alumni = alumni_numbers(organisation)
    first = date_from or rows[0].date
    last = date_to or rows[-1].date
    label = f"{first.isoformat()} – {last.isoformat()}"
    return PostStatistics(
        period=recruitment_summary(rows, alumni, year=first.year, label=label),
        years=statistics_by_year(rows, alumni),
    )


def recorded_administrations(organisation: Organisation) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(organisation=organisation, parent=None).order_by("name")
