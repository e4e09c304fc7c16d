"""What the admissions app holds about people (see plantskola/core/declarations.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plantskola.admissions.models import (
    Answer,
    Application,
    Call,
    Decision,
    DecisionAmendment,
    Interview,
    InterviewSlot,
    PoolMember,
    Reference,
    ReferenceRating,
    Scorecard,
    ScorecardRating,
    SelectionRun,
)
from plantskola.admissions.nominations import personal_data as _nominations  # noqa: F401  # declares the feature's models
from plantskola.core.declarations import Erasure, Ground, declare

ADMISSION = _("Admission to a leadership programme")
APPLICATION_RETENTION = _(
    "Not admitted: two years after the decision, then pseudonymised; admitted: as participation"
)
RUN_BY = _("Coordinators of the call")

declare(
    Application,
    subject="applicant_id",
    fields=(
        "call",
        "status",
        "motivation",
        "manager",
        "outcome",
        "reserve_position",
        "place_answer",
        "submitted_at",
    ),
    category=_("Applications"),
    purpose=ADMISSION,
    ground=Ground.PUBLIC_TASK,
    retention=APPLICATION_RETENTION,
    recipients=RUN_BY,
    erasure=Erasure.BLANK,
    sensitive=True,
)
declare(
    Answer,
    subject="application__applicant_id",
    fields=("question", "text"),
    category=_("Answers in applications"),
    purpose=ADMISSION,
    ground=Ground.PUBLIC_TASK,
    retention=APPLICATION_RETENTION,
    recipients=RUN_BY,
    erasure=Erasure.BLANK,
    sensitive=True,
)
declare(
    Reference,
    subject="application__applicant_id",
    fields=("status",),
    category=_("Manager references about the person"),
    purpose=ADMISSION,
    ground=Ground.PUBLIC_TASK,
    retention=APPLICATION_RETENTION,
    recipients=RUN_BY,
    erasure=Erasure.BLANK,
    withheld=True,
    author_role=_("the closest manager"),
    sensitive=True,
)
declare(
    ReferenceRating,
    subject="reference__application__applicant_id",
    fields=("competency",),
    category=_("Manager references about the person"),
    purpose=ADMISSION,
    ground=Ground.PUBLIC_TASK,
    retention=APPLICATION_RETENTION,
    withheld=True,
    author_role=_("the closest manager"),
    sensitive=True,
)
declare(
    Reference,
    subject="manager_id",
    fields=("status", "recommendation", "comment", "decline_reason", "answered_at"),
    category=_("References the person gave as manager"),
    purpose=ADMISSION,
    ground=Ground.PUBLIC_TASK,
    retention=APPLICATION_RETENTION,
    erasure=Erasure.KEEP,
)
declare(
    Interview,
    subject="application__applicant_id",
    fields=("starts_at", "ends_at", "place"),
    category=_("Interviews"),
    purpose=ADMISSION,
    ground=Ground.PUBLIC_TASK,
    retention=APPLICATION_RETENTION,
    recipients=RUN_BY,
)
declare(
    Interview,
    subject="interviewers",
    fields=("starts_at", "ends_at", "place"),
    category=_("Interviews held as interviewer"),
    purpose=ADMISSION,
    ground=Ground.PUBLIC_TASK,
    retention=APPLICATION_RETENTION,
    erasure=Erasure.KEEP,
)
declare(
    Scorecard,
    subject="interview__application__applicant_id",
    fields=("submitted_at",),
    category=_("Interview scorecards about the person"),
    purpose=ADMISSION,
    ground=Ground.PUBLIC_TASK,
    retention=APPLICATION_RETENTION,
    withheld=True,
    author_role=_("an interviewer"),
    sensitive=True,
)
declare(
    ScorecardRating,
    subject="scorecard__interview__application__applicant_id",
    fields=("competency", "rating", "evidence"),
    category=_("Interview scorecards about the person"),
    purpose=ADMISSION,
    ground=Ground.PUBLIC_TASK,
    retention=APPLICATION_RETENTION,
    erasure=Erasure.BLANK,
    withheld=True,
    author_role=_("an interviewer"),
    sensitive=True,
)
declare(
    Scorecard,
    subject="interviewer_id",
    fields=("submitted_at",),
    category=_("Scorecards filled in as interviewer"),
    purpose=ADMISSION,
    ground=Ground.PUBLIC_TASK,
    retention=APPLICATION_RETENTION,
    erasure=Erasure.KEEP,
)
for model, field, what in [
    (Call, "created_by__person__pk", _("Calls created")),
    (SelectionRun, "created_by__person__pk", _("Selections run")),
    (Decision, "decided_by__person__pk", _("Admission decisions made")),
]:
    declare(
        model,
        subject=field,
        fields=(),
        category=what,
        purpose=ADMISSION,
        ground=Ground.PUBLIC_TASK,
        retention=_("As the call's records"),
        erasure=Erasure.KEEP,
    )
declare(
    DecisionAmendment,
    subject="application__applicant_id",
    fields=("from_outcome", "to_outcome", "reason", "amended_at"),
    category=_("Amendments of admission decisions"),
    purpose=ADMISSION,
    ground=Ground.PUBLIC_TASK,
    retention=APPLICATION_RETENTION,
    recipients=RUN_BY,
    erasure=Erasure.BLANK,
)
declare(
    DecisionAmendment,
    subject="amended_by__person__pk",
    fields=("amended_at",),
    category=_("Admission decisions amended"),
    purpose=ADMISSION,
    ground=Ground.PUBLIC_TASK,
    retention=_("As the call's records"),
    erasure=Erasure.KEEP,
)
declare(
    InterviewSlot,
    subject="application__applicant_id",
    fields=("starts_at", "ends_at", "place", "booked_at"),
    category=_("Interview times booked"),
    purpose=ADMISSION,
    ground=Ground.PUBLIC_TASK,
    retention=APPLICATION_RETENTION,
    recipients=RUN_BY,
)
declare(
    InterviewSlot,
    subject="interviewers",
    fields=("starts_at", "ends_at", "place"),
    category=_("Interview times as interviewer"),
    purpose=ADMISSION,
    ground=Ground.PUBLIC_TASK,
    retention=APPLICATION_RETENTION,
    erasure=Erasure.KEEP,
)
declare(
    PoolMember,
    subject="person_id",
    fields=("role", "added_at"),
    category=_("Interviewer pools of calls"),
    purpose=ADMISSION,
    ground=Ground.PUBLIC_TASK,
    retention=_("As the call's records"),
    recipients=RUN_BY,
    erasure=Erasure.DELETE,
)
