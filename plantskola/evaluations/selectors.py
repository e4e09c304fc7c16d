"""Reads: respondents, response rates and the reports (with suppression of small groups)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from plantskola.access.base import UserLike
from plantskola.access.evaluations import survey_can_view_results, surveys_for_user
from plantskola.access.events import event_can_manage, events_for_user
from plantskola.access.programmes import edition_can_change, editions_for_user, sessions_for_user
from plantskola.core.models import Organisation, Person
from plantskola.evaluations import disclosure
from plantskola.evaluations.models import (
    DEFAULT_THRESHOLD,
    MIN_THRESHOLD,
    Answer,
    EvaluationSettings,
    Question,
    Response,
    ResponseToken,
    Survey,
    SurveyTemplate,
)
from plantskola.evaluations.statistics import Stats, summarise
from plantskola.events.models import Event
from plantskola.programmes.models import Edition, Group, Module, Participant, Session

NO_GROUP = "none"

# What a survey can be attached to, and the survey form's grouped choices of it.
SurveyTarget = Session | Module | Edition | Event
TargetChoices = list[tuple[str, list[tuple[str, str]]]]


def threshold_for(organisation: Organisation | int) -> int:
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    value = (
        EvaluationSettings.objects.filter(organisation_id=org_id)
        .values_list("threshold", flat=True)
        .first()
    )
    return max(MIN_THRESHOLD, value or DEFAULT_THRESHOLD)


def respondents(survey: Survey) -> QuerySet[Person]:
    """Who is asked: the participants of what the survey is attached to (not withdrawn), or
    the registered people of an event."""
    if survey.target == Survey.Target.EVENT:
        return Person.objects.filter(
            event_registrations__event_id=survey.event_id or 0,
            event_registrations__status="registered",
        )
    participants = Participant.objects.filter(edition_id=survey.edition_id or 0).exclude(
        status=Participant.Status.WITHDRAWN
    )
    if survey.target == Survey.Target.SESSION and survey.session and survey.session.group_id:
        participants = participants.filter(group_id=survey.session.group_id)
    return Person.objects.filter(pk__in=participants.values("person_id"))


def is_respondent(survey: Survey, person_id: int | None) -> bool:
    return person_id is not None and respondents(survey).filter(pk=person_id).exists()


def respondent_group_id(survey: Survey, person_id: int) -> int | None:
    if survey.edition_id is None:
        return None
    return (
        Participant.objects.filter(edition_id=survey.edition_id, person_id=person_id)
        .values_list("group_id", flat=True)
        .first()
    )


def has_answered(survey: Survey, person_id: int) -> bool:
    return ResponseToken.objects.filter(survey=survey, person_id=person_id, used=True).exists()


@dataclass
class ResponseRate:
    invited: int
    answered: int

    @property
    def percent(self) -> float | None:
        return 100.0 * self.answered / self.invited if self.invited else None


def response_rate(survey: Survey) -> ResponseRate:
    invited = max(respondents(survey).count(), ResponseToken.objects.filter(survey=survey).count())
    return ResponseRate(invited=invited, answered=Response.objects.filter(survey=survey).count())


def open_surveys_for_person(person_id: int, today: dt.date) -> list[tuple[Survey, bool]]:
    """Open surveys this person is asked to answer, with whether they already have."""
    candidates = Survey.objects.filter(opens_on__lte=today, closes_on__gte=today).filter(
        Q(edition__participants__person_id=person_id) | Q(event__registrations__person_id=person_id)
    )
    result = []
    for survey in candidates.distinct().select_related("session", "edition", "event"):
        if is_respondent(survey, person_id):
            result.append((survey, has_answered(survey, person_id)))
    return result


def surveys_with_readable_results(user: UserLike) -> list[Survey]:
    """The surveys whose results the user may read, for the list page."""
    return [
        s
        for s in surveys_for_user(user).select_related(
            "organisation", "edition__programme", "module", "session", "event", "template"
        )
        if survey_can_view_results(user, s)
    ]


def survey_targets(user: UserLike) -> tuple[TargetChoices, dict[str, SurveyTarget]]:
    """What a survey can be attached to, among what the user runs: the form's grouped
    choices, and "kind:pk" → the object."""
    editions = [
        e
        for e in editions_for_user(user).select_related("programme")
        if edition_can_change(user, e)
    ]
    ids = [e.pk for e in editions]
    objects: dict[str, SurveyTarget] = {}
    choices: TargetChoices = []
    for e in editions:
        objects[f"edition:{e.pk}"] = e
    choices.append(
        (_("Editions"), [(f"edition:{e.pk}", f"{e.programme.name}: {e.name}") for e in editions])
    )
    modules = Module.objects.filter(edition_id__in=ids).select_related("edition")
    choices.append(
        (_("Modules"), [(f"module:{m.pk}", f"{m.edition.name}: {m.name}") for m in modules])
    )
    objects.update({f"module:{m.pk}": m for m in modules})
    sessions = (
        sessions_for_user(user).filter(edition_id__in=ids).select_related("edition", "module")
    )
    choices.append(
        (_("Sessions"), [(f"session:{s.pk}", f"{s.edition.name}: {s}") for s in sessions])
    )
    objects.update({f"session:{s.pk}": s for s in sessions})
    events = [ev for ev in events_for_user(user) if event_can_manage(user, ev)]
    choices.append(
        (_("Events"), [(f"event:{ev.pk}", f"{ev.title} ({ev.date:%Y-%m-%d})") for ev in events])
    )
    objects.update({f"event:{ev.pk}": ev for ev in events})
    return choices, objects


# --- reports -----------------------------------------------------------------------------------


@dataclass
class QuestionGrid:
    """One question's results in an edition: surveys × groups with totals, suppressed once."""

    question: Question
    surveys: list[Survey]
    groups: list[Group | None]
    cells: dict[tuple[int, Hashable], Stats]
    survey_totals: dict[int, Stats]
    group_totals: dict[Hashable, Stats]
    total: Stats
    threshold: int

    def group_key(self, group: Group | None) -> Hashable:
        return group.pk if group is not None else NO_GROUP


def _group_columns(surveys: list[Survey], keys_seen: set[Hashable]) -> list[Group | None]:
    editions = {s.edition_id for s in surveys if s.edition_id}
    groups: list[Group | None] = list(
        Group.objects.filter(edition_id__in=editions).order_by("order", "name")
    )
    if NO_GROUP in keys_seen or not groups:
        groups.append(None)
    return groups


def published_on(survey: Survey) -> dt.date:
    """The day a survey's results may first be shown: an anonymous survey's the day after it
    closes (while it is open, a reload after one more answer would show that person's answers
    by difference); a named survey's answers are the coordinator's to read from the start."""
    if survey.is_anonymous:
        return survey.closes_on + dt.timedelta(days=1)
    return survey.opens_on


def results_published(survey: Survey, today: dt.date) -> bool:
    return published_on(survey) <= today


def _family(survey: Survey, today: dt.date) -> list[Survey]:
    """The surveys reported together with `survey` whose results are published: the same
    template in the same edition."""
    if survey.edition_id is None:
        return [survey] if results_published(survey, today) else []
    return [
        s
        for s in Survey.objects.filter(edition_id=survey.edition_id, template_id=survey.template_id)
        .select_related("module", "session", "edition")
        .order_by("module__order", "session__date", "opens_on", "title", "pk")
        if results_published(s, today)
    ]


def _publication_states(surveys: list[Survey]) -> list[list[int]]:
    """The family's earlier publications, oldest first: the surveys published by each earlier
    publication day (the last state, every survey, is the current publication)."""
    days = sorted({published_on(s) for s in surveys})
    return [[s.pk for s in surveys if published_on(s) <= day] for day in days[:-1]]


def _summarise_grid(question: Question, surveys: list[Survey], threshold: int) -> QuestionGrid:
    rows: list[dict[str, Any]] = [
        dict(row)
        for row in Answer.objects.filter(question=question, response__survey__in=surveys).values(
            "response__survey_id", "response__group_id", "rating", "choices", "text"
        )
    ]
    by_cell: dict[tuple[int, Hashable], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        key = (row["response__survey_id"], row["response__group_id"] or NO_GROUP)
        by_cell[key].append(row)
    groups = _group_columns(surveys, {g for _, g in by_cell})
    survey_ids = [s.pk for s in surveys]
    group_keys: list[Hashable] = [g.pk if g else NO_GROUP for g in groups]
    stats = {
        (s, g): summarise(question, by_cell.get((s, g), [])) for s in survey_ids for g in group_keys
    }
    counts = {disclosure.cell(s, g): stats[(s, g)].n for s, g in stats}
    known: list[frozenset[tuple[Hashable, Hashable]]] = []
    for state in _publication_states(surveys):
        earlier = {key: n for key, n in counts.items() if key[1] in state}
        shown_then = _audited(state, group_keys, earlier, threshold, known)
        known += disclosure.published_sums(state, group_keys, shown_then)
    suppression = _audited(survey_ids, group_keys, counts, threshold, known)

    def shown(key: disclosure.Key, answers: list[dict[str, Any]]) -> Stats:
        return summarise(question, answers) if suppression.shows(key) else Stats.suppressed()

    cells = {
        (s, g): stats[(s, g)] if suppression.shows(disclosure.cell(s, g)) else Stats.suppressed()
        for s, g in stats
    }
    survey_totals = {
        s: shown(disclosure.row_total(s), [a for g in group_keys for a in by_cell.get((s, g), [])])
        for s in survey_ids
    }
    group_totals = {
        g: shown(disclosure.col_total(g), [a for s in survey_ids for a in by_cell.get((s, g), [])])
        for g in group_keys
    }
    total = shown(disclosure.GRAND, rows)
    return QuestionGrid(
        question=question,
        surveys=surveys,
        groups=groups,
        cells=cells,
        survey_totals=survey_totals,
        group_totals=group_totals,
        total=total,
        threshold=threshold,
    )


AUDIT_CACHE_SECONDS = 7 * 24 * 3600


def _audited(
    rows: list[int],
    cols: list[Hashable],
    counts: dict[disclosure.Key, int],
    threshold: int,
    known: list[frozenset[tuple[Hashable, Hashable]]],
) -> disclosure.Suppression:
    """`disclosure.suppress`, computed once per table: the result depends on nothing but its
    arguments, so it is stored under a digest of them. New answers (or a survey closing, or
    weeding) change the counts and so the key: nothing is ever stale, and every question with
    the same answer counts, every reload and every report of the family share one audit."""
    fingerprint = repr(
        (
            rows,
            [repr(c) for c in cols],
            sorted((repr(k), n) for k, n in counts.items() if n),
            threshold,
            sorted(sorted(repr(rc) for rc in sums) for sums in known),
        )
    )
    key = "disclosure:" + hashlib.sha256(fingerprint.encode()).hexdigest()
    hidden = cache.get(key)
    if hidden is None:
        result = disclosure.suppress(rows, cols, counts, threshold=threshold, known=known)
        cache.set(key, result.hidden, AUDIT_CACHE_SECONDS)
        return result
    return disclosure.Suppression(hidden=hidden, threshold=threshold)


def question_grids(survey: Survey, today: dt.date) -> list[QuestionGrid]:
    """Every question of the survey's template, over the survey's whole published family: the
    same suppression whichever survey of the family (or filter) a report then shows. Empty
    while the survey's own results are not published."""
    if not results_published(survey, today):
        return []
    surveys = _family(survey, today)
    threshold = threshold_for(survey.organisation_id)
    questions = list(survey.template.questions.all())
    return [_summarise_grid(q, surveys, threshold) for q in questions]


def edition_templates(edition: Edition) -> QuerySet[SurveyTemplate]:
    return SurveyTemplate.objects.filter(surveys__edition=edition).distinct().order_by("name")


def edition_grids(edition: Edition, template: SurveyTemplate, today: dt.date) -> list[QuestionGrid]:
    """The template's grids over the edition's published surveys (none while none is)."""
    survey = next(
        (
            s
            for s in Survey.objects.filter(edition=edition, template=template)
            if results_published(s, today)
        ),
        None,
    )
    return question_grids(survey, today) if survey else []


@dataclass
class TrendPoint:
    edition: Edition
    stats: Stats


@dataclass
class Trend:
    question: Question
    points: list[TrendPoint] = field(default_factory=list)


def trend(edition: Edition, template: SurveyTemplate, today: dt.date) -> list[Trend]:
    """Rating questions' edition totals across the programme's editions (oldest first); each
    point is the grand total of that edition's own audited table."""
    editions = list(
        Edition.objects.filter(programme_id=edition.programme_id, surveys__template=template)
        .distinct()
        .order_by("start_date", "name")
    )
    result = [Trend(question=q) for q in template.questions.all() if q.kind == Question.Kind.RATING]
    for e in editions:
        grids = {g.question.pk: g for g in edition_grids(e, template, today)}
        for t in result:
            grid = grids.get(t.question.pk)
            t.points.append(TrendPoint(edition=e, stats=grid.total if grid else Stats()))
    return result


def named_responses(survey: Survey) -> list[tuple[Person, dict[int, Answer]]]:
    """A non-anonymous survey's answers by name (the respondent was told); empty otherwise."""
    if survey.is_anonymous:
        return []
    responses = (
        Response.objects.filter(survey=survey, signature__isnull=False)
        .select_related("signature__person")
        .prefetch_related("answers")
        .order_by("signature__person__last_name", "signature__person__first_name")
    )
    return [(r.signature.person, {a.question_id: a for a in r.answers.all()}) for r in responses]
