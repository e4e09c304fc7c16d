"""A mass action on an edition's participants, queued after a preview and a confirmation."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BulkJob(models.Model):
    class Kind(models.TextChoices):
        ENROL = "enrol", _("Enrolment by rule")
        STATUS = "status", _("Status change")
        ATTENDANCE = "attendance", _("Attendance for a session")
        INVITE = "invite", _("Invitations")
        INTRODUCE = "introduce", _("Proposal of new managers for the introduction")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    edition = models.ForeignKey(
        "programmes.Edition",
        on_delete=models.CASCADE,
        related_name="bulk_jobs",
        verbose_name=_("edition"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # Primary keys and choices only (person, participant and session ids, a status, a group).
    params = models.JSONField(default=dict)
    total = models.PositiveIntegerField(_("total"), default=0)
    done = models.PositiveIntegerField(_("done"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    message = models.CharField(_("message"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("mass action")
        verbose_name_plural = _("mass actions")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def percent(self) -> int:
        return round(self.done * 100 / self.total) if self.total else 100
