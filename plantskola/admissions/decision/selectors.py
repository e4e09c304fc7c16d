"""Reads of the decision: every applicant's outcome and the amendments made since."""

from __future__ import annotations

from django.db.models import QuerySet

from plantskola.admissions.models import Application, Call, Decision, DecisionAmendment

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
