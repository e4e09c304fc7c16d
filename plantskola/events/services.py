"""Writes to events: invitations, registration with capacity and a waiting list, cancellation,
and deleting dietary needs after the event (table seating is in `events/seating/`)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.core.mail.services import email_queue, register_template
from plantskola.core.models import Person
from plantskola.events import selectors
from plantskola.events.models import Event, Registration
from plantskola.events.retention import KEY as DIETARY_NEEDS_KEY
from plantskola.privacy.weeding import run as weeding_run

register_template(
    "event_invitation",
    description=gettext_lazy("Invitation to a leadership day or café"),
    subject="Inbjudan: {{ event }} {{ date }}",
    body=(
        "Hej {{ name }}!\n\n"
        "Du är inbjuden till {{ event }}{% if theme %} på temat ”{{ theme }}”{% endif %}.\n\n"
        "När: {{ date }} kl. {{ start }}–{{ end }}\n"
        "{% if place %}Var: {{ place }}{% if address %}, {{ address }}{% endif %}\n{% endif %}"
        "{% if closes %}Sista dag att anmäla sig: {{ closes }}\n{% endif %}"
        "\nLäs mer och anmäl dig här:\n{{ link }}\n\n"
        "Välkommen!\n{{ organisation }}\n"
    ),
)
register_template(
    "event_moved_up",
    description=gettext_lazy("A place became free: moved up from the waiting list"),
    subject="Du har fått en plats: {{ event }} {{ date }}",
    body=(
        "Hej {{ name }}!\n\n"
        "En plats har blivit ledig och du har flyttats upp från väntelistan. "
        "Du är nu anmäld till {{ event }}.\n\n"
        "När: {{ date }} kl. {{ start }}–{{ end }}\n"
        "{% if place %}Var: {{ place }}{% if address %}, {{ address }}{% endif %}\n{% endif %}"
        "\nKan du inte komma? Avanmäl dig här, så går platsen till nästa på väntelistan:\n"
        "{{ link }}\n\n"
        "Välkommen!\n{{ organisation }}\n"
    ),
)


def _email_context(event: Event, person: Person, link: str) -> dict[str, str]:
    return {
        "name": person.first_name,
        "event": event.title,
        "theme": event.theme,
        "date": formats.date_format(event.date, "j F Y", use_l10n=True),
        "start": event.start_time.strftime("%H:%M"),
        "end": event.end_time.strftime("%H:%M"),
        "place": event.place,
        "address": event.address,
        "closes": formats.date_format(event.registration_closes, "j F Y", use_l10n=True),
        "link": link,
        "organisation": event.organisation.name,
    }


def _locked(event: Event) -> Event:
    """The event row locked for the rest of the transaction: registrations for one event
    are serialised, so two people cannot both take the last seat."""
    return Event.objects.select_for_update().select_related("organisation").get(pk=event.pk)


@transaction.atomic
def event_invite(*, event: Event, link: str) -> int:
    """E-mail an invitation with `link` to everyone in the target group who has an e-mail
    address; returns how many were queued."""
    event = _locked(event)
    if event.status != Event.Status.PUBLISHED:
        raise ValidationError(_("Publish the event before sending invitations."))
    if event.date < timezone.localdate():
        raise ValidationError(_("The event has already taken place."))
    people = selectors.event_target_people(event=event).exclude(email="")
    count = 0
    for person in people:
        email_queue(
            organisation=event.organisation,
            key="event_invitation",
            to=[person.email],
            context=_email_context(event, person, link),
        )
        count += 1
    if count == 0:
        raise ValidationError(_("Nobody in the target group has an e-mail address."))
    event.invitations_sent_at = timezone.now()
    event.save(update_fields=["invitations_sent_at"])
    return count


@transaction.atomic
def registration_create(
    *, event: Event, person: Person, dietary_needs: str = "", today: dt.date | None = None
) -> Registration:
    """Register a person of the target group; when the event is full they join the waiting
    list. One registration per person and event; only while registration is open."""
    today = today or timezone.localdate()
    event = _locked(event)
    if event.status == Event.Status.CANCELLED:
        raise ValidationError(_("The event has been cancelled."))
    if event.status != Event.Status.PUBLISHED:
        raise ValidationError(_("The event is not open for registration yet."))
    if today < event.registration_opens:
        raise ValidationError(
            _("Registration opens on %(date)s.")
            % {"date": formats.date_format(event.registration_opens, "j F Y")}
        )
    if today > event.registration_closes or today > event.date:
        raise ValidationError(_("Registration for this event has closed."))
    if not selectors.event_target_people(event=event).filter(pk=person.pk).exists():
        raise ValidationError(
            _("%(name)s is not in the target group of this event.") % {"name": person.full_name}
        )
    existing = Registration.objects.filter(event=event, person=person).first()
    if existing is not None and existing.is_active:
        raise ValidationError(
            _("%(name)s is already registered for this event.") % {"name": person.full_name}
            if existing.status == Registration.Status.REGISTERED
            else _("%(name)s is already on the waiting list for this event.")
            % {"name": person.full_name}
        )
    full = event.places.full
    # Anyone already waiting keeps their place ahead of a newcomer.
    waiting = Registration.objects.filter(event=event, status=Registration.Status.WAITING)
    status = (
        Registration.Status.WAITING if full or waiting.exists() else Registration.Status.REGISTERED
    )
    registration = existing or Registration(event=event, person=person)
    registration.status = status
    registration.dietary_needs = dietary_needs.strip()
    registration.registered_at = timezone.now()
    registration.cancelled_at = None
    registration.table_number = None
    registration.save()
    return registration


@transaction.atomic
def registration_cancel(
    *, registration: Registration, link: str, today: dt.date | None = None
) -> Registration | None:
    """Cancel a registration (their dietary needs go with it); if it held a seat, the first on
    the waiting list moves up and gets an e-mail. Returns the registration that moved up."""
    today = today or timezone.localdate()
    event = _locked(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.is_active:
        raise ValidationError(_("The registration is already cancelled."))
    if event.date < today:
        raise ValidationError(_("The event has already taken place."))
    held_seat = registration.status == Registration.Status.REGISTERED
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.dietary_needs = ""
    registration.table_number = None
    registration.save(update_fields=["status", "cancelled_at", "dietary_needs", "table_number"])
    if not held_seat:
        return None
    return _promote(event=event, link=link)


def _promote(*, event: Event, link: str) -> Registration | None:
    """Move the first on the waiting list up, if there is a free seat."""
    if event.places.full:
        return None
    first = (
        Registration.objects.select_for_update()
        .filter(event=event, status=Registration.Status.WAITING)
        .select_related("person")
        .order_by("registered_at", "id")
        .first()
    )
    if first is None:
        return None
    first.status = Registration.Status.REGISTERED
    first.save(update_fields=["status"])
    if first.person.email:
        email_queue(
            organisation=event.organisation,
            key="event_moved_up",
            to=[first.person.email],
            context=_email_context(event, first.person, link),
        )
    return first


@transaction.atomic
def event_update_capacity(*, event: Event, link: str) -> list[Registration]:
    """After the capacity went up: move as many from the waiting list up as now fit."""
    event = _locked(event)
    moved: list[Registration] = []
    while (promoted := _promote(event=event, link=link)) is not None:
        moved.append(promoted)
    return moved


# --- retention -----------------------------------------------------------------------------


@transaction.atomic
def event_purge_dietary_needs(*, today: dt.date) -> tuple[int, int]:
    """Blank the dietary needs of every event that has ended (before `today`, or as many
    months before as the organisation's retention rule says), through the weeding registry
    (`plantskola.privacy.weeding`), which logs the run.

    Dietary needs can reveal health or religion; they are needed only to plan the meal.
    Returns (registrations blanked, events concerned)."""
    report = weeding_run(today=today, keys=[DIETARY_NEEDS_KEY], source="purge_dietary_needs")
    return report.total("registrations"), report.total("events")
