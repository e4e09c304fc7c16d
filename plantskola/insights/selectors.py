"""Reads for the insights: career events, the manager-supply pipeline and recruitment statistics.

Career events
-------------
Two sources, read together: the roster's dated `PersonChange` rows (the roster import records a
change of the manager flag, title or unit, and leaving, with its effective date) and the
`CareerEvent` rows HR enters by hand. A change of the manager flag to yes is "became a
manager", to no a change of role out of a manager post; a title or unit change is a change of
role (left out on a day the same person's manager flag changed, which already says it); "left"
is leaving the organisation.

Whether someone holds a manager post on a day is read from the events that change it: the last
such event on or before the day decides; before the first one, the opposite of what the first
one changed to (a "left" as first event says nothing about the post: then the roster's present
flag is used); a person without such events has held the roster's present flag throughout.

The pipeline
------------
Per edition: applicants (submitted applications to the edition's call; "–" when the edition had
no call in Plantskola), admitted (every participant, whatever became of them), completed
(participants marked completed, see `programmes.completion`) and in a manager post 6, 12 and 24
months after the edition's last day. A completer counts at N months only once N months have
passed by the observation day (today): the share is of those observed that long, and the table
says how many that is. Someone who left the organisation counts as not a manager.

Time to first manager post (Kaplan–Meier, lifelines): completers who were not managers when the
edition started, from the edition's last day (0 if they became managers during the programme)
to their first manager post; censored when they left the organisation or at the observation day.
The curve shows the share in a manager post, 1 − S(t).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from plantskola.core.models import Organisation, OrgUnit, Person, PersonChange
from plantskola.insights.models import CareerEvent, RecruitmentApplication
from plantskola.programmes.models import Edition, Participant, Programme

MONTHS = (6, 12, 24)
CURVE_TIMES = (6, 12, 24, 36)
DAYS_PER_MONTH = 365.25 / 12

BECAME_MANAGER = CareerEvent.Kind.BECAME_MANAGER.value
CHANGED_ROLE = CareerEvent.Kind.CHANGED_ROLE.value
LEFT = CareerEvent.Kind.LEFT.value


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day where it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


# --- career events ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CareerRow:
    person_id: int
    date: dt.date
    kind: str
    # Whether the person holds a manager post after the event; None: the event does not say.
    manager_after: bool | None
    detail: str = ""
    source: str = "roster"  # "roster" | "hand"
    pk: int | None = None  # the CareerEvent of a hand entry

    @property
    def kind_label(self) -> str:
        if self.kind == CHANGED_ROLE and self.manager_after is False:
            return str(_("Left a manager post"))
        return str(CareerEvent.Kind(self.kind).label)


def _is_true(value: str) -> bool:
    return value.strip().lower() in ("true", "1", "ja", "yes")


def career_rows(person_ids: Iterable[int]) -> dict[int, list[CareerRow]]:
    """Every career event of these people, by person, in date order."""
    ids = list(set(person_ids))
    rows: dict[int, list[CareerRow]] = defaultdict(list)
    changes = list(
        PersonChange.objects.filter(
            person_id__in=ids,
            field__in=[
                PersonChange.Field.IS_MANAGER,
                PersonChange.Field.TITLE,
                PersonChange.Field.UNIT,
                PersonChange.Field.LEFT,
            ],
        ).values_list("person_id", "field", "old_value", "new_value", "effective_date")
    )
    flag_days = {
        (pid, day) for pid, f, _o, _n, day in changes if f == PersonChange.Field.IS_MANAGER
    }
    for person_id, field_, old, new, day in changes:
        if field_ == PersonChange.Field.IS_MANAGER:
            up = _is_true(new)
            rows[person_id].append(
                CareerRow(person_id, day, BECAME_MANAGER if up else CHANGED_ROLE, up)
            )
        elif field_ == PersonChange.Field.LEFT:
            rows[person_id].append(CareerRow(person_id, day, LEFT, False))
        elif (person_id, day) not in flag_days:
            rows[person_id].append(
                CareerRow(person_id, day, CHANGED_ROLE, None, f"{old} → {new}".strip())
            )
    for event in CareerEvent.objects.filter(person_id__in=ids):
        rows[event.person_id].append(
            CareerRow(
                event.person_id,
                event.date,
                event.kind,
                event.manager_after,
                event.title or event.note,
                "hand",
                event.pk,
            )
        )
    for person_rows in rows.values():
        person_rows.sort(key=lambda r: (r.date, r.source == "hand"))
    return rows


@dataclass
class Timeline:
    """A person's manager post over time, from their career events."""

    initial: bool
    changes: list[tuple[dt.date, bool]]  # (day, manager after), in date order
    left_on: dt.date | None

    @classmethod
    def build(cls, rows: list[CareerRow], *, present_flag: bool) -> Timeline:
        state_rows = [r for r in rows if r.manager_after is not None]
        # Before the first change of the post, the opposite of what it changed to; a "left"
        # says nothing about the post before it, so then the roster's present flag stands.
        if state_rows and state_rows[0].kind != LEFT:
            initial = not state_rows[0].manager_after
        else:
            initial = present_flag
        changes = [(r.date, bool(r.manager_after)) for r in state_rows]
        left = [r.date for r in rows if r.kind == LEFT]
        return cls(initial, changes, left[-1] if left else None)

    def manager_on(self, day: dt.date) -> bool:
        state = self.initial
        for on, after in self.changes:
            if on > day:
                break
            state = after
        return state

    def first_manager_post(self, since: dt.date) -> dt.date | None:
        for on, after in self.changes:
            if on >= since and after:
                return on
        return None


def timelines(people: Iterable[Person]) -> dict[int, Timeline]:
    people = list(people)
    rows = career_rows(p.pk for p in people)
    return {p.pk: Timeline.build(rows.get(p.pk, []), present_flag=p.is_manager) for p in people}


def career_events_for_organisation(
    organisation: Organisation, *, limit: int = 500
) -> list[tuple[Person, CareerRow]]:
    """The organisation's career events, newest first (at most `limit`)."""
    person_ids = set(
        PersonChange.objects.filter(
            person__organisation=organisation,
            field__in=[
                PersonChange.Field.IS_MANAGER,
                PersonChange.Field.TITLE,
                PersonChange.Field.UNIT,
                PersonChange.Field.LEFT,
            ],
        ).values_list("person_id", flat=True)
    )
    person_ids |= set(
        CareerEvent.objects.filter(person__organisation=organisation).values_list(
            "person_id", flat=True
        )
    )
    people = Person.objects.in_bulk(person_ids)
    rows = career_rows(person_ids)
    flat = [(people[pid], row) for pid, person_rows in rows.items() for row in person_rows]
    flat.sort(key=lambda item: (item[1].date, item[1].source == "hand"), reverse=True)
    return flat[:limit]


# --- Kaplan–Meier ----------------------------------------------------------------------------


@dataclass
class CurvePoint:
    months: int
    at_risk: int
    share: float  # share in a manager post by then, 1 − S(t)


@dataclass
class Curve:
    label: str
    durations: list[float]  # months
    observed: list[bool]
    # The fitted step function: (months, share in a manager post), from (0, 0).
    steps: list[tuple[float, float]] = field(default_factory=list)
    points: list[CurvePoint] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.durations)

    @property
    def events(self) -> int:
        return sum(self.observed)

    @property
    def censored(self) -> int:
        return self.n - self.events


def kaplan_meier(
    label: str, durations: list[float], observed: list[bool], times: Iterable[int] = CURVE_TIMES
) -> Curve:
    """Fit the Kaplan–Meier estimator (lifelines) to time-to-manager-post data."""
    curve = Curve(label=label, durations=durations, observed=observed)
    if not durations:
        return curve
    from lifelines import KaplanMeierFitter

    fitter = KaplanMeierFitter()
    fitter.fit(durations, event_observed=observed)
    survival = fitter.survival_function_
    column = survival.columns[0]
    curve.steps = [(float(t), 1.0 - float(s)) for t, s in survival[column].items()]
    if curve.steps[0][0] > 0:
        curve.steps.insert(0, (0.0, 0.0))
    longest = max(durations)
    for months in times:
        at_risk = sum(1 for d in durations if d >= months)
        if months > longest:
            continue
        value = float(fitter.survival_function_at_times(months).iloc[0])
        curve.points.append(CurvePoint(months=months, at_risk=at_risk, share=1.0 - value))
    return curve


# --- the pipeline ----------------------------------------------------------------------------


@dataclass
class MonthsRow:
    months: int
    observed: int  # completers observed this long
    managers: int

    @property
    def share(self) -> float | None:
        return self.managers / self.observed if self.observed else None


@dataclass
class EditionPipeline:
    edition: Edition
    applicants: int | None
    admitted: int
    completed: int
    months: list[MonthsRow]
    curve: Curve


@dataclass
class ProgrammePipeline:
    programme: Programme
    editions: list[EditionPipeline]
    curve: Curve

    @property
    def totals(self) -> EditionPipeline:
        applicants = [e.applicants for e in self.editions if e.applicants is not None]
        months = [
            MonthsRow(
                m,
                sum(e.months[i].observed for e in self.editions),
                sum(e.months[i].managers for e in self.editions),
            )
            for i, m in enumerate(MONTHS)
        ]
        return EditionPipeline(
            edition=Edition(name=str(_("All editions"))),
            applicants=sum(applicants) if applicants else None,
            admitted=sum(e.admitted for e in self.editions),
            completed=sum(e.completed for e in self.editions),
            months=months,
            curve=self.curve,
        )


def pipeline(
    *,
    programmes: QuerySet[Programme],
    administration: OrgUnit | None = None,
    today: dt.date,
) -> list[ProgrammePipeline]:
    """The pipeline of each programme (and its editions that have started by `today`)."""
    from plantskola.admissions.models import Application

    editions = list(
        Edition.objects.filter(programme__in=programmes, start_date__lte=today)
        .select_related("programme")
        .order_by("programme__name", "start_date", "pk")
    )
    participants_qs = Participant.objects.filter(edition__in=editions).select_related("person")
    applications_qs = Application.objects.filter(call__edition__in=editions).exclude(
        status=Application.Status.DRAFT
    )
    if administration is not None:
        participants_qs = participants_qs.filter(person__unit__path__startswith=administration.path)
        applications_qs = applications_qs.filter(
            applicant__unit__path__startswith=administration.path
        )
    participants = list(participants_qs)
    applicants = dict(
        applications_qs.values_list("call__edition_id").annotate(n=Count("pk")).order_by()
    )
    with_call = set(
        Edition.objects.filter(pk__in=[e.pk for e in editions], call__isnull=False).values_list(
            "pk", flat=True
        )
    )
    lines = timelines({p.person_id: p.person for p in participants}.values())
    by_edition: dict[int, list[Participant]] = defaultdict(list)
    for participant in participants:
        by_edition[participant.edition_id].append(participant)

    result: dict[int, ProgrammePipeline] = {}
    pooled: dict[int, tuple[list[float], list[bool]]] = defaultdict(lambda: ([], []))
    for edition in editions:
        members = by_edition.get(edition.pk, [])
        completers = [p for p in members if p.status == Participant.Status.COMPLETED]
        months_rows = []
        for months in MONTHS:
            on = add_months(edition.end_date, months)
            observed = completers if on <= today else []
            managers = sum(1 for p in observed if lines[p.person_id].manager_on(on))
            months_rows.append(MonthsRow(months, len(observed), managers))
        durations: list[float] = []
        events: list[bool] = []
        if edition.end_date <= today:
            for p in completers:
                line = lines[p.person_id]
                if line.manager_on(edition.start_date):
                    continue  # already a manager: not waiting for a first post
                first = line.first_manager_post(edition.start_date)
                stop = today
                if line.left_on and line.left_on >= edition.start_date:
                    stop = min(stop, line.left_on)
                if first is not None and first <= stop:
                    durations.append(max(0, (first - edition.end_date).days) / DAYS_PER_MONTH)
                    events.append(True)
                else:
                    durations.append(max(0, (stop - edition.end_date).days) / DAYS_PER_MONTH)
                    events.append(False)
        pooled[edition.programme_id][0].extend(durations)
        pooled[edition.programme_id][1].extend(events)
        entry = result.setdefault(
            edition.programme_id,
            ProgrammePipeline(programme=edition.programme, editions=[], curve=Curve("", [], [])),
        )
        entry.editions.append(
            EditionPipeline(
                edition=edition,
                applicants=applicants.get(edition.pk, 0) if edition.pk in with_call else None,
                admitted=len(members),
                completed=len(completers),
                months=months_rows,
                curve=kaplan_meier(edition.name, durations, events),
            )
        )
    for programme_id, entry in result.items():
        durations, events = pooled[programme_id]
        entry.curve = kaplan_meier(entry.programme.name, durations, events)
    return list(result.values())


def administrations(organisation: Organisation) -> QuerySet[OrgUnit]:
    """The organisation's top units (administrations and companies), for the filters."""
    return OrgUnit.objects.filter(organisation=organisation, parent__isnull=True).order_by("name")


# --- recruitment statistics ------------------------------------------------------------------


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

    @property
    def post_count(self) -> int:
        return len(self.posts)

    @property
    def per_post(self) -> float:
        return self.applications / len(self.posts) if self.posts else 0.0

    def share(self, part: int) -> float | None:
        return part / self.hires if self.hires else None

    @property
    def internal_share(self) -> float | None:
        return self.share(self.internal_hires)

    @property
    def alumni_share(self) -> float | None:
        return self.share(self.alumni_hires)


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
    """Per year (newest first): applications per post, per gender and age band, and hires."""
    qs = RecruitmentApplication.objects.filter(organisation=organisation).select_related(
        "administration"
    )
    if year is not None:
        qs = qs.filter(date__year=year)
    if administration is not None:
        qs = qs.filter(administration=administration)
    alumni = alumni_numbers(organisation)
    by_year: dict[int, list[RecruitmentApplication]] = defaultdict(list)
    for row in qs:
        by_year[row.date.year].append(row)
    genders = [(g.value, str(g.label)) for g in RecruitmentApplication.Gender]
    bands = list(RecruitmentApplication.AgeBand)
    result = []
    for y in sorted(by_year, reverse=True):
        rows = by_year[y]
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
            r
            for r in internal
            if r.employee_number in alumni and alumni[r.employee_number] <= r.date
        ]
        result.append(
            RecruitmentYear(
                year=y,
                applications=len(rows),
                posts=sorted(posts.values(), key=lambda p: (p.administration, p.post)),
                genders=used_genders,
                by_age_gender=table,
                gender_totals=[
                    sum(counts[(b.value, g)] for b in bands) for g, _label in used_genders
                ],
                hires=len(hires),
                internal_hires=len(internal),
                external_hires=len(hires) - len(internal),
                alumni_hires=len(alumni_hires),
                internal_applications=sum(1 for r in rows if r.internal),
            )
        )
    return result


def recruitment_administrations(organisation: Organisation) -> QuerySet[OrgUnit]:
    ids = RecruitmentApplication.objects.filter(organisation=organisation).values(
        "administration_id"
    )
    return OrgUnit.objects.filter(Q(pk__in=ids)).order_by("name")
