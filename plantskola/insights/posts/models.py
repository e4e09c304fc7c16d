"""Manager posts recorded by HR: the post, its applicants and the outcome, and the interview
scorecards against the organisation's requirement profile.

The recruitment statistics are computed from these records (`posts.selectors`) in the same
way as from an imported file of the recruitment system; the import stays for historic years.
Internal applicants are people of the roster; external applicants are kept as the
recruitment system keeps them (name, self-reported gender and birth year) until their data is
weeded (`posts.retention`, by default two years after the post closed), after which only the
gender and the age band remain, for the statistics.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from plantskola.competencies.models import Competency, RequirementProfile
from plantskola.core.models import Organisation, OrgUnit, Person


def age_band(birth_year: int | None, year: int) -> str:
    """The statistics' age band (`RecruitmentApplication.AgeBand`) of someone born in
    `birth_year` in `year`; empty when the birth year is not known."""
    if birth_year is None:
        return ""
    age = year - birth_year
    if age < 30:
        return "-29"
    if age >= 60:
        return "60-"
    decade = age // 10 * 10
    return f"{decade}-{decade + 9}"


class ManagerPost(models.Model):
    """A manager post HR recruits to."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="manager_posts"
    )
    unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="manager_posts", verbose_name=_("unit")
    )
    title = models.CharField(_("title of the post"), max_length=200)
    opened_on = models.DateField(_("advertised from"))
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    advertised_internally = models.BooleanField(_("advertised internally"), default=True)
    advertised_externally = models.BooleanField(_("advertised externally"), default=True)
    requirement_profile = models.ForeignKey(
        RequirementProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="manager_posts",
        verbose_name=_("requirement profile"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opened_on", "title", "id"]
        verbose_name = _("manager post")
        verbose_name_plural = _("manager posts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | models.Q(closed_on__gte=models.F("opened_on")),
                name="manager_post_closes_after_opening",
                violation_error_message=_("A post cannot close before it was advertised."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.opened_on})"

    def clean(self) -> None:
        if self.unit_id and self.unit.organisation_id != self.organisation_id:
            raise ValidationError(_("The unit belongs to another organisation."))
        if (
            self.requirement_profile_id
            and self.requirement_profile
            and self.requirement_profile.organisation_id != self.organisation_id
        ):
            raise ValidationError(_("The requirement profile belongs to another organisation."))


class PostApplicant(models.Model):
    """One application to a manager post: an internal person of the roster, or an external
    applicant as the recruitment system keeps them."""

    class Outcome(models.TextChoices):
        PENDING = "", _("Not decided")
        HIRED = "hired", _("Hired")
        NOT_HIRED = "not_hired", _("Not hired")
        WITHDRAWN = "withdrawn", _("Withdrew")

    post = models.ForeignKey(ManagerPost, on_delete=models.CASCADE, related_name="applicants")
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="post_applications",
        verbose_name=_("internal applicant"),
    )
    # Stored, not derived from `person`: erasure detaches the person, the statistics stay.
    internal = models.BooleanField(_("internal applicant"), default=False, editable=False)
    name = models.CharField(_("name"), max_length=200, blank=True)
    gender = models.CharField(
        _("gender (self-reported)"),
        max_length=10,
        choices=Person.Gender.choices,
        blank=True,
        default="",
    )
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    # Kept beside the birth year: the statistics need it after the birth year is weeded.
    age_band = models.CharField(_("age band"), max_length=10, blank=True, editable=False)
    applied_on = models.DateField(_("application date"))
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, blank=True, default=""
    )
    weeded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["applied_on", "id"]
        verbose_name = _("applicant for a manager post")
        verbose_name_plural = _("applicants for manager posts")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "person"], name="one_application_per_person_and_post"
            )
        ]

    def __str__(self) -> str:
        return f"{self.display_name}: {self.post}"

    @property
    def display_name(self) -> str:
        if self.person is not None:
            return self.person.full_name
        if self.name:
            return self.name
        if self.internal:
            return str(_("Internal applicant (erased)"))
        return str(_("External applicant (weeded)"))

    def clean(self) -> None:
        person = self.person
        if person is not None and person.organisation_id != self.post.organisation_id:
            raise ValidationError(_("The person belongs to another organisation."))
        if not self.person_id and not self.name and self.weeded_at is None:
            raise ValidationError(_("Choose a person from the roster or give the name."))


class PostScorecard(models.Model):
    """An interviewer's ratings of one applicant against the post's requirement profile."""

    applicant = models.ForeignKey(
        PostApplicant, on_delete=models.CASCADE, related_name="scorecards"
    )
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("scorecard for a manager post")
        verbose_name_plural = _("scorecards for manager posts")
        constraints = [
            models.UniqueConstraint(fields=["applicant", "interviewer"], name="one_post_scorecard")
        ]

    def __str__(self) -> str:
        return f"{self.interviewer}: {self.applicant}"


class PostScorecardRating(models.Model):
    scorecard = models.ForeignKey(PostScorecard, on_delete=models.CASCADE, related_name="ratings")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        verbose_name = _("scorecard rating for a manager post")
        verbose_name_plural = _("scorecard ratings for manager posts")
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "competency"], name="one_post_scorecard_rating"
            )
        ]

    def __str__(self) -> str:
        return f"{self.competency}: {self.rating}"
