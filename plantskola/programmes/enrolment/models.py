"""A mass action on an edition's participants, queued after a preview and a confirmation."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from plantskola.core.models import QueuedJob


class BulkJob(QueuedJob):
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

    edition = models.ForeignKey(
        "programmes.Edition",
        on_delete=models.CASCADE,
        related_name="bulk_jobs",
        verbose_name=_("edition"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )

    class Meta(QueuedJob.Meta):
        verbose_name = _("mass action")
        verbose_name_plural = _("mass actions")
