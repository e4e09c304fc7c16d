"""What the diplomas app holds about people (see plantskola/core/declarations.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plantskola.core.declarations import Erasure, Ground, declare
from plantskola.diplomas.models import Diploma, DiplomaSettings

declare(
    Diploma,
    subject="participant__person_id",
    fields=(
        "code",
        "recipient_name",
        "programme_name",
        "edition_name",
        "issued_at",
        "revoked_at",
        "revoke_reason",
    ),
    category=_("Diplomas"),
    purpose=_("Proof of a completed programme, verifiable by its code"),
    ground=Ground.PUBLIC_TASK,
    retention=_("Ten years after issue"),
    recipients=_("Anyone the person shows the verification code to (name, programme, date)"),
    erasure=Erasure.DELETE,
)
for field, what in [
    ("issued_by__person__pk", _("Diplomas issued")),
    ("revoked_by__person__pk", _("Diplomas revoked")),
]:
    declare(
        Diploma,
        subject=field,
        fields=("issued_at",),
        category=what,
        purpose=_("Proof of a completed programme, verifiable by its code"),
        ground=Ground.PUBLIC_TASK,
        retention=_("Ten years after issue"),
        erasure=Erasure.KEEP,
    )
declare(
    DiplomaSettings,
    subject="updated_by__person__pk",
    fields=("updated_at",),
    category=_("Diploma settings changed"),
    purpose=_("Signatories and logo on diplomas"),
    ground=Ground.PUBLIC_TASK,
    retention=_("While the settings apply"),
    erasure=Erasure.KEEP,
)
