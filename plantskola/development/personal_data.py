"""What the development app holds about people (see plantskola/core/declarations.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plantskola.core.declarations import Ground, declare
from plantskola.development.models import (
    DevelopmentPlan,
    PlanAction,
    PlanComment,
    PlanGoal,
    PlanReminder,
    Reflection,
    SelfAssessment,
    ShadowingHost,
    ShadowingMatch,
    ShadowingPreference,
)

SHADOWING = _("Job shadowing in the programme")
AFTER_EDITION = _("Two years after the edition ends")

declare(
    ShadowingMatch,
    subject="participant__person_id",
    fields=("host", "status", "starts_at", "ends_at", "place"),
    category=_("Job shadowing"),
    purpose=SHADOWING,
    ground=Ground.CONTRACT,
    retention=AFTER_EDITION,
    recipients=_("The host manager and the coordinators"),
)
declare(
    ShadowingMatch,
    subject="host__person_id",
    fields=("status", "decline_reason", "starts_at", "ends_at", "place"),
    category=_("Job shadowing as host"),
    purpose=SHADOWING,
    ground=Ground.CONTRACT,
    retention=AFTER_EDITION,
)
declare(
    ShadowingHost,
    subject="person_id",
    fields=("round", "capacity"),
    category=_("Job shadowing as host"),
    purpose=SHADOWING,
    ground=Ground.CONTRACT,
    retention=AFTER_EDITION,
)
declare(
    ShadowingPreference,
    subject="participant__person_id",
    fields=("host", "rank"),
    category=_("Job shadowing preferences"),
    purpose=SHADOWING,
    ground=Ground.CONTRACT,
    retention=AFTER_EDITION,
)

PLAN = _("The participant's own development during and after the programme")
PLAN_RETENTION = _("Two years after the edition ends, or until the participant deletes it")
PLAN_READERS = _("Only those the participant shares it with: the closest manager, course leaders")

declare(
    DevelopmentPlan,
    subject="participant__person_id",
    fields=(
        "kind",
        "direction",
        "share_with_manager",
        "share_with_leaders",
        "manager",
        "requirement_profile",
    ),
    category=_("Action plans and roadmaps"),
    purpose=PLAN,
    ground=Ground.CONTRACT,
    retention=PLAN_RETENTION,
    recipients=PLAN_READERS,
    sensitive=True,
)
declare(
    PlanGoal,
    subject="plan__participant__person_id",
    fields=("title", "competency", "description", "support"),
    category=_("Goals in action plans"),
    purpose=PLAN,
    ground=Ground.CONTRACT,
    retention=PLAN_RETENTION,
    recipients=PLAN_READERS,
    sensitive=True,
)
declare(
    PlanAction,
    subject="goal__plan__participant__person_id",
    fields=("text", "due_date", "done", "done_at"),
    category=_("Actions in action plans"),
    purpose=PLAN,
    ground=Ground.CONTRACT,
    retention=PLAN_RETENTION,
    recipients=PLAN_READERS,
    sensitive=True,
)
declare(
    SelfAssessment,
    subject="plan__participant__person_id",
    fields=("competency", "phase", "rating", "rated_at"),
    category=_("Self-assessments in action plans"),
    purpose=PLAN,
    ground=Ground.CONTRACT,
    retention=PLAN_RETENTION,
    recipients=PLAN_READERS,
    sensitive=True,
)
declare(
    PlanComment,
    subject="plan__participant__person_id",
    fields=("author_name", "author_role", "text", "created_at"),
    category=_("Comments on action plans"),
    purpose=PLAN,
    ground=Ground.CONTRACT,
    retention=PLAN_RETENTION,
    recipients=PLAN_READERS,
    sensitive=True,
)
declare(
    PlanComment,
    subject="author__person__pk",
    fields=("text", "created_at"),
    category=_("Comments written on others' action plans"),
    purpose=PLAN,
    ground=Ground.CONTRACT,
    retention=PLAN_RETENTION,
)
declare(
    PlanReminder,
    subject="participant__person_id",
    fields=("months", "sent_at"),
    category=_("Follow-up reminders"),
    purpose=PLAN,
    ground=Ground.CONTRACT,
    retention=PLAN_RETENTION,
)
declare(
    Reflection,
    subject="participant__person_id",
    fields=("session", "text", "shared", "created_at"),
    category=_("Reflections"),
    purpose=PLAN,
    ground=Ground.CONTRACT,
    retention=PLAN_RETENTION,
    recipients=_("Private unless the participant shares it"),
    sensitive=True,
)
