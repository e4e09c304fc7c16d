from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "plantskola.core"
    label = "core"
    verbose_name = _("Organisation and people")

    def ready(self) -> None:
        # Connects the login signal that records the session's login state.
        from plantskola.core import twofactor  # noqa: F401
