"""What the events app holds about people (see plantskola/core/declarations.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plantskola.core.declarations import Erasure, Ground, declare
from plantskola.events.models import EventJob, Registration

declare(
    Registration,
    subject="person_id",
    fields=(
        "event",
        "status",
        "dietary_needs",
        "table_number",
        "registered_at",
        "cancelled_at",
        "registered_by",
    ),
    category=_("Registrations for leadership days and cafés"),
    purpose=_("Registration, catering and seating"),
    ground=Ground.CONTRACT,
    retention=_("Dietary needs: deleted right after the event; the registration: two years"),
    recipients=_("The organisers; the caterer receives dietary needs without names"),
)
declare(
    Registration,
    subject="registered_by_id",
    fields=("registered_by",),
    category=_("Registrations made on someone else's behalf"),
    purpose=_("Registration, catering and seating"),
    ground=Ground.CONTRACT,
    retention=_("As the registration"),
    recipients=_("The organisers"),
    erasure=Erasure.BLANK,
)
declare(
    EventJob,
    subject="requested_by__person__pk",
    fields=("kind", "total", "created_at"),
    category=_("Mass actions requested on events"),
    purpose=_("Invitations and table seating"),
    ground=Ground.CONTRACT,
    retention=_("One week"),
)
