"""Programme → Edition → Module → Session, with groups, participants and attendance."""

from __future__ import annotations

import secrets
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from plantskola.core.models import Organisation, Person
from plantskola.programmes.capacity import CAPACITY_HELP, CAPACITY_VALIDATORS, Places
from plantskola.programmes.enrolment.models import BulkJob
from plantskola.programmes.grouping.models import GroupingDraft
from plantskola.programmes.introduction.models import IntroductionRule

# The mass actions', the grouping drafts' and the introduction's models live in their
# feature packages.
__all__ = ["BulkJob", "GroupingDraft", "IntroductionRule"]


class Programme(models.Model):
    class Audience(models.TextChoices):
        PRE_MANAGERS = "pre_managers", _("Prospective managers")
        ALL_MANAGERS = "all_managers", _("All managers")
        NEW_MANAGERS = "new_managers", _("New managers")
        MANAGERS_NETWORK = "network", _("Manager network across organisations")
        EVENT = "event", _("Leadership days and cafés")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="programmes",
        verbose_name=_("host organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.PRE_MANAGERS
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_programme_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:programme_detail", args=[self.pk])


class Edition(models.Model):
    """One run of a programme (omgång), e.g. "Ledarlabbet 2024"."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open for applications")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="editions", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=CAPACITY_VALIDATORS,
        help_text=CAPACITY_HELP,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("attendance required for completion (%)"),
        default=80,
        validators=[MaxValueValidator(100)],
    )
    # Completion before the edition's last session is an exception: who made it, when, why.
    early_completion_reason = models.CharField(
        _("reason for completion before the last session"), max_length=300, blank=True
    )
    early_completion_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("early completion allowed by"),
    )
    early_completion_at = models.DateTimeField(_("early completion allowed"), null=True, blank=True)
    partners = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="partner_editions",
        verbose_name=_("partner organisations"),
        help_text=_("Other organisations taking part in this joint edition."),
    )

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="unique_edition_name"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="edition_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:edition_detail", args=[self.pk])

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The edition cannot end before it starts.")})

    @property
    def places(self) -> Places:
        """The edition's places: withdrawn participants take none."""
        taken = self.participants.exclude(status=Participant.Status.WITHDRAWN).count()
        return Places(capacity=self.capacity, taken=taken)


class Module(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="modules", verbose_name=_("edition")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    topics = models.TextField(_("topics"), blank=True, help_text=_("One topic per line."))
    length_days = models.DecimalField(
        _("length in days"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("1.0"),
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("30"))],
    )

    class Meta:
        ordering = ["edition", "order", "id"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def __str__(self) -> str:
        return self.name

    @property
    def topic_list(self) -> list[str]:
        return [line.strip() for line in self.topics.splitlines() if line.strip()]


class Group(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="groups", verbose_name=_("edition")
    )
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=1)

    class Meta:
        ordering = ["edition", "order", "name"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [
            models.UniqueConstraint(fields=["edition", "name"], name="unique_group_name")
        ]

    def __str__(self) -> str:
        return self.name


class Session(models.Model):
    class Kind(models.TextChoices):
        LAB = "lab", _("Lab")
        MODULE_DAY = "module_day", _("Module day")
        CONFERENCE = "conference", _("Conference")
        STUDY_TRIP = "study_trip", _("Study trip")
        CAFE = "cafe", _("Leadership café")
        LEADERSHIP_DAY = "leadership_day", _("Leadership day")
        CEREMONY = "ceremony", _("Ceremony")

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("edition")
    )
    module = models.ForeignKey(
        Module,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("module"),
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("group"),
        help_text=_("Leave empty when the session is for the whole edition."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MODULE_DAY)
    title = models.CharField(_("heading"), max_length=200)
    # One session is one day: a module of several days has one session per day, each with its
    # own times and place (and its own UID, so each day is its own event in a calendar).
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    destination = models.CharField(
        _("destination"), max_length=200, blank=True, help_text=_("For study trips.")
    )
    leaders = models.ManyToManyField(
        Person, blank=True, related_name="led_sessions", verbose_name=_("course leaders")
    )
    # iCalendar identity (RFC 5545): the UID never changes; SEQUENCE goes up each time the
    # session moves (date, times, place), so calendar clients replace the event they have.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["date", "start_time", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%Y-%m-%d})"

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The session must end after it starts.")
        if self.module_id and self.module and self.module.edition_id != self.edition_id:
            errors["module"] = _("The module belongs to another edition.")
        if self.group_id and self.group and self.group.edition_id != self.edition_id:
            errors["group"] = _("The group belongs to another edition.")
        if errors:
            raise ValidationError(errors)


class Participant(models.Model):
    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="participants", verbose_name=_("edition")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="participations", verbose_name=_("person")
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("group"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.INVITED
    )
    withdrawal_reason = models.CharField(
        _("reason for withdrawal"),
        max_length=300,
        blank=True,
        help_text=_("Why the participant no longer takes part (kept with the participation)."),
    )
    # When the edition's invitation (its sessions, one .ics each) was queued to the person;
    # empty until then, so "Skicka inbjudningar" knows whom it has not reached yet.
    invited_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["edition", "person"], name="unique_participant")
        ]

    def __str__(self) -> str:
        return str(self.person)

    def clean(self) -> None:
        # Also guards the admin's raw-id field: only the host's and partners' people take part.
        if self.person_id and self.edition_id:
            allowed = {
                self.edition.programme.organisation_id,
                *self.edition.partners.values_list("pk", flat=True),
            }
            if self.person.organisation_id not in allowed:
                raise ValidationError(
                    {"person": _("The person belongs to an organisation outside this edition.")}
                )
        if self.group_id and self.group and self.group.edition_id != self.edition_id:
            raise ValidationError({"group": _("The group belongs to another edition.")})


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "participant"], name="unique_attendance")
        ]

    def __str__(self) -> str:
        return f"{self.participant_id}@{self.session_id}: {self.status}"


class ProgrammeRole(models.Model):
    """A role a user holds for one programme, or for one edition of it."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Programme coordinator")
        COURSE_LEADER = "course_leader", _("Course leader")
        STEERING_GROUP = "steering_group", _("Steering-group member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_roles"
    )
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="roles")
    edition = models.ForeignKey(
        Edition,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
        help_text=_("Leave empty for every edition of the programme."),
    )
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("programme role")
        verbose_name_plural = _("programme roles")

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.programme}"

    def clean(self) -> None:
        if self.edition_id and self.edition and self.edition.programme_id != self.programme_id:
            raise ValidationError({"edition": _("The edition belongs to another programme.")})


def _feed_token() -> str:
    """A new feed token (also named by migration 0002, which made it the field's default)."""
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's private calendar address; the token is the only key, so it can be revoked
    by replacing it (the old address then answers 404). Only the token's SHA-256 is stored,
    like the reference and shadowing tokens: the address (which carries the token itself) is
    shown once, when it is made, and a copy of the database opens no one's calendar."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="calendar_feed", verbose_name=_("person")
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.person_id}: {self.created_at:%Y-%m-%d}"


class NetworkProfile(models.Model):
    """What a participant or alumnus shows in the network directory beyond name, title, unit,
    organisation, programme and year: contact details and a short presentation, each only
    where the person has opted in. Without a profile nothing optional is shown."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="network_profile", verbose_name=_("person")
    )
    listed = models.BooleanField(
        _("show me in the network directory"),
        default=True,
        help_text=_("When unticked, nobody finds you in the directory."),
    )
    share_email = models.BooleanField(_("show my work e-mail address"), default=False)
    phone = models.CharField(_("work phone"), max_length=40, blank=True)
    share_phone = models.BooleanField(_("show my work phone"), default=False)
    presentation = models.TextField(
        _("about me"),
        max_length=600,
        blank=True,
        help_text=_("A few lines on what you work with and what you would like to talk about."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("network profile")
        verbose_name_plural = _("network profiles")

    def __str__(self) -> str:
        return str(self.person)
