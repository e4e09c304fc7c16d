from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "plantskola.core"
    label = "core"
    verbose_name = _("Organisation and people")

    def ready(self) -> None:
        # twofactor connects the login signal that records the session's login state; checks
        # registers the production settings check (`check --deploy`, plantskola/wsgi.py).
        from plantskola.core import checks, twofactor  # noqa: F401
