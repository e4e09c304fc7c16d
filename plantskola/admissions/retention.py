"""Weeding of applications (registered in `plantskola.privacy.weeding`).

Retention (per host organisation, editable by its HR administrators; the host of the call is
responsible for the applications, also those of partner employees in a joint call):
- applicants not admitted (reserves, not admitted, withdrawn, drafts): by default 24 months
  after the decision, or after the call closed if no decision was made;
- admitted applicants: kept while they take part, by default 24 months after the end of the
  edition they were admitted to.

Weeding pseudonymises: the applicant and their manager are detached (the application is
called "Sökande 17" from then on), the free text is blanked (motivation, answers, the
reference's comment and reason for declining, the scorecards' evidence notes, the reasons of
amendments of the decision). The numbers stay for statistics: ratings, scores, outcomes, the
selection runs (administration and gender, no names).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.admissions.models import (
    Answer,
    Application,
    Call,
    Decision,
    DecisionAmendment,
    Reference,
    ScorecardRating,
)
from plantskola.admissions.nominations.retention import register_record_type as register_nominations
from plantskola.core.models import Organisation, Person
from plantskola.privacy.erasure.services import register_erasure_step
from plantskola.privacy.weeding import Batch, RecordType, add_months, register, rules_for

NOT_ADMITTED = "admissions.application"
ADMITTED = "admissions.application_admitted"
DEFAULT_MONTHS = 24


def _admitted_q() -> Q:
    return Q(outcome="admitted")


def _calls(organisation: Organisation) -> list[Call]:
    return list(
        Call.objects.filter(
            edition__programme__organisation=organisation, closes_at__lte=timezone.now()
        )
        .select_related("edition", "decision")
        .order_by("closes_at")
    )


def _base(call: Call, key: str) -> dt.date:
    if key == ADMITTED:
        return call.edition.end_date
    decision: Decision | None = getattr(call, "decision", None)
    if decision is not None:
        return timezone.localdate(decision.decided_at)
    return timezone.localdate(call.closes_at)


def _of_kind(queryset: QuerySet[Application], key: str) -> QuerySet[Application]:
    return queryset.filter(_admitted_q()) if key == ADMITTED else queryset.exclude(_admitted_q())


def weed_dates(call: Call) -> dict[str, dt.date] | None:
    """The call's weeding dates under its organisation's current rules: "admitted" and
    "other" (None while the call is open: nothing is decided yet)."""
    if not call.has_closed:
        return None
    months = rules_for(call.edition.programme.organisation)
    return {
        "admitted": add_months(_base(call, ADMITTED), months[ADMITTED]),
        "other": add_months(_base(call, NOT_ADMITTED), months[NOT_ADMITTED]),
    }


def weed_on(application: Application, dates: dict[str, dt.date] | None = None) -> dt.date | None:
    """The application's weeding date (pass `weed_dates(call)` when listing many)."""
    dates = dates if dates is not None else weed_dates(application.call)
    if dates is None:
        return None
    return dates["admitted" if application.outcome == "admitted" else "other"]


def _schedule(key: str) -> Any:
    def schedule(organisation: Organisation, months: int) -> list[Batch]:
        batches = []
        label = (
            _("%(call)s: admitted") if key == ADMITTED else _("%(call)s: not admitted and others")
        )
        for call in _calls(organisation):
            count = _of_kind(
                Application.objects.filter(call=call, weeded_at__isnull=True), key
            ).count()
            if count:
                due_on = add_months(_base(call, key), months)
                batches.append(Batch(label % {"call": call.title}, due_on, count))
        return batches

    return schedule


def _due(key: str) -> Any:
    def due(organisation: Organisation, months: int, today: dt.date) -> QuerySet[Application]:
        calls = [c.pk for c in _calls(organisation) if add_months(_base(c, key), months) <= today]
        return _of_kind(
            Application.objects.filter(call__in=calls, weeded_at__isnull=True), key
        ).order_by("pk")

    return due


def weed_applications(queryset: QuerySet[Application]) -> dict[str, int]:
    """Pseudonymise the applications: detach the people, blank the free text, keep the numbers."""
    applications = list(queryset.filter(weeded_at__isnull=True).order_by("pk"))
    if not applications:
        return {"applications": 0}
    now = timezone.now()
    ids = [a.pk for a in applications]
    for application in applications:
        # A stable number within the call: one more than the highest given so far.
        taken = (
            Application.objects.filter(call_id=application.call_id).aggregate(n=Max("pseudonym"))[
                "n"
            ]
            or 0
        )
        Application.objects.filter(pk=application.pk).update(
            applicant=None,
            manager=None,
            motivation="",
            pseudonym=taken + 1,
            weeded_at=now,
            updated_at=now,
        )
    answers = Answer.objects.filter(application_id__in=ids).exclude(text="").update(text="")
    references = Reference.objects.filter(application_id__in=ids).update(
        manager=None, comment="", decline_reason=""
    )
    evidence = (
        ScorecardRating.objects.filter(scorecard__interview__application_id__in=ids)
        .exclude(evidence="")
        .update(evidence="")
    )
    amendments = (
        DecisionAmendment.objects.filter(application_id__in=ids)
        .exclude(reason="")
        .update(reason="")
    )
    return {
        "applications": len(ids),
        "answers": answers,
        "references": references,
        "scorecard_notes": evidence,
        "amendment_reasons": amendments,
    }


COUNT_LABELS = {
    "applications": gettext_lazy("applications"),
    "answers": gettext_lazy("answers"),
    "references": gettext_lazy("references"),
    "scorecard_notes": gettext_lazy("evidence notes"),
    "amendment_reasons": gettext_lazy("reasons for amendments"),
}


def erase_applications(person: Person) -> None:
    """Erasure (art. 17) of a person's applications: pseudonymised as weeding does; as the
    closest manager named on others' applications, detached."""
    weed_applications(Application.objects.filter(applicant=person))
    Application.objects.filter(manager=person).update(manager=None)


def register_record_types() -> None:
    """Weeding of applications, and their erasure, registered with the privacy app."""
    register_erasure_step("admissions.application", erase_applications)
    register_nominations()
    register(
        RecordType(
            key=NOT_ADMITTED,
            label=gettext_lazy("Applications of applicants not admitted"),
            default_months=DEFAULT_MONTHS,
            counted_from=gettext_lazy(
                "after the decision (or after the call closed, if no decision was made)"
            ),
            schedule=_schedule(NOT_ADMITTED),
            due=_due(NOT_ADMITTED),
            weed=weed_applications,
            count_labels=COUNT_LABELS,
        )
    )
    register(
        RecordType(
            key=ADMITTED,
            label=gettext_lazy("Applications of admitted applicants"),
            default_months=DEFAULT_MONTHS,
            counted_from=gettext_lazy("after the end of the edition they were admitted to"),
            schedule=_schedule(ADMITTED),
            due=_due(ADMITTED),
            weed=weed_applications,
            count_labels=COUNT_LABELS,
        )
    )
