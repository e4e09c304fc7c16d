"""Reads of the decision: every applicant's outcome and the amendments made since."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from plantskola.admissions.models import (
    Application,
    Call,
    Decision,
    DecisionAmendment,
    SelectionRun,
)

RESERVES_MAX = 100


@dataclass(frozen=True)
class DecisionPlan:
    """What confirming a run would do: who is admitted, who becomes which reserve, who is
    not admitted, and how many decision e-mails go out."""

    applications: list[Application]
    admitted: list[Application]
    reserves: list[Application]
    not_admitted: list[Application]

    @property
    def emails(self) -> int:
        return sum(1 for a in self.applications if a.applicant is not None and a.applicant.email)


def decision_plan(*, call: Call, run: SelectionRun, reserves: int) -> DecisionPlan:
    """The outcomes a confirmation of `run` gives, shown before it and applied by it: the
    run's chosen are admitted; the best-scoring `reserves` of the others (never one the
    coordinator excluded or the call's treatment left out as incomplete) are reserves."""
    chosen = {int(pk) for pk in run.result.get("chosen", [])}
    excluded = {int(pk) for pk in run.settings.get("exclude", [])}
    excluded |= {int(pk) for pk in run.settings.get("left_out_incomplete", [])}
    applications = list(
        Application.objects.filter(call=call, status=Application.Status.SUBMITTED).select_related(
            "applicant"
        )
    )
    by_score = sorted(
        applications, key=lambda a: -(run.scores.get(str(a.pk), {}).get("score") or 0)
    )
    reserve_list = [a for a in by_score if a.pk not in chosen and a.pk not in excluded]
    reserve_list = reserve_list[: max(reserves, 0)]
    reserve_ids = {a.pk for a in reserve_list}
    return DecisionPlan(
        applications=applications,
        admitted=sorted(
            (a for a in applications if a.pk in chosen), key=lambda a: a.applicant_name
        ),
        reserves=reserve_list,
        not_admitted=sorted(
            (a for a in applications if a.pk not in chosen and a.pk not in reserve_ids),
            key=lambda a: a.applicant_name,
        ),
    )


_OUTCOME_ORDER = {"admitted": 0, "reserve": 1, "not_admitted": 2}


def decided_applications(call: Call) -> list[Application]:
    """The call's submitted applications, the admitted first, then reserves, then the others,
    each group by name."""
    applications = Application.objects.filter(
        call=call, status=Application.Status.SUBMITTED
    ).select_related("applicant")
    return sorted(applications, key=lambda a: (_OUTCOME_ORDER.get(a.outcome, 3), a.applicant_name))


def decision_amendments(decision: Decision) -> QuerySet[DecisionAmendment]:
    return decision.amendments.select_related("application__applicant", "amended_by")


def amendable_applications(call: Call) -> QuerySet[Application]:
    """The applications whose outcome can still be amended: submitted and not weeded."""
    return Application.objects.filter(
        call=call, status=Application.Status.SUBMITTED, weeded_at__isnull=True
    ).select_related("applicant")


def declined_places(call: Call) -> QuerySet[Application]:
    """Admitted applicants who declined the place and wait for the coordinator to offer it."""
    return Application.objects.filter(
        call=call, outcome="admitted", place_answer=Application.PlaceAnswer.DECLINED
    ).select_related("applicant")
