"""The event's large PDFs (table lists, name badges for a leadership day of 340) are rendered
by the task worker through core/documents.py."""

from __future__ import annotations

from typing import Any

from plantskola.access.base import UserLike
from plantskola.access.events import event_can_manage, events_for_user
from plantskola.core.documents.services import register_document
from plantskola.events.models import Event
from plantskola.events.seating import pdf


def allowed(user: UserLike, params: dict[str, Any]) -> bool:
    event = events_for_user(user).filter(pk=params["event"]).first()
    return event is not None and event_can_manage(user, event)


def render_table_lists(params: dict[str, Any]) -> bytes:
    event = Event.objects.get(pk=params["event"])
    return pdf.table_lists_pdf(event=event, one_page_per_table=params["one_page_per_table"])


def render_badges(params: dict[str, Any]) -> bytes:
    return pdf.badges_pdf(event=Event.objects.get(pk=params["event"]))


register_document(
    "events.table_lists", render=f"{__name__}.render_table_lists", allowed=f"{__name__}.allowed"
)
register_document(
    "events.badges", render=f"{__name__}.render_badges", allowed=f"{__name__}.allowed"
)
