"""Which programme is an organisation's introduction for new managers, and its rule."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_WITHIN_DAYS = 90


class IntroductionRule(models.Model):
    organisation = models.OneToOneField(
        "core.Organisation",
        on_delete=models.CASCADE,
        related_name="introduction_rule",
        verbose_name=_("organisation"),
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("introduction programme"),
    )
    within_days = models.PositiveSmallIntegerField(
        _("within days of starting"),
        default=DEFAULT_WITHIN_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text=_("A new manager should be enrolled within this many days of starting."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("introduction for new managers")
        verbose_name_plural = _("introductions for new managers")

    def __str__(self) -> str:
        return str(self.programme)
