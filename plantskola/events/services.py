"""Writes to events: invitations, registration with capacity and a waiting list, cancellation,
and deleting dietary needs after the event (table seating is in `events/seating/`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.core.mail.services import email_queue, register_template
from plantskola.core.models import Person
from plantskola.events import selectors
from plantskola.events.calendar import ics_filename, registration_ics
from plantskola.events.models import Event, Registration
from plantskola.events.retention import KEY as DIETARY_NEEDS_KEY
from plantskola.privacy.weeding import run as weeding_run
from plantskola.programmes.calendar.ics import CANCEL_MIME, INVITATION_MIME

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
WHEN_WHERE = (
    "När: {{ date }} kl. {{ start }}–{{ end }}\n"
    "{% if place %}Var: {{ place }}{% if address %}, {{ address }}{% endif %}\n{% endif %}"
)
register_template(
    "event_moved_up",
    description=gettext_lazy("A place became free: moved up from the waiting list"),
    subject="Du har fått en plats: {{ event }} {{ date }}",
    body=(
        "Hej {{ name }}!\n\n"
        "En plats har blivit ledig och du har flyttats upp från väntelistan. "
        "Du är nu anmäld till {{ event }}.\n\n" + WHEN_WHERE + "\n"
        "En kalenderinbjudan finns bifogad; öppna den för att lägga in evenemanget i din "
        "kalender.\n\n"
        "Kan du inte komma? Avanmäl dig här, så går platsen till nästa på väntelistan:\n"
        "{{ link }}\n\n"
        "Välkommen!\n{{ organisation }}\n"
    ),
)
register_template(
    "event_registered",
    description=gettext_lazy("Registration confirmed for a leadership day or café"),
    subject="Anmälan bekräftad: {{ event }} {{ date }}",
    body=(
        "Hej {{ name }}!\n\n"
        "{% if by %}{{ by }} har anmält dig till {{ event }}.{% else %}"
        "Du är anmäld till {{ event }}.{% endif %}\n\n" + WHEN_WHERE + ""
        "{% if dietary %}Specialkost: {{ dietary }}\n{% endif %}\n"
        "En kalenderinbjudan finns bifogad; öppna den för att lägga in evenemanget i din "
        "kalender.\n\n"
        "Kan du inte komma? Avanmäl dig här, så går platsen till någon annan:\n"
        "{{ link }}\n\n"
        "Välkommen!\n{{ organisation }}\n"
    ),
)
register_template(
    "event_waiting",
    description=gettext_lazy("Registration for a full event: on the waiting list"),
    subject="Väntelista: {{ event }} {{ date }}",
    body=(
        "Hej {{ name }}!\n\n"
        "{% if by %}{{ by }} har anmält dig till {{ event }}, {% else %}"
        "Tack för din anmälan till {{ event }}, {% endif %}"
        "men evenemanget är fullt. Du står som nummer {{ position }} på väntelistan och "
        "får ett e-postmeddelande med en kalenderinbjudan om en plats blir ledig.\n\n"
        + WHEN_WHERE
        + "\nDin anmälan: {{ link }}\n\n{{ organisation }}\n"
    ),
)
register_template(
    "event_unregistered",
    description=gettext_lazy("Registration for a leadership day or café cancelled"),
    subject="Avanmäld: {{ event }} {{ date }}",
    body=(
        "Hej {{ name }}!\n\n"
        "Din anmälan till {{ event }} ({{ date }} kl. {{ start }}–{{ end }}) är avbokad."
        "{% if had_place %} Den bifogade kalenderfilen tar bort evenemanget ur din "
        "kalender.{% endif %}\n\n"
        "Vill du anmäla dig igen kan du göra det här så länge anmälan är öppen:\n"
        "{{ link }}\n\n{{ organisation }}\n"
    ),
)


def _event_link(event: Event) -> str:
    site: str = settings.SITE_URL
    return site.rstrip("/") + event.get_absolute_url()


def _mail(
    registration: Registration,
    *,
    key: str,
    link: str,
    method: str | None = None,
    extra: dict[str, str] | None = None,
) -> None:
    """Queue one message about `registration` to its person, with the registration's `.ics`
    (iTIP `method`) attached when given; nothing for a person without an e-mail address."""
    person = registration.person
    if not person.email:
        return
    attachments = []
    if method is not None:
        mime = CANCEL_MIME if method == "CANCEL" else INVITATION_MIME
        ics = registration_ics(registration, method=method)
        attachments.append((ics_filename(registration), ics, mime))
    email_queue(
        organisation=registration.event.organisation,
        key=key,
        to=[person.email],
        context={
            **selectors.invitation_context(event=registration.event, person=person, link=link),
            **(extra or {}),
        },
        attachments=attachments,
    )


def _locked(event: Event) -> Event:
    """The event row locked for the rest of the transaction: registrations for one event
    are serialised, so two people cannot both take the last seat."""
    return Event.objects.select_for_update().select_related("organisation").get(pk=event.pk)


def event_invitation_check(*, event: Event) -> None:
    """Refuse invitations for an event that is not published or has taken place."""
    if event.status != Event.Status.PUBLISHED:
        raise ValidationError(_("Publish the event before sending invitations."))
    if event.date < timezone.localdate():
        raise ValidationError(_("The event has already taken place."))


def event_invite(*, event: Event, link: str, progress: Callable[[int], None] | None = None) -> int:
    """E-mail an invitation with `link` to everyone in the target group who has an e-mail
    address (the queued job: one transaction per message, so its page shows progress);
    returns how many were queued."""
    event_invitation_check(event=event)
    people = list(selectors.event_invitation_recipients(event=event))
    if not people:
        raise ValidationError(_("Nobody in the target group has an e-mail address."))
    for done, person in enumerate(people, start=1):
        with transaction.atomic():
            email_queue(
                organisation=event.organisation,
                key="event_invitation",
                to=[person.email],
                context=selectors.invitation_context(event=event, person=person, link=link),
            )
        if progress is not None:
            progress(done)
    event.invitations_sent_at = timezone.now()
    event.save(update_fields=["invitations_sent_at"])
    return len(people)


@transaction.atomic
def registration_create(
    *,
    event: Event,
    person: Person,
    dietary_needs: str = "",
    today: dt.date | None = None,
    by: Person | None = None,
    link: str | None = None,
) -> Registration:
    """Register a person of the target group; when the event is full they join the waiting
    list. One registration per person and event; only while registration is open. `by` is
    the person who registered them when it was someone else (their manager, a coordinator).

    The person gets a confirmation: with the registration's `.ics` when they have a place,
    with their place in the queue when they are waiting."""
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
    if existing is not None:
        # Registering again after a cancellation: the new REQUEST replaces the CANCEL.
        registration.sequence += 1
    registration.status = status
    registration.dietary_needs = dietary_needs.strip()
    registration.registered_at = timezone.now()
    registration.cancelled_at = None
    registration.table_number = None
    registration.registered_by = by if by is not None and by.pk != person.pk else None
    registration.save()
    registration.event = event
    extra = {
        "by": registration.registered_by.full_name if registration.registered_by else "",
        "dietary": registration.dietary_needs,
    }
    if status == Registration.Status.REGISTERED:
        _mail(
            registration,
            key="event_registered",
            link=link or _event_link(event),
            method="REQUEST",
            extra=extra,
        )
    else:
        position = selectors.waiting_position(registration=registration)
        _mail(
            registration,
            key="event_waiting",
            link=link or _event_link(event),
            extra={**extra, "position": str(position)},
        )
    return registration


@transaction.atomic
def registration_cancel(
    *, registration: Registration, link: str, today: dt.date | None = None
) -> Registration | None:
    """Cancel a registration (their dietary needs go with it) and tell the person (with a
    CANCEL for their calendar if they held a place); if it held a seat, the first on the
    waiting list moves up and gets an e-mail with an invitation. Returns the registration
    that moved up."""
    today = today or timezone.localdate()
    event = _locked(registration.event)
    registration = (
        Registration.objects.select_for_update().select_related("person").get(pk=registration.pk)
    )
    if not registration.is_active:
        raise ValidationError(_("The registration is already cancelled."))
    if event.date < today:
        raise ValidationError(_("The event has already taken place."))
    held_seat = registration.status == Registration.Status.REGISTERED
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.dietary_needs = ""
    registration.table_number = None
    registration.sequence += 1
    registration.save(
        update_fields=["status", "cancelled_at", "dietary_needs", "table_number", "sequence"]
    )
    registration.event = event
    _mail(
        registration,
        key="event_unregistered",
        link=link,
        method="CANCEL" if held_seat else None,
        extra={"had_place": "1" if held_seat else ""},
    )
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
    first.sequence += 1
    first.save(update_fields=["status", "sequence"])
    first.event = event
    _mail(first, key="event_moved_up", link=link, method="REQUEST")
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
