from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdmissionsConfig(AppConfig):
    name = "plantskola.admissions"
    label = "admissions"
    verbose_name = _("Admissions")

    def ready(self) -> None:
        from plantskola.admissions.pages import register_page_sections
        from plantskola.admissions.retention import register_record_types

        register_record_types()
        register_page_sections()
