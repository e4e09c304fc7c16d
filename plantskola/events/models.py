"""Leadership days and cafés: events for an organisation's managers, with registration,
a waiting list and (for a leadership day) table seating from the composition engine."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plantskola.core.models import Organisation, OrgUnit, Person, QueuedJob
from plantskola.programmes.capacity import CAPACITY_VALIDATORS, Places


class Event(models.Model):
    class Kind(models.TextChoices):
        LEADERSHIP_DAY = "leadership_day", _("Leadership day")
        CAFE = "cafe", _("Leadership café")

    class Audience(models.TextChoices):
        ALL_MANAGERS = "all_managers", _("All managers of the organisation")
        UNITS = "units", _("People in chosen units (with their sub-units)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft (not visible to the invited)")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CAFE)
    title = models.CharField(_("heading"), max_length=200)
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=CAPACITY_VALIDATORS,
        help_text=_(
            "Leave empty for no limit; otherwise the number of places (at least 1). When "
            "full, new registrations join a waiting list."
        ),
    )
    registration_opens = models.DateField(_("registration opens"))
    registration_closes = models.DateField(
        _("registration closes"), help_text=_("The last day on which people can register.")
    )
    audience = models.CharField(
        _("target group"), max_length=20, choices=Audience.choices, default=Audience.ALL_MANAGERS
    )
    target_units = models.ManyToManyField(
        OrgUnit,
        blank=True,
        related_name="+",
        verbose_name=_("units"),
        help_text=_("For a target group of chosen units: their sub-units are included."),
    )
    managers_only = models.BooleanField(
        _("managers only"),
        default=True,
        help_text=_("For chosen units: invite only the managers in them."),
    )
    notes = models.TextField(
        _("notes"),
        blank=True,
        help_text=_("What was discussed; stays browsable after the event."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    table_size = models.PositiveSmallIntegerField(
        _("people per table"), default=10, help_text=_("For table seating.")
    )
    invitations_sent_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)
    seated_at = models.DateTimeField(_("seated"), null=True, blank=True)
    seating_objective = models.FloatField(null=True, blank=True, editable=False)
    seating_bound = models.FloatField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-start_time", "title"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(registration_closes__gte=models.F("registration_opens")),
                name="event_registration_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="event_ends_after_start",
            ),
            models.CheckConstraint(condition=models.Q(table_size__gte=2), name="event_table_size"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event_detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = ValidationError(_("The event must end after it starts."))
        if self.registration_opens and self.registration_closes:
            if self.registration_closes < self.registration_opens:
                errors["registration_closes"] = ValidationError(
                    _("Registration cannot close before it opens.")
                )
            elif self.date and self.registration_closes > self.date:
                errors["registration_closes"] = ValidationError(
                    _("Registration must close on the day of the event at the latest.")
                )
        if self.table_size is not None and self.table_size < 2:
            errors["table_size"] = ValidationError(_("A table seats at least two people."))
        if errors:
            raise ValidationError(errors)

    def has_ended(self, today: dt.date) -> bool:
        return self.date < today

    def registration_is_open(self, today: dt.date) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.registration_opens <= today <= self.registration_closes
            and today <= self.date
        )

    @property
    def places(self) -> Places:
        """The event's places: only registered people take one (not the waiting list, not
        cancellations)."""
        taken = self.registrations.filter(status=Registration.Status.REGISTERED).count()
        return Places(capacity=self.capacity, taken=taken)

    @property
    def seating_percent(self) -> float | None:
        """The seating's score as a percentage of the engine's proven bound."""
        if self.seating_objective is None or not self.seating_bound:
            return None
        return 100.0 * self.seating_objective / self.seating_bound


class Registration(models.Model):
    """One person's registration for one event: registered, waiting or cancelled.

    Personal data: the person, and dietary needs (sensitive: shown only to the organisers and
    blanked by `event_purge_dietary_needs` once the event has ended).
    """

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("person"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED
    )
    dietary_needs = models.CharField(
        _("dietary needs"),
        max_length=300,
        blank=True,
        help_text=_(
            "Allergies or special diets. Only the organisers see this, and it is deleted "
            "after the event."
        ),
    )
    table_number = models.PositiveSmallIntegerField(_("table"), null=True, blank=True)
    # The waiting list's order: when the person (last) registered.
    registered_at = models.DateTimeField(_("registered"))
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # Who registered the person when it was someone else (their manager or a coordinator).
    registered_by = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    # The registration's calendar event (its .ics and its entry in the person's feed) keeps
    # one UID for life; SEQUENCE goes up with each REQUEST or CANCEL sent, so calendars
    # replace the event they have rather than add a second one.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["registered_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="one_registration_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.CANCELLED


class EventJob(QueuedJob):
    """A mass action on an event (invitations to the target group, a re-seating), run by the
    task worker after a preview and a confirmation; its page shows the progress.

    A re-seating is first a proposal (PROPOSED): the engine's tables kept in `params`, shown
    as the moves they make, and applied only when the organiser confirms."""

    class Kind(models.TextChoices):
        INVITE = "invite", _("Invitations")
        SEATING = "seating", _("Table seating")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Awaiting confirmation")
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("event")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )

    class Meta(QueuedJob.Meta):
        verbose_name = _("mass action on an event")
        verbose_name_plural = _("mass actions on events")
