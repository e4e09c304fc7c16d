"""Career events entered by hand, and manager recruitments imported from the recruitment system.

Career events also come from the roster: every roster import records a dated `PersonChange`
when a person's manager flag, title or unit changes or when they leave, and the insights read
those directly (`careers.selectors.career_rows`). Only what the roster cannot know is stored here:
events HR enters by hand (a manager post before the roster was imported, a correction of the
date, a move to another employer).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from plantskola.core.models import Organisation, OrgUnit, Person

# The manager posts recorded by HR live in their feature package; Django finds them here.
from plantskola.insights.posts.models import (
    ManagerPost,
    PostApplicant,
    PostScorecard,
    PostScorecardRating,
)


class CareerEvent(models.Model):
    """A career event entered by HR. Personal data: the person, the title and the note."""

    class Kind(models.TextChoices):
        BECAME_MANAGER = "became_manager", _("Became a manager")
        CHANGED_ROLE = "changed_role", _("Changed role")
        LEFT = "left", _("Left the organisation")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="career_events", verbose_name=_("person")
    )
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    title = models.CharField(_("new title"), max_length=200, blank=True)
    # For a change of role: whether the new role is a manager post (a manager may step down).
    is_manager_after = models.BooleanField(_("the new role is a manager post"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("career event")
        verbose_name_plural = _("career events")

    def __str__(self) -> str:
        return f"{self.date}: {self.get_kind_display()}"

    @property
    def manager_after(self) -> bool:
        """Whether the person holds a manager post after this event."""
        if self.kind == self.Kind.BECAME_MANAGER:
            return True
        if self.kind == self.Kind.LEFT:
            return False
        return self.is_manager_after


class RecruitmentImport(models.Model):
    """One file of manager recruitments: first a preview (the file kept, with what it would
    do, until HR confirms it; a newer preview of the organisation replaces it), then the
    import that replaced the organisation's rows for the years it covers (the file no longer
    kept)."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Checked, not imported")
        APPLIED = "applied", _("Imported")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="recruitment_imports"
    )
    filename = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    years = models.JSONField(default=list)
    rows = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.APPLIED)
    content = models.BinaryField(default=b"", blank=True)
    # How the file was read, the mapping and what it would do (no values of any row).
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("recruitment import")
        verbose_name_plural = _("recruitment imports")

    def __str__(self) -> str:
        return self.filename


class RecruitmentApplication(models.Model):
    """One application to a manager post, as the recruitment system exports it.

    Personal data, pseudonymous: gender, age band and, for internal applicants, the employee
    number (which links a hire to the roster and so to programme alumni). No names.
    """

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        OTHER = "other", _("Other")
        UNSTATED = "", _("Not stated")

    class AgeBand(models.TextChoices):
        UNDER_30 = "-29", _("under 30")
        FROM_30 = "30-39", _("30–39")
        FROM_40 = "40-49", _("40–49")
        FROM_50 = "50-59", _("50–59")
        FROM_60 = "60-", _("60 and over")
        UNSTATED = "", _("Not stated")

    class Outcome(models.TextChoices):
        HIRED = "hired", _("Hired")
        NOT_HIRED = "not_hired", _("Not hired")
        WITHDRAWN = "withdrawn", _("Withdrew")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="recruitment_applications"
    )
    batch = models.ForeignKey(
        RecruitmentImport, on_delete=models.CASCADE, related_name="applications"
    )
    post = models.CharField(_("post"), max_length=200)
    administration = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("administration")
    )
    date = models.DateField(_("date"))
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand.choices, blank=True)
    internal = models.BooleanField(_("internal applicant"))
    employee_number = models.CharField(_("employee number"), max_length=40, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)

    class Meta:
        ordering = ["date", "post", "id"]
        verbose_name = _("recruitment application")
        verbose_name_plural = _("recruitment applications")
        indexes = [models.Index(fields=["organisation", "date"])]

    def __str__(self) -> str:
        return f"{self.post} ({self.date})"

    def clean(self) -> None:
        if self.administration_id and self.administration.organisation_id != self.organisation_id:
            raise ValidationError(_("The administration belongs to another organisation."))


__all__ = [
    "CareerEvent",
    "ManagerPost",
    "PostApplicant",
    "PostScorecard",
    "PostScorecardRating",
    "RecruitmentApplication",
    "RecruitmentImport",
]
