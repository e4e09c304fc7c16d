from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "plantskola.programmes"
    label = "programmes"
    verbose_name = _("Programmes")

    def ready(self) -> None:
        from plantskola.programmes.pages import register_page_sections

        register_page_sections()
