"""The registrations' printed lists are rendered by the task worker through core/documents.py,
as the table lists and name badges are (`events/seating/documents.py`)."""

from __future__ import annotations

from typing import Any

from plantskola.core.documents.services import register_document
from plantskola.events import exports
from plantskola.events.models import Event


def render_registrations(params: dict[str, Any]) -> bytes:
    return exports.registrations_pdf(event=Event.objects.get(pk=params["event"]))


def render_entrance_list(params: dict[str, Any]) -> bytes:
    return exports.entrance_list_pdf(event=Event.objects.get(pk=params["event"]))


# Who may have them: the organisers, as for the table lists.
ALLOWED = "plantskola.events.seating.documents.allowed"

register_document(
    "events.registrations", render=f"{__name__}.render_registrations", allowed=ALLOWED
)
register_document(
    "events.entrance_list", render=f"{__name__}.render_entrance_list", allowed=ALLOWED
)
