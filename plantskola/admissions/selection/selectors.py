"""Reads of the selection: every applicant's weighted score from interviews and references,
the latest run, and its result as the page shows it (chosen, reserves, explanations)."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import mean
from typing import Any

from django.db.models import Prefetch

from plantskola.admissions.models import (
    Application,
    Call,
    Reference,
    ScorecardRating,
    SelectionRun,
)
from plantskola.admissions.selection.rules import explanation
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


def selection_result(run: SelectionRun | None, scored: list[Scored]) -> dict[str, Any]:
    """The run's chosen and reserves in score order, and the explanations in the coordinator's
    words for everyone left out who scored higher than someone chosen."""
    if run is None:
        return {"chosen": [], "reserves": [], "explained": []}
    by_id = {str(s.application.pk): s for s in scored}
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
    return {"chosen": chosen, "reserves": reserves, "explained": explained}
