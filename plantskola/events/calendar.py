"""A registration as a calendar event: the `.ics` of the confirmation e-mails and of the
registration page (iTIP REQUEST, or CANCEL when the registration or the event is cancelled),
and the registered events in the person's own feed (`programmes/calendar/sources.py`).

Each registration keeps one UID for life, the same in the feed and in every message, and
its SEQUENCE goes up with each message sent, so the person's calendar replaces the event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from plantskola.core.models import Person
from plantskola.events.models import Event, Registration
from plantskola.programmes.calendar.ics import (
    TZ,
    UID_DOMAIN,
    add_attendee,
    add_organizer,
    calendar_bytes,
    new_calendar,
)


def event_start(event: Event) -> dt.datetime:
    return dt.datetime.combine(event.date, event.start_time, tzinfo=TZ)


def event_end(event: Event) -> dt.datetime:
    return dt.datetime.combine(event.date, event.end_time, tzinfo=TZ)


def event_location(event: Event) -> str:
    return ", ".join(p for p in (event.place, event.address) if p)


def registration_vevent(
    registration: Registration, *, base_url: str, stamp: dt.datetime, cancelled: bool = False
) -> icalendar.Event:
    event = registration.event
    vevent = icalendar.Event()
    vevent.add("uid", f"event-{registration.uid}@{UID_DOMAIN}")
    vevent.add("sequence", registration.sequence)
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", event_start(event))
    vevent.add("dtend", event_end(event))
    vevent.add("summary", event.title)
    location = event_location(event)
    if location:
        vevent.add("location", location)
    lines = [f"{event.get_kind_display()}: {event.title}"]
    if event.theme:
        lines.append(f"{_('Theme')}: {event.theme}")
    lines.append(event.organisation.name)
    vevent.add("description", "\n".join(lines))
    vevent.add("url", base_url.rstrip("/") + event.get_absolute_url())
    gone = cancelled or event.status == Event.Status.CANCELLED
    vevent.add("status", "CANCELLED" if gone else "CONFIRMED")
    return vevent


def registration_ics(
    registration: Registration, *, base_url: str | None = None, method: str = "REQUEST"
) -> str:
    """The iTIP message of one registration for its person: ORGANIZER (the sender address),
    ATTENDEE (the person), the registration's UID and SEQUENCE, and Stockholm's VTIMEZONE.
    `method` is REQUEST (registered) or CANCEL (the caller raises the SEQUENCE first)."""
    if method not in ("REQUEST", "CANCEL"):
        raise ValueError(method)
    person = registration.person
    cal = new_calendar(method=method)
    vevent = registration_vevent(
        registration,
        base_url=base_url or settings.SITE_URL,
        stamp=timezone.now().astimezone(dt.UTC),
        cancelled=method == "CANCEL",
    )
    add_organizer(vevent)
    add_attendee(
        vevent,
        name=person.full_name,
        email=person.email or "noreply@invalid",
        partstat="DECLINED" if method == "CANCEL" else "ACCEPTED",
    )
    cal.add_component(vevent)
    return calendar_bytes(cal).decode()


def ics_filename(registration: Registration) -> str:
    return f"evenemang-{registration.event.date:%Y-%m-%d}.ics"


def feed_events(person: Person, base_url: str, stamp: dt.datetime) -> Iterator[icalendar.Event]:
    """The person's feed source: the events they hold a place at (not the waiting list),
    published or cancelled (a cancelled one shows as cancelled)."""
    registrations = (
        Registration.objects.filter(person=person, status=Registration.Status.REGISTERED)
        .exclude(event__status=Event.Status.DRAFT)
        .select_related("event__organisation")
        .order_by("event__date", "event__start_time")
    )
    for registration in registrations:
        yield registration_vevent(registration, base_url=base_url, stamp=stamp)
