from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "plantskola.evaluations"
    label = "evaluations"
    verbose_name = _("Evaluations")

    def ready(self) -> None:
        from plantskola.evaluations.copying import register as register_copying
        from plantskola.evaluations.retention import register_record_types

        register_record_types()
        register_copying()
