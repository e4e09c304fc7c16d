from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "plantskola.events"
    label = "events"
    verbose_name = _("Leadership days and cafés")

    def ready(self) -> None:
        from plantskola.events import documents  # noqa: F401 - registers the PDFs
        from plantskola.events.calendar import feed_events
        from plantskola.events.retention import register_record_types
        from plantskola.events.seating import documents as seating_documents  # noqa: F401
        from plantskola.programmes.calendar.sources import register_feed_source

        register_record_types()
        # The events a person holds a place at are in their personal calendar feed.
        register_feed_source(feed_events)
