"""What the programmes app holds about people (see plantskola/core/declarations.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plantskola.core.declarations import Erasure, Ground, declare, not_personal
from plantskola.programmes.models import (
    Attendance,
    BulkJob,
    CalendarFeed,
    Edition,
    GroupingDraft,
    IntroductionRule,
    NetworkProfile,
    Participant,
    ProgrammeRole,
    Session,
)

DELIVERY = _("Running the leadership programme the person takes part in")
AFTER_EDITION = _("Ten years after the edition ends (evidence of completed training)")

declare(
    Participant,
    subject="person_id",
    fields=("edition", "group", "status", "withdrawal_reason", "invited_at"),
    category=_("Participation in programmes"),
    purpose=DELIVERY,
    ground=Ground.CONTRACT,
    retention=AFTER_EDITION,
    recipients=_("Coordinators, course leaders and the steering group of the programme"),
    # Evidence of completed training: erasure keeps the participation, linked to the
    # pseudonymised person (plantskola/privacy/erasure.py).
    erasure=Erasure.KEEP,
)
declare(
    Attendance,
    subject="participant__person_id",
    fields=("session", "status", "recorded_at"),
    category=_("Attendance"),
    purpose=_("Deciding completion of the programme"),
    ground=Ground.CONTRACT,
    retention=AFTER_EDITION,
    erasure=Erasure.KEEP,
)
declare(
    Attendance,
    subject="recorded_by__person__pk",
    fields=("session", "recorded_at"),
    category=_("Attendance recorded by the person"),
    purpose=DELIVERY,
    ground=Ground.CONTRACT,
    retention=AFTER_EDITION,
    erasure=Erasure.KEEP,
)
declare(
    Session,
    subject="leaders",
    fields=("title", "date", "start_time", "end_time", "place"),
    category=_("Sessions led"),
    purpose=DELIVERY,
    ground=Ground.CONTRACT,
    retention=AFTER_EDITION,
    erasure=Erasure.KEEP,
)
declare(
    ProgrammeRole,
    subject="user__person__pk",
    fields=("programme", "edition", "role"),
    category=_("Roles in programmes"),
    purpose=_("Deciding who may see and do what"),
    ground=Ground.CONTRACT,
    retention=_("While the role is held"),
)
declare(
    CalendarFeed,
    subject="person_id",
    fields=("created_at",),
    category=_("Private calendar address"),
    purpose=_("The person's sessions in their own calendar"),
    ground=Ground.CONTRACT,
    retention=_("Until revoked"),
)
declare(
    NetworkProfile,
    subject="person_id",
    fields=("listed", "share_email", "phone", "share_phone", "presentation"),
    category=_("Network directory profile"),
    purpose=_("Participants and alumni finding each other"),
    ground=Ground.CONSENT,
    retention=_("Until the person changes or removes it"),
    recipients=_("Participants and alumni of the same programmes"),
)
declare(
    BulkJob,
    subject="requested_by__person__pk",
    fields=("kind", "total", "created_at"),
    category=_("Mass actions requested"),
    purpose=DELIVERY,
    ground=Ground.CONTRACT,
    retention=_("One week"),
)
declare(
    Edition,
    subject="early_completion_by__person__pk",
    fields=("early_completion_reason", "early_completion_at"),
    category=_("Completion allowed before the last session"),
    purpose=DELIVERY,
    ground=Ground.CONTRACT,
    retention=AFTER_EDITION,
    erasure=Erasure.KEEP,
)
declare(
    GroupingDraft,
    subject="created_by__person__pk",
    fields=("name", "created_at"),
    category=_("Grouping drafts made"),
    purpose=DELIVERY,
    ground=Ground.CONTRACT,
    retention=_("Until the edition is deleted"),
)
not_personal(IntroductionRule, "Which programme introduces an organisation's new managers")
