from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "plantskola.events"
    label = "events"
    verbose_name = _("Leadership days and cafés")

    def ready(self) -> None:
        from plantskola.events.retention import register_record_types
        from plantskola.events.seating import documents  # noqa: F401 - registers the PDFs

        register_record_types()
