from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "plantskola.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from plantskola.core.declarations import load_declarations
        from plantskola.privacy import audit_changes, retention_audit

        load_declarations()
        audit_changes.connect()
        retention_audit.register_record_types()
