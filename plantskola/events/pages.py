"""Breadcrumb trails of the event pages (the events' own pages and their seating)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from plantskola.core.pages import Crumb
from plantskola.events.models import Event


def events_trail() -> list[Crumb]:
    return [(reverse("events:event_list"), _("Leadership days and cafés"))]


def event_trail(event: Event) -> list[Crumb]:
    """Leadership days and cafés › the event (each a link)."""
    return [*events_trail(), (reverse("events:event_detail", args=[event.pk]), event.title)]
