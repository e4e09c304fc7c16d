"""Reads of the manager-supply pipeline and the time to a first manager post.

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
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from plantskola.admissions.models import Application
from plantskola.core.models import Organisation, OrgUnit
from plantskola.insights.careers.selectors import timelines
from plantskola.privacy.weeding import add_months
from plantskola.programmes.models import Edition, Participant, Programme

MONTHS = (6, 12, 24)
CURVE_TIMES = (6, 12, 24, 36)
DAYS_PER_MONTH = 365.25 / 12


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
