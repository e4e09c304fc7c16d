"""What the development app holds about people (see plantskola/privacy/declarations.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plantskola.development.models_shadowing import (
    ShadowingHost,
    ShadowingMatch,
    ShadowingPreference,
)
from plantskola.privacy.declarations import Ground, declare

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
