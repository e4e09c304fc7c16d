"""What the insights app holds about people (see plantskola/core/declarations.py)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plantskola.core.declarations import Erasure, Ground, declare
from plantskola.insights.models import (
    CareerEvent,
    ManagerPost,
    PostApplicant,
    PostScorecard,
    PostScorecardRating,
    RecruitmentApplication,
    RecruitmentImport,
)

FOLLOW_UP = _("Following up who became a manager after a programme")

declare(
    CareerEvent,
    subject="person_id",
    fields=("kind", "date", "title", "is_manager_after", "note"),
    category=_("Career events"),
    purpose=FOLLOW_UP,
    ground=Ground.PUBLIC_TASK,
    retention=_("While employed and for two years after leaving, then pseudonymised"),
    recipients=_("HR, as statistics only"),
)
declare(
    RecruitmentApplication,
    subject="employee_number",
    match=lambda person: (
        Q(organisation_id=person.organisation_id, employee_number=person.employee_number)
        if person.employee_number
        else Q(pk__in=[])
    ),
    fields=("post", "administration", "date", "gender", "age_band", "internal", "outcome"),
    category=_("Applications for manager posts (from the recruitment system)"),
    purpose=_("Statistics on manager recruitment"),
    ground=Ground.PUBLIC_TASK,
    retention=_("Five years, as statistics"),
    recipients=_("HR, as statistics only"),
    erasure=Erasure.BLANK,
)
for model, field, what in [
    (CareerEvent, "created_by__person__pk", _("Career events entered")),
    (RecruitmentImport, "uploaded_by__person__pk", _("Recruitment files imported")),
]:
    declare(
        model,
        subject=field,
        fields=("created_at",),
        category=what,
        purpose=FOLLOW_UP,
        ground=Ground.PUBLIC_TASK,
        retention=_("As the records"),
        erasure=Erasure.KEEP,
    )

POSTS = _("Recruitment to manager posts")
POST_RETENTION = _(
    "Internal applicants: five years, as statistics; external applicants: the name and birth "
    "year are weeded two years after the post closed (gender and age band stay, for statistics)"
)
declare(
    PostApplicant,
    subject="person_id",
    fields=("post", "applied_on", "internal", "name", "gender", "age_band", "outcome"),
    category=_("Applications for manager posts"),
    purpose=POSTS,
    ground=Ground.PUBLIC_TASK,
    retention=POST_RETENTION,
    recipients=_("HR"),
    erasure=Erasure.BLANK,
)
declare(
    PostScorecard,
    subject="applicant__person_id",
    fields=("submitted_at",),
    category=_("Interview scorecards for manager posts about the person"),
    purpose=POSTS,
    ground=Ground.PUBLIC_TASK,
    retention=POST_RETENTION,
    withheld=True,
    author_role=_("an interviewer"),
    sensitive=True,
)
declare(
    PostScorecardRating,
    subject="scorecard__applicant__person_id",
    fields=("competency", "rating", "evidence"),
    category=_("Interview scorecards for manager posts about the person"),
    purpose=POSTS,
    ground=Ground.PUBLIC_TASK,
    retention=POST_RETENTION,
    erasure=Erasure.BLANK,
    withheld=True,
    author_role=_("an interviewer"),
    sensitive=True,
)
for model, field, what in [
    (ManagerPost, "created_by__person__pk", _("Manager posts recorded")),
    (PostScorecard, "interviewer__person__pk", _("Scorecards for manager posts filled in")),
]:
    declare(
        model,
        subject=field,
        fields=("created_at",) if model is ManagerPost else ("submitted_at",),
        category=what,
        purpose=POSTS,
        ground=Ground.PUBLIC_TASK,
        retention=_("As the records"),
        erasure=Erasure.KEEP,
    )
