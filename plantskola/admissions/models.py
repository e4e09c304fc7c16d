"""Admissions: a call for applications to an edition, applications with answers, and the
closest manager's reference. (Interviews, selection and decision follow in later work.)"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Feature models, imported here so that Django finds them (migrations belong to the app).
from plantskola.admissions.nominations.models import Nomination as Nomination
from plantskola.admissions.nominations.models import (
    NominationCompetency as NominationCompetency,
)
from plantskola.admissions.nominations.models import TalentInterest as TalentInterest
from plantskola.competencies.models import Competency, RequirementProfile
from plantskola.core.models import Organisation, OrgUnit, Person
from plantskola.programmes.models import Edition


class Call(models.Model):
    """A call for applications (utlysning) to one edition."""

    edition = models.OneToOneField(
        Edition, on_delete=models.CASCADE, related_name="call", verbose_name=_("edition")
    )
    title = models.CharField(_("heading"), max_length=200)
    description = models.TextField(
        _("description"), help_text=_("Shown on the call's page: what, for whom, why.")
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("last day to apply"))
    reference_deadline = models.DateField(
        _("last day for references"),
        help_text=_("Managers' reference links stop working after this day."),
    )
    organisations = models.ManyToManyField(
        Organisation,
        related_name="calls",
        verbose_name=_("who may apply: organisations"),
    )
    units = models.ManyToManyField(
        OrgUnit,
        blank=True,
        related_name="calls",
        verbose_name=_("only these units (with their sub-units)"),
        help_text=_("Leave empty for the whole of the chosen organisations."),
    )
    non_managers_only = models.BooleanField(_("only employees who are not managers"), default=True)
    requirement_profile = models.ForeignKey(
        RequirementProfile,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("requirement profile"),
    )
    interview_weight = models.PositiveSmallIntegerField(
        _("weight of the interview (%)"), default=60, validators=[MaxValueValidator(100)]
    )
    reference_weight = models.PositiveSmallIntegerField(
        _("weight of the reference (%)"), default=40, validators=[MaxValueValidator(100)]
    )

    class Incomplete(models.TextChoices):
        """How the selection treats an application without an interview or a reference."""

        EXCLUDED = "exclude", _("Left out of the selection")
        LOWEST = "lowest", _("Included, the missing part counted as the lowest score (1)")
        LOCKED_ONLY = "locked_only", _("Included only when locked in by hand")

    incomplete_applications = models.CharField(
        _("incomplete applications"),
        max_length=12,
        choices=Incomplete.choices,
        default=Incomplete.EXCLUDED,
        help_text=_("An application is incomplete without an interview or without a reference."),
    )
    reserve_list_size = models.PositiveSmallIntegerField(
        _("reserves"),
        default=5,
        validators=[MaxValueValidator(100)],
        help_text=_("How many of those not admitted are placed on the reserve list, in order."),
    )
    # Not in the form: a call loaded or imported without a user (the demo's) must still save.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # Empty while the call is a draft: employees see it from publication on (issue 21).
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published, opens later")
        OPEN = "open", _("Open for applications")
        CLOSED = "closed", _("Closed")
        DECIDED = "decided", _("Decided")

    class Meta:
        ordering = ["-closes_at"]
        verbose_name = _("call for applications")
        verbose_name_plural = _("calls for applications")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="call_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The call must close after it opens.")})
        if (
            self.closes_at
            and self.reference_deadline
            and self.reference_deadline < timezone.localdate(self.closes_at)
        ):
            raise ValidationError(
                {"reference_deadline": _("References cannot be due before the call closes.")}
            )

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_open(self) -> bool:
        return self.is_published and self.opens_at <= timezone.now() < self.closes_at

    @property
    def state(self) -> str:
        """Draft → published → open → closed (at the closing time, or closed now) → decided."""
        if Decision.objects.filter(call_id=self.pk).exists():
            return self.State.DECIDED
        if not self.is_published:
            return self.State.DRAFT
        now = timezone.now()
        if now >= self.closes_at:
            return self.State.CLOSED
        return self.State.OPEN if now >= self.opens_at else self.State.PUBLISHED

    def get_state_display(self) -> str:
        return str(self.State(self.state).label)

    @property
    def has_closed(self) -> bool:
        return timezone.now() >= self.closes_at


class CallQuestion(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=1)
    text = models.CharField(_("question"), max_length=500)

    class Meta:
        ordering = ["call", "order", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="applications", verbose_name=_("call")
    )
    # Empty once the application has been weeded (plantskola.privacy): the numbers stay for
    # statistics under the pseudonym "Sökande <pseudonym>", the person is detached.
    applicant = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("applicant"),
    )
    pseudonym = models.PositiveIntegerField(null=True, blank=True, editable=False)
    weeded_at = models.DateTimeField(_("weeded"), null=True, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    motivation = models.TextField(_("why do you apply?"), blank=True)
    manager = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications_to_reference",
        verbose_name=_("closest manager"),
    )
    manager_corrected = models.BooleanField(default=False)
    outcome = models.CharField(
        _("outcome"),
        max_length=12,
        blank=True,
        choices=[
            ("admitted", _("Admitted")),
            ("reserve", _("Reserve")),
            ("not_admitted", _("Not admitted")),
        ],
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # The place on the reserve list the decision gave (1 = first reserve).
    reserve_position = models.PositiveSmallIntegerField(
        _("reserve number"), null=True, blank=True, editable=False
    )

    class PlaceAnswer(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted the place")
        DECLINED = "declined", _("Declined the place")

    place_answer = models.CharField(
        _("answer to the offered place"),
        max_length=10,
        choices=PlaceAnswer.choices,
        blank=True,
        editable=False,
    )
    place_answered_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set when the coordinator invites the applicant to book an interview slot themself.
    interview_invited_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["applicant__last_name", "applicant__first_name"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(fields=["call", "applicant"], name="one_application_per_call")
        ]

    def __str__(self) -> str:
        return f"{self.applicant_name} – {self.call}"

    @property
    def applicant_name(self) -> str:
        """The applicant's name, or their pseudonym once the application has been weeded."""
        if self.applicant is not None:
            return self.applicant.full_name
        return _("Applicant %(n)s") % {"n": self.pseudonym or self.pk}

    @property
    def is_weeded(self) -> bool:
        return self.weeded_at is not None


class Answer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(CallQuestion, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["application", "question"], name="one_answer")
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.text[:40]}"


class Reference(models.Model):
    """The closest manager's reference for one application, asked for by e-mail."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        GIVEN = "given", _("Given")
        DECLINED = "declined", _("Declined")

    class Recommendation(models.TextChoices):
        STRONG = "strong", _("Recommend strongly")
        YES = "yes", _("Recommend")
        RESERVED = "reserved", _("Recommend with reservations")
        NO = "no", _("Do not recommend")

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="reference"
    )
    # Empty once the application has been weeded.
    manager = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="references"
    )
    # Only a hash of the link's secret is stored: a leaked database does not leak the links.
    token_hash = models.CharField(max_length=64, unique=True)
    expires_on = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED)
    recommendation = models.CharField(
        _("recommendation"), max_length=12, choices=Recommendation.choices, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    decline_reason = models.TextField(_("why you decline"), blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("reference")
        verbose_name_plural = _("references")

    def __str__(self) -> str:
        return f"{self.manager} → {self.application}"


class ReferenceRating(models.Model):
    reference = models.ForeignKey(Reference, on_delete=models.CASCADE, related_name="ratings")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("reference rating")
        verbose_name_plural = _("reference ratings")
        constraints = [
            models.UniqueConstraint(fields=["reference", "competency"], name="one_rating")
        ]

    def __str__(self) -> str:
        return f"{self.competency}: {self.rating}"


class Interview(models.Model):
    """A competency-based interview of one applicant by a manager recruiter and HR."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="interview"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200)
    interviewers = models.ManyToManyField(
        Person, related_name="interviews", verbose_name=_("interviewers")
    )
    # iCalendar identity: the same UID and a higher SEQUENCE when the interview is moved.
    uid = models.CharField(max_length=80, unique=True)
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="interview_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.application.applicant_name} {self.starts_at:%Y-%m-%d %H:%M}"


class Scorecard(models.Model):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="scorecards")
    interviewer = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="scorecards")
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        constraints = [
            models.UniqueConstraint(fields=["interview", "interviewer"], name="one_scorecard")
        ]

    def __str__(self) -> str:
        return f"{self.interviewer}: {self.interview}"


class ScorecardRating(models.Model):
    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="ratings")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        verbose_name = _("scorecard rating")
        verbose_name_plural = _("scorecard ratings")
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "competency"], name="one_scorecard_rating")
        ]

    def __str__(self) -> str:
        return f"{self.competency}: {self.rating}"


class SelectionRun(models.Model):
    """One run of the selection: the settings, the scores it saw and the engine's result.
    Runs are never changed; the decision (a later step) points at one of them."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="selection_runs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    settings = models.JSONField()
    scores = models.JSONField()
    result = models.JSONField()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("selection run")
        verbose_name_plural = _("selection runs")

    def __str__(self) -> str:
        return f"{self.call} {self.created_at:%Y-%m-%d %H:%M}"


class Decision(models.Model):
    """The coordinator's confirmed selection: fixed once made, with the run behind it."""

    call = models.OneToOneField(Call, on_delete=models.CASCADE, related_name="decision")
    run = models.ForeignKey(SelectionRun, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.call} {self.decided_at:%Y-%m-%d}"


OUTCOMES = dict(Application._meta.get_field("outcome").choices or [])


class DecisionAmendment(models.Model):
    """A change of one applicant's outcome after the decision, always with a reason (e.g. an
    admitted applicant withdraws and the first reserve is admitted). Never changed."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="amendments")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="amendments"
    )
    from_outcome = models.CharField(_("from"), max_length=12)
    to_outcome = models.CharField(_("to"), max_length=12)
    reason = models.TextField(_("reason"))
    amended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    amended_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["amended_at", "id"]
        verbose_name = _("amendment of the decision")
        verbose_name_plural = _("amendments of the decision")

    def __str__(self) -> str:
        return f"{self.application}: {self.from_outcome} → {self.to_outcome}"

    def get_from_outcome_display(self) -> str:
        return str(OUTCOMES.get(self.from_outcome, self.from_outcome))

    def get_to_outcome_display(self) -> str:
        return str(OUTCOMES.get(self.to_outcome, self.to_outcome))


class InterviewSlot(models.Model):
    """A published interview time that an invited applicant books themself, first come first
    served, until the cut-off; booking creates (or moves) the applicant's `Interview`."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="interview_slots")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200)
    interviewers = models.ManyToManyField(
        Person, related_name="interview_slots", verbose_name=_("interviewers")
    )
    bookable_until = models.DateTimeField(_("can be booked until"))
    application = models.OneToOneField(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="slot",
        verbose_name=_("booked by"),
    )
    booked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("interview slot")
        verbose_name_plural = _("interview slots")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="slot_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(bookable_until__lte=models.F("starts_at")),
                name="slot_booked_before_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.call} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class PoolMember(models.Model):
    """A person in a call's interviewer pool, set by the coordinator: only pool members can
    be booked as interviewers of the call's applicants (issue 21)."""

    class Role(models.TextChoices):
        HR = "hr", _("HR")
        MANAGER_RECRUITER = "manager_recruiter", _("Manager recruiter")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="pool")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="interviewer_pools", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["call", "person__last_name", "person__first_name"]
        verbose_name = _("interviewer in the pool")
        verbose_name_plural = _("interviewer pool")
        constraints = [
            models.UniqueConstraint(fields=["call", "person"], name="one_pool_membership")
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()} – {self.call}"
