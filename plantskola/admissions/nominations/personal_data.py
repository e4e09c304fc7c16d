"""What talent nominations and the talent pool hold about people (imported by the admissions
app's `personal_data`; see plantskola/core/declarations.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plantskola.admissions.models import Nomination, NominationCompetency, TalentInterest
from plantskola.core.declarations import Erasure, Ground, declare

TALENT = _("Identifying and developing talent for manager roles")
NOMINATION_RETENTION = _(
    "Declined: six months after the answer, then deleted; otherwise as the call's applications"
)
NOMINATION_RECIPIENTS = _(
    "The nominee; pending and accepted nominations also the call's coordinators, accepted "
    "ones HR in the talent pool"
)

declare(
    Nomination,
    subject="nominee_id",
    fields=("call", "nominated_by", "motivation", "status", "created_at", "answered_at"),
    category=_("Nominations to calls"),
    purpose=TALENT,
    ground=Ground.PUBLIC_TASK,
    retention=NOMINATION_RETENTION,
    recipients=NOMINATION_RECIPIENTS,
    erasure=Erasure.DELETE,
    sensitive=True,
)
declare(
    NominationCompetency,
    subject="nomination__nominee_id",
    fields=("competency", "rating", "evidence"),
    category=_("Nominations to calls"),
    purpose=TALENT,
    ground=Ground.PUBLIC_TASK,
    retention=NOMINATION_RETENTION,
    recipients=NOMINATION_RECIPIENTS,
    erasure=Erasure.DELETE,
    sensitive=True,
)
declare(
    Nomination,
    subject="nominated_by_id",
    fields=("call", "created_at"),
    category=_("Nominations made as manager"),
    purpose=TALENT,
    ground=Ground.PUBLIC_TASK,
    retention=NOMINATION_RETENTION,
    erasure=Erasure.KEEP,
)
declare(
    TalentInterest,
    subject="person_id",
    fields=("since",),
    category=_("Interest in a manager role (the talent pool)"),
    purpose=TALENT,
    ground=Ground.CONSENT,
    retention=_("Until the person withdraws their interest"),
    recipients=_("HR administrators of the organisation"),
    erasure=Erasure.DELETE,
)
