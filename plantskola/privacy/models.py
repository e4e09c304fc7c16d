"""Retention and weeding (gallring): how long each kind of record is kept per organisation,
and a log of every weeding run. The log holds counts only, never personal data."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from plantskola.core.models import Organisation


class RetentionRule(models.Model):
    """An organisation's retention for one record type of the registry
    (`plantskola.privacy.weeding`); without a rule the record type's default applies."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="retention_rules"
    )
    record_type = models.CharField(_("record type"), max_length=60)
    months = models.PositiveSmallIntegerField(_("months"), validators=[MaxValueValidator(1200)])
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation", "record_type"]
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "record_type"], name="one_retention_rule"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.record_type} {self.months}"


class WeedingRun(models.Model):
    """One run of `plantskola weed` (or of a command that weeds one record type)."""

    started_at = models.DateTimeField(auto_now_add=True)
    today = models.DateField(_("weeded as of"))
    triggered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    source = models.CharField(_("started by"), max_length=60, default="weed")

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("weeding run")
        verbose_name_plural = _("weeding runs")

    def __str__(self) -> str:
        return f"{self.source} {self.started_at:%Y-%m-%d %H:%M}"


class WeedingLogEntry(models.Model):
    """What one run weeded for one organisation and record type: counts per kind of row."""

    run = models.ForeignKey(WeedingRun, on_delete=models.CASCADE, related_name="entries")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="weeding_log"
    )
    record_type = models.CharField(max_length=60)
    months = models.PositiveSmallIntegerField()
    records = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["run", "organisation", "record_type"]
        verbose_name = _("weeding log entry")
        verbose_name_plural = _("weeding log entries")

    def __str__(self) -> str:
        return f"{self.record_type}: {self.records}"
