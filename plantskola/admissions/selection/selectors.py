"""Reads of the selection: every applicant's weighted score from interviews and references,
the latest run, and its result as the page shows it (chosen, reserves, explanations)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from statistics import mean
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from plantskola.admissions.models import (
    Application,
    Call,
    Reference,
    ScorecardRating,
    SelectionRun,
)
from plantskola.admissions.selection.rules import (
    INCOMPLETE,
    LOWEST_SCORE,
    PARTIAL,
    Rules,
    explanation,
    score_text,
)
from plantskola.core.models import OrgUnit, Person


@dataclass
class Scored:
    application: Application
    interview: float | None
    reference: float | None
    score: float | None
    administration: str
    gender: str

    @property
    def complete(self) -> bool:
        return self.interview is not None and self.reference is not None

    @property
    def missing(self) -> list[str]:
        """The parts the application lacks, in the coordinator's words."""
        parts = [(self.interview, _("interview")), (self.reference, _("reference"))]
        return [str(label) for value, label in parts if value is None]

    @property
    def score_text(self) -> str:
        return score_text(self.score)

    @property
    def interview_text(self) -> str:
        return score_text(self.interview)

    @property
    def reference_text(self) -> str:
        return score_text(self.reference)


@dataclass
class Treated:
    """How the selection took an incomplete application, under the call's treatment."""

    scored: Scored
    considered: bool
    text: str


def _weighted(call: Call, interview: float, reference: float) -> float:
    total = call.interview_weight + call.reference_weight
    if not total:
        return (interview + reference) / 2
    return (call.interview_weight * interview + call.reference_weight * reference) / total


def treat_incomplete(
    *, call: Call, scored: list[Scored], rules: Rules
) -> tuple[list[Scored], list[Treated]]:
    """The applications the engine chooses among (with the scores it uses), and for every
    incomplete one what the treatment did with it, in words. Complete ones are untouched.

    - INCOMPLETE.EXCLUDED: left out, whatever the locks (the service refuses a lock-in);
    - INCOMPLETE.LOWEST: included, each missing part counted as LOWEST_SCORE;
    - INCOMPLETE.LOCKED_ONLY: included only when locked in, with the parts that exist;
    - PARTIAL (older runs): included with the parts that exist."""
    considered: list[Scored] = []
    treated: list[Treated] = []
    locked_in = set(rules.include)
    for s in scored:
        if s.complete:
            considered.append(s)
            continue
        missing = ", ".join(s.missing)
        if rules.incomplete == INCOMPLETE.LOWEST:
            used = replace(
                s,
                score=round(
                    _weighted(call, s.interview or LOWEST_SCORE, s.reference or LOWEST_SCORE), 3
                ),
            )
            considered.append(used)
            text = _(
                "Incomplete (missing: %(missing)s): included, the missing part counted as the "
                "lowest score, 1; total %(score)s."
            ) % {"missing": missing, "score": used.score_text}
            treated.append(Treated(scored=used, considered=True, text=text))
        elif rules.incomplete == INCOMPLETE.LOCKED_ONLY and s.application.pk in locked_in:
            considered.append(s)
            text = _(
                "Incomplete (missing: %(missing)s): included because you locked them in; scored "
                "on the parts that exist, %(score)s."
            ) % {"missing": missing, "score": s.score_text}
            treated.append(Treated(scored=s, considered=True, text=text))
        elif rules.incomplete == INCOMPLETE.LOCKED_ONLY:
            text = _(
                "Incomplete (missing: %(missing)s): left out, since the call includes incomplete "
                "applications only when locked in by hand."
            ) % {"missing": missing}
            treated.append(Treated(scored=s, considered=False, text=text))
        elif rules.incomplete == PARTIAL:
            considered.append(s)
            text = _(
                "Incomplete (missing: %(missing)s): scored on the parts that exist, %(score)s "
                "(a run made before incomplete applications had a rule of their own)."
            ) % {"missing": missing, "score": s.score_text}
            treated.append(Treated(scored=s, considered=True, text=text))
        else:
            text = _(
                "Incomplete (missing: %(missing)s): left out, since the call leaves incomplete "
                "applications out of the selection."
            ) % {"missing": missing}
            treated.append(Treated(scored=s, considered=False, text=text))
    considered.sort(key=lambda s: -(s.score or 0))
    return considered, treated


def _administration(person: Person, units: dict[int, OrgUnit]) -> str:
    """The person's top unit (the administration or company), from the unit's path."""
    if person.unit is None:
        return ""
    top_id = int(person.unit.path.strip("/").split("/")[0])
    top = units.get(top_id)
    return f"{person.organisation.name}: {top.name}" if top else person.unit.name


def scores(*, call: Call) -> list[Scored]:
    """Every submitted application with its interview and reference averages (1–5) and the
    weighted score; a missing part leaves the score to the part that exists."""
    applications = list(
        Application.objects.filter(call=call, status=Application.Status.SUBMITTED)
        .select_related("applicant__unit", "applicant__organisation")
        .prefetch_related(
            Prefetch(
                "reference",
                queryset=Reference.objects.prefetch_related("ratings"),
            ),
            Prefetch(
                "interview__scorecards__ratings",
                queryset=ScorecardRating.objects.all(),
            ),
        )
    )
    top_ids = {
        int(a.applicant.unit.path.strip("/").split("/")[0])
        for a in applications
        if a.applicant is not None and a.applicant.unit is not None
    }
    # Weeded applications have no person any more: their administration and gender come from
    # the last selection run, which kept them (without names) for statistics.
    recorded: dict[str, Any] = {}
    if any(a.applicant is None for a in applications):
        decision = getattr(call, "decision", None)
        last = (
            decision.run if decision is not None else SelectionRun.objects.filter(call=call).first()
        )
        recorded = last.scores if last is not None else {}
    units = OrgUnit.objects.in_bulk(top_ids)
    result = []
    for application in applications:
        reference = getattr(application, "reference", None)
        ref_ratings = (
            [r.rating for r in reference.ratings.all()]
            if reference is not None and reference.status == Reference.Status.GIVEN
            else []
        )
        interview = getattr(application, "interview", None)
        int_ratings = (
            [r.rating for s in interview.scorecards.all() for r in s.ratings.all()]
            if interview is not None
            else []
        )
        parts = []
        if int_ratings:
            parts.append((call.interview_weight, mean(int_ratings)))
        if ref_ratings:
            parts.append((call.reference_weight, mean(ref_ratings)))
        total_weight = sum(w for w, _v in parts)
        score = sum(w * v for w, v in parts) / total_weight if total_weight else None
        result.append(
            Scored(
                application=application,
                interview=round(mean(int_ratings), 2) if int_ratings else None,
                reference=round(mean(ref_ratings), 2) if ref_ratings else None,
                score=round(score, 3) if score is not None else None,
                administration=(
                    _administration(application.applicant, units)
                    if application.applicant is not None
                    else recorded.get(str(application.pk), {}).get("administration", "")
                ),
                gender=(
                    application.applicant.gender
                    if application.applicant is not None
                    else recorded.get(str(application.pk), {}).get("gender", "")
                ),
            )
        )
    result.sort(
        key=lambda s: (
            -(s.score or 0),
            s.application.applicant.last_name if s.application.applicant else "",
            s.application.pk,
        )
    )
    return result


def latest_run(call: Call) -> SelectionRun | None:
    return SelectionRun.objects.filter(call=call).first()


def _considered_scores(run: SelectionRun) -> dict[str, float | None]:
    return {
        pk: values.get("score")
        for pk, values in run.scores.items()
        if values.get("considered", True)
    }


def selection_result(
    run: SelectionRun | None, scored: list[Scored], *, call: Call
) -> dict[str, Any]:
    """The run's chosen and reserves in score order (the scores the run used), the locked-in,
    the explanations in the coordinator's words for everyone left out who scored higher than
    someone chosen, what the treatment of incomplete applications did to whom, and whether
    the scores have changed since the run (then it is no longer current)."""
    if run is None:
        return {
            "chosen": [],
            "locked": set(),
            "reserves": [],
            "explained": [],
            "treated": [],
            "changed": False,
        }
    rules = Rules.from_dict(run.settings)
    considered, treated = treat_incomplete(call=call, scored=scored, rules=rules)
    by_id = {str(s.application.pk): s for s in considered}
    chosen_ids = set(run.result.get("chosen", []))
    excluded = {str(pk) for pk in run.settings.get("exclude", [])}
    chosen = [by_id[i] for i in by_id if i in chosen_ids]
    reserves = [by_id[i] for i in by_id if i not in chosen_ids and i not in excluded]
    explanations = run.result.get("explanations", {})
    explained = [
        (
            by_id[i],
            explanation(run_settings=run.settings, score=by_id[i].score, engine_text=text),
        )
        for i, text in explanations.items()
        if i in by_id
    ]
    now = {str(s.application.pk): s.score for s in considered}
    return {
        "chosen": chosen,
        "locked": {int(pk) for pk in run.settings.get("include", [])},
        "reserves": reserves,
        "explained": explained,
        "treated": treated,
        "changed": now != _considered_scores(run),
    }


def run_is_outdated(*, call: Call, run: SelectionRun) -> bool:
    """Whether the scores have changed since the run (a new scorecard, a reference given or
    withdrawn, an application withdrawn): then it no longer stands for the call."""
    return bool(selection_result(run, scores(call=call), call=call)["changed"])
