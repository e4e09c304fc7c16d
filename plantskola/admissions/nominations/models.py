"""Talent nominations (issue 19): a closest manager (or HR) points out an employee of their own
units for a call, with a motivation tied to the requirement profile's competencies; the
employee accepts (an application is started with the nominator's reference given) or
declines (and nobody else learns of it). The talent pool: people who said they are
interested in a manager role."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from plantskola.competencies.models import Competency
from plantskola.core.models import Organisation, Person


class Nomination(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    call = models.ForeignKey(
        "admissions.Call",
        on_delete=models.CASCADE,
        related_name="nominations",
        verbose_name=_("call"),
    )
    nominee = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="nominations", verbose_name=_("nominee")
    )
    # The nominating manager (or HR administrator) as a person of the roster; empty after the
    # nominator's erasure. The user is kept for the audit of who nominated.
    nominated_by = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nominations_made",
        verbose_name=_("nominated by"),
    )
    nominated_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    motivation = models.TextField(_("motivation"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # The application started when the nominee accepted.
    application = models.OneToOneField(
        "admissions.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nomination",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            # One open question to the employee per call; a declined nomination does not stop
            # another nominator (who must not learn of it).
            models.UniqueConstraint(
                fields=["call", "nominee"],
                condition=models.Q(status="pending"),
                name="one_pending_nomination_per_call",
            )
        ]

    def __str__(self) -> str:
        return f"{self.nominee} – {self.call}"


class NominationCompetency(models.Model):
    """One competency of the requirement profile the nomination rests on, with a sentence of
    evidence and the nominator's rating (1–5 on the competency's anchored scale)."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="competencies"
    )
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    evidence = models.TextField(_("evidence"), blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        ordering = ["competency__order", "competency__name"]
        verbose_name = _("competency of a nomination")
        verbose_name_plural = _("competencies of nominations")
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "competency"], name="one_competency_per_nomination"
            )
        ]

    def __str__(self) -> str:
        return f"{self.competency}: {self.rating}"


class TalentInterest(models.Model):
    """A person's own statement that they are interested in a manager role: with an accepted
    nomination or a completed pre-manager programme it puts them in their organisation's
    talent pool. Withdrawing deletes the row."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="talent_interests"
    )
    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="talent_interest", verbose_name=_("person")
    )
    since = models.DateTimeField(_("interested since"), auto_now_add=True)

    class Meta:
        verbose_name = _("interest in a manager role")
        verbose_name_plural = _("interests in a manager role")

    def __str__(self) -> str:
        return str(self.person)
