"""What the events app holds about people (see plantskola/core/declarations.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plantskola.core.declarations import Ground, declare
from plantskola.events.models import Registration

declare(
    Registration,
    subject="person_id",
    fields=("event", "status", "dietary_needs", "table_number", "registered_at", "cancelled_at"),
    category=_("Registrations for leadership days and cafés"),
    purpose=_("Registration, catering and seating"),
    ground=Ground.CONTRACT,
    retention=_("Dietary needs: deleted right after the event; the registration: two years"),
    recipients=_("The organisers; the caterer receives dietary needs without names"),
)
