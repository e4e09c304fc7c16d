"""A grouping proposal kept as a named draft: made by the engine in the task queue or saved
from the proposal under way, listed, compared, shared read-only and applied."""

from __future__ import annotations

import uuid

from django.conf import settings as django_settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class GroupingDraft(models.Model):
    """The draft is also the engine run's job: `state` goes pending → running → ready (or
    failed, with the reason in `message`), and the draft's page polls it meanwhile."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    edition = models.ForeignKey(
        "programmes.Edition",
        on_delete=models.CASCADE,
        related_name="grouping_drafts",
        verbose_name=_("edition"),
    )
    name = models.CharField(_("name"), max_length=200)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    # The coordinator's choices and pins (GroupingSettings.as_dict(), participant id → group)
    # and, once ready, the proposal (Proposal.as_dict()): participant ids and group indices.
    settings = models.JSONField(default=dict)
    pins = models.JSONField(default=dict)
    proposal = models.JSONField(null=True, blank=True)
    message = models.CharField(_("message"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("grouping draft")
        verbose_name_plural = _("grouping drafts")

    def __str__(self) -> str:
        return self.name

    @property
    def is_running(self) -> bool:
        return self.state in (self.State.PENDING, self.State.RUNNING)
