from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetenciesConfig(AppConfig):
    name = "plantskola.competencies"
    label = "competencies"
    verbose_name = _("Leadership platform")
