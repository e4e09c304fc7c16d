from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiplomasConfig(AppConfig):
    name = "plantskola.diplomas"
    label = "diplomas"
    verbose_name = _("Diplomas")

    def ready(self) -> None:
        from plantskola.diplomas import documents  # noqa: F401 - registers the ceremony PDF
