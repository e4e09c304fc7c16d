from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "plantskola.insights"
    label = "insights"
    verbose_name = _("Insights")

    def ready(self) -> None:
        from plantskola.insights.posts.retention import register_record_types
        from plantskola.insights.retention import register_erasure

        register_erasure()
        register_record_types()
