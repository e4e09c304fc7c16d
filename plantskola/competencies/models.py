"""An organisation's leadership platform: values, competencies with behavioural indicators per
level, and requirement profiles (kravprofiler) that pick competencies and the level expected.
Interviews, references and development plans refer to these competencies."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from plantskola.core.models import Organisation


class Level(models.IntegerChoices):
    BASIC = 1, _("1 – Basic")
    GOOD = 2, _("2 – Good")
    VERY_GOOD = 3, _("3 – Very good")
    ROLE_MODEL = 4, _("4 – Role model")


class Value(models.Model):
    """A shared value of the platform, e.g. Örebro's "Säker", "Initiativrik", "Klar"."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="values",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=1)

    class Meta:
        ordering = ["organisation", "order", "name"]
        verbose_name = _("value")
        verbose_name_plural = _("values")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_value_name")
        ]

    def __str__(self) -> str:
        return self.name


class Competency(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="competencies",
        verbose_name=_("organisation"),
    )
    value = models.ForeignKey(
        Value,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="competencies",
        verbose_name=_("value"),
        help_text=_("The value this competency expresses, if any."),
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    # The anchors of the 1–5 scale that references and scorecards use (issue 21).
    anchor_low = models.CharField(
        _("what 1 means"),
        max_length=300,
        blank=True,
        help_text=_('Shown at the rating scale, e.g. "Avoids difficult conversations".'),
    )
    anchor_high = models.CharField(
        _("what 5 means"),
        max_length=300,
        blank=True,
        help_text=_('Shown at the rating scale, e.g. "Takes difficult conversations early".'),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)

    class Meta:
        ordering = ["organisation", "order", "name"]
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_competency_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def scale_low(self) -> str:
        """What 1 means on the rating scale: the anchor, or a general wording."""
        return self.anchor_low or str(_("Far below what the role needs"))

    @property
    def scale_high(self) -> str:
        """What 5 means on the rating scale: the anchor, or a general wording."""
        return self.anchor_high or str(_("Far above what the role needs"))

    def clean(self) -> None:
        if self.value_id and self.value and self.value.organisation_id != self.organisation_id:
            raise ValidationError({"value": _("The value belongs to another organisation.")})


class CompetencyLevel(models.Model):
    """What the competency looks like at one level: behavioural indicators, one per line."""

    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="levels")
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    indicators = models.TextField(_("behavioural indicators"), help_text=_("One per line."))

    class Meta:
        ordering = ["competency", "level"]
        verbose_name = _("competency level")
        verbose_name_plural = _("competency levels")
        constraints = [
            models.UniqueConstraint(fields=["competency", "level"], name="unique_competency_level")
        ]

    def __str__(self) -> str:
        return f"{self.competency} {self.level}"

    @property
    def indicator_list(self) -> list[str]:
        return [line.strip() for line in self.indicators.splitlines() if line.strip()]


class RequirementProfile(models.Model):
    """A kravprofil, e.g. "Chef i Kungsbacka kommun" or "Blivande chef"."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="requirement_profiles",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    competencies: models.ManyToManyField[Competency, ProfileRequirement] = models.ManyToManyField(
        Competency, through="ProfileRequirement", related_name="profiles"
    )

    class Meta:
        ordering = ["organisation", "name"]
        verbose_name = _("requirement profile")
        verbose_name_plural = _("requirement profiles")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_profile_name")
        ]

    def __str__(self) -> str:
        return self.name


class ProfileRequirement(models.Model):
    profile = models.ForeignKey(
        RequirementProfile, on_delete=models.CASCADE, related_name="requirements"
    )
    competency = models.ForeignKey(
        Competency, on_delete=models.CASCADE, related_name="requirements"
    )
    level = models.PositiveSmallIntegerField(
        _("level expected"),
        choices=Level.choices,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )

    class Meta:
        ordering = ["profile", "competency__order", "competency__name"]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "competency"], name="unique_profile_competency"
            )
        ]

    def __str__(self) -> str:
        return f"{self.profile}: {self.competency} ≥ {self.level}"

    def clean(self) -> None:
        if (
            self.profile_id
            and self.competency_id
            and self.profile.organisation_id != self.competency.organisation_id
        ):
            raise ValidationError(_("The competency belongs to another organisation."))
