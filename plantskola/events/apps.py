from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "plantskola.events"
    label = "events"
    verbose_name = _("Leadership days and cafés")

    def ready(self) -> None:
        from plantskola.events import documents  # noqa: F401 - registers the event's PDFs
        from plantskola.events.retention import register_record_types

        register_record_types()
