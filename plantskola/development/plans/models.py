"""Action plans, roadmaps and reflections.

A participant of an edition writes one `DevelopmentPlan`: Alingsås calls it a personal action
plan (handlingsplan), Örebro the manager's roadmap (chefens färdplan). The kind follows the
programme's audience (programmes for managers get a roadmap, the others an action plan) and is
stored on the plan when it is started. A plan has goals, each linked to a competency of the
organisation's leadership platform, with actions (text, due date, done) and the support needed.

The plan is private until the participant shares it with their closest manager (resolved from
the roster when sharing, and stored, so the participant sees exactly who reads it) and/or the
course leaders of the edition. Whoever may read a plan may comment on it. Reflections (one short
journal entry per session attended) are private unless the participant shares them with the
same audience as the plan.

A plan may follow one of the organisation's requirement profiles (kravprofil): a goal's
competency then shows the profile's behavioural indicators for it, and the participant rates
themself against each competency of the profile at the start and at the end of the programme
(`SelfAssessment`, on the 1–5 scale whose ends the competency's anchors describe); the plan
shows the change. The ratings are part of the plan: private, and read only by those the plan
is shared with.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from plantskola.competencies.models import Competency, RequirementProfile
from plantskola.core.models import Person
from plantskola.programmes.models import Participant, Session

__all__ = [
    "DevelopmentPlan",
    "PlanAction",
    "PlanComment",
    "PlanGoal",
    "PlanReminder",
    "Reflection",
    "SelfAssessment",
]

# The self-assessment's scale: that of references and scorecards, whose ends the competency's
# anchors describe (competencies migration 0002).
RATING_MIN = 1
RATING_MAX = 5


class DevelopmentPlan(models.Model):
    class Kind(models.TextChoices):
        ACTION_PLAN = "action_plan", _("Personal action plan")
        ROADMAP = "roadmap", _("Manager's roadmap")

    participant = models.OneToOneField(
        Participant,
        on_delete=models.CASCADE,
        related_name="development_plan",
        verbose_name=_("participant"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    direction = models.TextField(
        _("where I want to go"),
        blank=True,
        help_text=_("A few sentences on what you want to achieve as a leader."),
    )
    share_with_manager = models.BooleanField(_("shared with my closest manager"), default=False)
    share_with_leaders = models.BooleanField(_("shared with the course leaders"), default=False)
    # The closest manager when the participant shared the plan (see `plan_share`).
    manager = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="shared_development_plans",
        verbose_name=_("closest manager"),
    )
    requirement_profile = models.ForeignKey(
        RequirementProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="development_plans",
        verbose_name=_("requirement profile"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["participant__person__last_name", "participant__person__first_name"]
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.participant}"

    @property
    def is_shared(self) -> bool:
        return (self.share_with_manager and self.manager_id is not None) or self.share_with_leaders


class PlanGoal(models.Model):
    plan = models.ForeignKey(
        DevelopmentPlan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan")
    )
    competency = models.ForeignKey(
        Competency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_goals",
        verbose_name=_("competency"),
    )
    title = models.CharField(_("goal"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    support = models.TextField(
        _("support I need"),
        blank=True,
        help_text=_("From your manager, colleagues, HR or others."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.title


class PlanAction(models.Model):
    goal = models.ForeignKey(
        PlanGoal, on_delete=models.CASCADE, related_name="actions", verbose_name=_("goal")
    )
    text = models.CharField(_("action"), max_length=300)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        ordering = ["goal", models.F("due_date").asc(nulls_last=True), "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.text


class PlanComment(models.Model):
    class AuthorRole(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        MANAGER = "manager", _("Closest manager")
        COURSE_LEADER = "course_leader", _("Course leader")

    plan = models.ForeignKey(
        DevelopmentPlan, on_delete=models.CASCADE, related_name="comments", verbose_name=_("plan")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    # The name as it was when written: the comment keeps its signature if the login goes.
    author_name = models.CharField(_("author"), max_length=200)
    author_role = models.CharField(_("role"), max_length=20, choices=AuthorRole.choices)
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:40]}"


class PlanReminder(models.Model):
    """One follow-up reminder sent to a participant (and their manager, if the plan is shared)
    some months after the edition ended; the unique row makes each reminder go out once."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="plan_reminders"
    )
    months = models.PositiveSmallIntegerField(_("months after the end"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["participant", "months"]
        verbose_name = _("plan reminder")
        verbose_name_plural = _("plan reminders")
        constraints = [
            models.UniqueConstraint(fields=["participant", "months"], name="unique_plan_reminder")
        ]

    def __str__(self) -> str:
        return f"{self.participant_id}: {self.months}"


class Reflection(models.Model):
    """A short journal entry after a session the participant attended."""

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="reflections",
        verbose_name=_("participant"),
    )
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="reflections", verbose_name=_("session")
    )
    text = models.TextField(_("reflection"))
    shared = models.BooleanField(
        _("share with those who read my plan"),
        default=False,
        help_text=_("Your closest manager and the course leaders, if you share your plan."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["session__date", "session__start_time", "id"]
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        constraints = [
            models.UniqueConstraint(fields=["participant", "session"], name="unique_reflection")
        ]

    def __str__(self) -> str:
        return f"{self.participant_id}@{self.session_id}"


class SelfAssessment(models.Model):
    """The participant's own rating of one competency of the plan's requirement profile, at the
    start or at the end of the programme."""

    class Phase(models.TextChoices):
        START = "start", _("At the start")
        END = "end", _("At the end")

    plan = models.ForeignKey(
        DevelopmentPlan,
        on_delete=models.CASCADE,
        related_name="self_assessments",
        verbose_name=_("plan"),
    )
    competency = models.ForeignKey(
        Competency,
        on_delete=models.CASCADE,
        related_name="self_assessments",
        verbose_name=_("competency"),
    )
    phase = models.CharField(_("when"), max_length=10, choices=Phase.choices)
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(RATING_MIN), MaxValueValidator(RATING_MAX)]
    )
    rated_at = models.DateTimeField(_("rated"), auto_now=True)

    class Meta:
        ordering = ["plan", "competency__order", "competency__name", "phase"]
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "competency", "phase"], name="unique_self_assessment"
            ),
            models.CheckConstraint(
                condition=models.Q(rating__gte=RATING_MIN, rating__lte=RATING_MAX),
                name="self_assessment_rating_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}/{self.competency_id}/{self.phase}: {self.rating}"
