"""Job shadowing: a round per edition, host managers, participants' preferences, matches.

A round moves open → proposed (the engine's proposal is stored) → confirmed (requests sent).
Each match moves requested → accepted → scheduled, or requested → declined; a declined match
stays as history and the participant gets a new match with another host.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plantskola.core.models import Person

__all__ = ["ShadowingHost", "ShadowingMatch", "ShadowingPreference", "ShadowingRound"]


class ShadowingRound(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Collecting hosts and preferences")
        PROPOSED = "proposed", _("Proposal ready to confirm")
        CONFIRMED = "confirmed", _("Confirmed: requests sent")

    edition = models.ForeignKey(
        "programmes.Edition",
        on_delete=models.CASCADE,
        related_name="shadowing_rounds",
        verbose_name=_("edition"),
    )
    name = models.CharField(_("name"), max_length=200)
    period_start = models.DateField(_("first day of the period"))
    period_end = models.DateField(_("last day of the period"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    # The engine's last answer: {"pairs": {participant_pk: host_pk}, "objective", "bound", ...}
    proposal = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-period_start", "pk"]
        verbose_name = _("job-shadowing round")
        verbose_name_plural = _("job-shadowing rounds")

    def __str__(self) -> str:
        return self.name


class ShadowingHost(models.Model):
    """A manager from the roster who takes up to `capacity` participants."""

    round = models.ForeignKey(ShadowingRound, on_delete=models.CASCADE, related_name="hosts")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="shadowing_hostings", verbose_name=_("host")
    )
    capacity = models.PositiveSmallIntegerField(_("capacity"), default=1)

    class Meta:
        ordering = ["person__last_name", "person__first_name", "pk"]
        verbose_name = _("host manager")
        verbose_name_plural = _("host managers")
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="unique_shadowing_host"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="shadowing_capacity_min"),
        ]

    def __str__(self) -> str:
        return str(self.person)


class ShadowingPreference(models.Model):
    """A participant's ranked wish (1 = first choice) for a host."""

    round = models.ForeignKey(ShadowingRound, on_delete=models.CASCADE, related_name="preferences")
    participant = models.ForeignKey(
        "programmes.Participant", on_delete=models.CASCADE, related_name="shadowing_preferences"
    )
    host = models.ForeignKey(ShadowingHost, on_delete=models.CASCADE, related_name="preferences")
    rank = models.PositiveSmallIntegerField(_("rank"))

    class Meta:
        ordering = ["participant", "rank"]
        verbose_name = _("shadowing preference")
        verbose_name_plural = _("shadowing preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "participant", "rank"], name="unique_shadowing_rank"
            ),
            models.UniqueConstraint(
                fields=["round", "participant", "host"], name="unique_shadowing_wish"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} {self.rank}: {self.host}"


class ShadowingMatch(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Request sent")
        ACCEPTED = "accepted", _("Accepted: dates to agree")
        DECLINED = "declined", _("Declined")
        SCHEDULED = "scheduled", _("Dates agreed")

    round = models.ForeignKey(ShadowingRound, on_delete=models.CASCADE, related_name="matches")
    participant = models.ForeignKey(
        "programmes.Participant", on_delete=models.CASCADE, related_name="shadowing_matches"
    )
    host = models.ForeignKey(ShadowingHost, on_delete=models.CASCADE, related_name="matches")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED
    )
    # Only a hash of the answer link's secret is stored; the link answers this request once.
    token_hash = models.CharField(max_length=64, unique=True)
    expires_on = models.DateField()
    requested_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("reason"), blank=True)
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("shadowing match")
        verbose_name_plural = _("shadowing matches")
        constraints = [
            # One live match per participant; declined ones stay as history.
            models.UniqueConstraint(
                fields=["round", "participant"],
                condition=~Q(status="declined"),
                name="one_live_shadowing_match",
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} → {self.host}"

    @property
    def is_live(self) -> bool:
        return self.status != self.Status.DECLINED
