"""A programme's schedule of module surveys."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveySchedule(models.Model):
    programme = models.OneToOneField(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="survey_schedule",
        verbose_name=_("programme"),
    )
    template = models.ForeignKey(
        "evaluations.SurveyTemplate",
        on_delete=models.PROTECT,
        related_name="schedules",
        verbose_name=_("template"),
    )
    enabled = models.BooleanField(_("open module surveys automatically"), default=True)
    open_after_days = models.PositiveSmallIntegerField(
        _("days after the module's last day"),
        default=1,
        validators=[MaxValueValidator(60)],
        help_text=_("0 opens the survey on the module's last day."),
    )
    open_for_days = models.PositiveSmallIntegerField(
        _("days open"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("The survey closes after this many days; a reminder goes out before."),
    )

    class Meta:
        verbose_name = _("survey schedule")
        verbose_name_plural = _("survey schedules")

    def __str__(self) -> str:
        return str(self.programme)
