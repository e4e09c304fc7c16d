"""Surveys: templates of questions per organisation, surveys attached to a session, module,
edition or event, and anonymous responses.

Anonymity is a property of the schema, not of the views (architecture.md):

- `Response` and `Answer` have no foreign key to a person or user and no timestamp at all.
  (The issue allows a date; we store none, because the reminder e-mails in the outbox are
  dated: "X was reminded on the 3rd and not on the 10th" plus a response dated between the
  two would point at X.)
- `Response` has a random UUID primary key, so its id says nothing about the order in which
  people answered; free-text answers are always listed sorted by their text, never by id.
- `ResponseToken` (person + survey → used) only prevents answering twice. Tokens are created
  up front for every respondent when the invitations go out (and for late joiners when the
  form is first *shown*, never in the transaction that stores the answer), and `used` is a
  plain flag without a timestamp, so neither ids, ordering nor times join a token to a
  response.
- Answering writes no audit entry, mail, task or log line, and updates the tokens with one
  statement that rewrites all of the survey's tokens alike (no `save()`, so no audit entry;
  on PostgreSQL every token then carries the same writing transaction, xmin).
- The database's physical order (SQLite's rowid, PostgreSQL's ctid and xmin) would follow
  insertion, so every answer rewrites all of the survey's responses and answers in an order
  drawn by `secrets` (`services.responses_shuffle`): the newest response is nowhere in
  particular. SQLite runs with `secure_delete`, so the rewritten rows leave no old order in
  the file's free pages; on PostgreSQL the dead row versions stay until (auto)vacuum, readable
  only to a superuser with page-inspection tools. Someone who can copy the database
  repeatedly while people answer could still compare the `used` flags between copies; no
  schema prevents that, which is why access to the database itself is an operations matter
  (and why reports never show anything per day).
- Reports suppress small groups, and the cells that would let one subtract their way to them
  (`disclosure.py`).
- A non-anonymous needs-and-expectations survey (Ledarlabbet) says so to the respondent; its
  responses get a separate `ResponseSignature` row naming the person. Anonymous surveys never
  have one (a database constraint cannot span tables; the service refuses, and a test checks).
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plantskola.core.models import Organisation, Person

# The survey schedule's model lives in its feature package; Django finds it here.
from plantskola.evaluations.schedule.models import SurveySchedule as SurveySchedule

MIN_THRESHOLD = 3
DEFAULT_THRESHOLD = 5
MAX_THRESHOLD = 10


class EvaluationSettings(models.Model):
    """An organisation's reporting threshold: smaller groups' results are never shown."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="evaluation_settings",
        verbose_name=_("organisation"),
    )
    threshold = models.PositiveSmallIntegerField(
        _("smallest group shown"),
        default=DEFAULT_THRESHOLD,
        validators=[MinValueValidator(MIN_THRESHOLD), MaxValueValidator(MAX_THRESHOLD)],
        help_text=_(
            "Results of a group with fewer respondents than this are not shown "
            "(at least 3, at most 10)."
        ),
    )

    class Meta:
        verbose_name = _("evaluation settings")
        verbose_name_plural = _("evaluation settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(threshold__gte=MIN_THRESHOLD, threshold__lte=MAX_THRESHOLD),
                name="evaluation_threshold_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.threshold}"


class SurveyTemplate(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="survey_templates",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("introduction"), blank=True)

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("survey template")
        verbose_name_plural = _("survey templates")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="unique_survey_template_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("evaluations:survey_template_detail", args=[self.pk])


class Question(models.Model):
    class Kind(models.TextChoices):
        RATING = "rating", _("Rating on a scale")
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TEXT = "text", _("Free text")

    template = models.ForeignKey(SurveyTemplate, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.RATING)
    text = models.CharField(_("question"), max_length=500)
    scale_min = models.PositiveSmallIntegerField(_("scale from"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("scale to"), default=6)
    scale_min_label = models.CharField(_("label of the lowest value"), max_length=100, blank=True)
    scale_max_label = models.CharField(_("label of the highest value"), max_length=100, blank=True)
    options = models.TextField(_("options"), blank=True, help_text=_("One option per line."))
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        ordering = ["template", "order", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scale_max__gt=models.F("scale_min")),
                name="question_scale_order",
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    @property
    def scale(self) -> list[int]:
        return list(range(self.scale_min, self.scale_max + 1))

    @property
    def is_choice(self) -> bool:
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)

    def clean(self) -> None:
        if self.kind == self.Kind.RATING:
            if self.scale_max <= self.scale_min:
                raise ValidationError({"scale_max": _("The scale must end above where it starts.")})
            if self.scale_max - self.scale_min > 10:
                raise ValidationError({"scale_max": _("A scale has at most eleven steps.")})
        if self.is_choice:
            options = self.option_list
            if len(options) < 2:
                raise ValidationError({"options": _("Give at least two options, one per line.")})
            if len(set(options)) != len(options):
                raise ValidationError({"options": _("Each option must be different.")})


class Survey(models.Model):
    class Target(models.TextChoices):
        SESSION = "session", _("Session")
        MODULE = "module", _("Module")
        EDITION = "edition", _("Edition")
        EVENT = "event", _("Event")

    template = models.ForeignKey(
        SurveyTemplate,
        on_delete=models.PROTECT,
        related_name="surveys",
        verbose_name=_("template"),
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="surveys")
    title = models.CharField(_("heading"), max_length=200)
    target = models.CharField(_("attached to"), max_length=10, choices=Target.choices)
    # The edition is set for session, module and edition surveys (it scopes who sees them).
    edition = models.ForeignKey(
        "programmes.Edition",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("edition"),
    )
    module = models.ForeignKey(
        "programmes.Module",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("module"),
    )
    session = models.ForeignKey(
        "programmes.Session",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("session"),
    )
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("event"),
    )
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(
        _("closes"), help_text=_("The last day on which people can answer.")
    )
    is_anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_(
            "Untick only for a needs-and-expectations survey whose answers the coordinator "
            "should see by name; the form then says so clearly."
        ),
    )
    invitations_sent_on = models.DateField(_("invitations sent"), null=True, blank=True)
    last_reminder_on = models.DateField(_("last reminder"), null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "title"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="survey_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(target="event", event__isnull=False, edition__isnull=True)
                    | models.Q(
                        target="edition",
                        edition__isnull=False,
                        module__isnull=True,
                        session__isnull=True,
                        event__isnull=True,
                    )
                    | models.Q(
                        target="module",
                        edition__isnull=False,
                        module__isnull=False,
                        session__isnull=True,
                        event__isnull=True,
                    )
                    | models.Q(
                        target="session",
                        edition__isnull=False,
                        session__isnull=False,
                        event__isnull=True,
                    )
                ),
                name="survey_attached_to_one_thing",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evaluations:survey_detail", args=[self.pk])

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("A survey cannot close before it opens.")})

    def is_open(self, today: dt.date) -> bool:
        return self.opens_on <= today <= self.closes_on

    @property
    def attached_to(self) -> object:
        return {
            self.Target.SESSION: self.session,
            self.Target.MODULE: self.module,
            self.Target.EDITION: self.edition,
            self.Target.EVENT: self.event,
        }[self.Target(self.target)]


class ResponseToken(models.Model):
    """Who has been invited to a survey and whether they have answered; never which response
    is theirs. Personal data: the person (erased with them)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="tokens")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    used = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("response token")
        verbose_name_plural = _("response tokens")
        constraints = [
            models.UniqueConstraint(fields=["survey", "person"], name="one_token_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.person_id}: {self.used}"


class Response(models.Model):
    """One anonymous response: no person, no timestamp, a random id. `group` is the
    respondent's group in the edition, kept for the comparison across groups (reports
    suppress groups smaller than the threshold)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    group = models.ForeignKey(
        "programmes.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return str(self.id)


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    rating = models.SmallIntegerField(null=True, blank=True)
    choices = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.question_id}"


class ResponseSignature(models.Model):
    """Only for a non-anonymous survey: whose response this is. Personal data: the person."""

    response = models.OneToOneField(Response, on_delete=models.CASCADE, related_name="signature")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("named response")
        verbose_name_plural = _("named responses")

    def __str__(self) -> str:
        return f"{self.person_id}"
