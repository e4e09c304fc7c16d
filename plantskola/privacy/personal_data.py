"""What the privacy app holds about people (see plantskola/core/declarations.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plantskola.core.declarations import Erasure, Ground, declare
from plantskola.privacy.models import RetentionRule, WeedingRun

for model, field, what in [
    (RetentionRule, "changed_by__person__pk", _("Retention rules changed")),
    (WeedingRun, "triggered_by__person__pk", _("Weeding runs started")),
]:
    declare(
        model,
        subject=field,
        fields=(),
        category=what,
        purpose=_("Carrying out the organisation's retention rules"),
        ground=Ground.LEGAL_OBLIGATION,
        retention=_("As the audit log"),
        erasure=Erasure.KEEP,
    )
