"""Reads of the recruitment statistics: applications to manager posts per year, post, gender
and age band, and the hires (internal, external, programme alumni)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from plantskola.core.models import Organisation, OrgUnit
from plantskola.insights.models import RecruitmentApplication
from plantskola.programmes.models import Participant


@dataclass
class PostRow:
    post: str
    administration: str
    applications: int
    hired: int


@dataclass
class RecruitmentYear:
    year: int
    applications: int
    posts: list[PostRow]
    # (age band label, {gender: count}, total), and the gender columns in order
    genders: list[tuple[str, str]]
    by_age_gender: list[tuple[str, list[int], int]]
    gender_totals: list[int]
    hires: int
    internal_hires: int
    external_hires: int
    alumni_hires: int
    internal_applications: int
    # Applications the applicant withdrew, and the hires per gender (label, count) in the
    # order of `genders`.
    withdrawn: int = 0
    hires_by_gender: list[tuple[str, int]] = field(default_factory=list)
    # A period's summary is headed by its dates rather than a year.
    label: str = ""

    @property
    def heading(self) -> str:
        return self.label or str(self.year)

    @property
    def external_applications(self) -> int:
        return self.applications - self.internal_applications

    @property
    def post_count(self) -> int:
        return len(self.posts)

    @property
    def per_post(self) -> float:
        return self.applications / len(self.posts) if self.posts else 0.0

    def share(self, part: int) -> float | None:
        """`part` as a share of all hires."""
        return part / self.hires if self.hires else None

    @property
    def internal_share(self) -> float | None:
        """Internal hires, as a share of all hires."""
        return self.share(self.internal_hires)

    @property
    def external_share(self) -> float | None:
        """External hires, as a share of all hires."""
        return self.share(self.external_hires)

    @property
    def alumni_share(self) -> float | None:
        """Hires who are alumni, as a share of all hires (Kungsbacka's figure)."""
        return self.share(self.alumni_hires)

    @property
    def alumni_share_of_internal(self) -> float | None:
        """Hires who are alumni, as a share of the internal hires (alumni are internal)."""
        return self.alumni_hires / self.internal_hires if self.internal_hires else None


def recruitment_years(organisation: Organisation) -> list[int]:
    return sorted(
        {
            d.year
            for d in RecruitmentApplication.objects.filter(organisation=organisation).dates(
                "date", "year"
            )
        },
        reverse=True,
    )


def alumni_numbers(organisation: Organisation) -> dict[str, dt.date]:
    """Employee number → the last day of the first edition the person completed.

    Hires are matched to alumni through the employee number the recruitment system gives for
    internal applicants; external applicants have none and are never alumni here.
    """
    rows = (
        Participant.objects.filter(
            person__organisation=organisation, status=Participant.Status.COMPLETED
        )
        .values_list("person__employee_number", "edition__end_date")
        .order_by("edition__end_date")
    )
    result: dict[str, dt.date] = {}
    for number, end in rows:
        result.setdefault(number, end)
    return result


def recruitment_statistics(
    *,
    organisation: Organisation,
    year: int | None = None,
    administration: OrgUnit | None = None,
) -> list[RecruitmentYear]:
    """Per year (newest first) of the imported applications: applications per post, per
    gender and age band, and hires."""
    qs = RecruitmentApplication.objects.filter(organisation=organisation).select_related(
        "administration"
    )
    if year is not None:
        qs = qs.filter(date__year=year)
    if administration is not None:
        qs = qs.filter(administration=administration)
    return statistics_by_year(list(qs), alumni_numbers(organisation))


def statistics_by_year(
    rows: Sequence[RecruitmentApplication], alumni: Mapping[str, dt.date]
) -> list[RecruitmentYear]:
    """The statistics of each year of `rows` (newest first): imported rows, or the recorded
    manager posts' applicants in the same shape (`posts.selectors.application_rows`)."""
    by_year: dict[int, list[RecruitmentApplication]] = defaultdict(list)
    for row in rows:
        by_year[row.date.year].append(row)
    return [recruitment_summary(by_year[y], alumni, year=y) for y in sorted(by_year, reverse=True)]


def recruitment_summary(
    rows: Sequence[RecruitmentApplication],
    alumni: Mapping[str, dt.date],
    *,
    year: int,
    label: str = "",
) -> RecruitmentYear:
    """One year's (or one period's: `label`) applications per post, per gender and age band,
    and its hires (alumni: internal hires who completed a programme before applying)."""
    genders = [(g.value, str(g.label)) for g in RecruitmentApplication.Gender]
    bands = list(RecruitmentApplication.AgeBand)
    posts: dict[tuple[str, str], PostRow] = {}
    for row in rows:
        key = (row.post, row.administration.name)
        entry = posts.setdefault(key, PostRow(row.post, row.administration.name, 0, 0))
        entry.applications += 1
        entry.hired += row.outcome == RecruitmentApplication.Outcome.HIRED
    counts = Counter((row.age_band, row.gender) for row in rows)
    used_genders = [g for g in genders if any(counts[(b.value, g[0])] for b in bands)]
    table = [
        (
            str(b.label),
            [counts[(b.value, g)] for g, _label in used_genders],
            sum(counts[(b.value, g)] for g, _label in used_genders),
        )
        for b in bands
        if any(counts[(b.value, g)] for g, _label in genders)
    ]
    hires = [r for r in rows if r.outcome == RecruitmentApplication.Outcome.HIRED]
    internal = [r for r in hires if r.internal]
    alumni_hires = [
        r for r in internal if r.employee_number in alumni and alumni[r.employee_number] <= r.date
    ]
    return RecruitmentYear(
        year=year,
        label=label,
        applications=len(rows),
        posts=sorted(posts.values(), key=lambda p: (p.administration, p.post)),
        genders=used_genders,
        by_age_gender=table,
        gender_totals=[sum(counts[(b.value, g)] for b in bands) for g, _label in used_genders],
        hires=len(hires),
        internal_hires=len(internal),
        external_hires=len(hires) - len(internal),
        alumni_hires=len(alumni_hires),
        internal_applications=sum(1 for r in rows if r.internal),
        withdrawn=sum(1 for r in rows if r.outcome == RecruitmentApplication.Outcome.WITHDRAWN),
        hires_by_gender=[
            (label, sum(1 for r in hires if r.gender == value))
            for value, label in genders
            if any(r.gender == value for r in rows)
        ],
    )


def recruitment_administrations(organisation: Organisation) -> QuerySet[OrgUnit]:
    ids = RecruitmentApplication.objects.filter(organisation=organisation).values(
        "administration_id"
    )
    return OrgUnit.objects.filter(Q(pk__in=ids)).order_by("name")
