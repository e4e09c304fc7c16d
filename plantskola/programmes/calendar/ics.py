"""Calendars (RFC 5545): the events of sessions, feeds and invitations as iCalendar.

Every session keeps one UID for life; its SEQUENCE goes up each time it moves, so calendar
clients replace the event they already have instead of adding a second one.
"""

from __future__ import annotations

import datetime as dt
from email.utils import parseaddr
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plantskola.programmes.models import Session

TZ = ZoneInfo("Europe/Stockholm")
PRODID = "-//Plantskola//Plantskola//SV"
UID_DOMAIN = "plantskola"
ICS_MIME = "text/calendar"
INVITATION_MIME = "text/calendar; method=REQUEST"
CANCEL_MIME = "text/calendar; method=CANCEL"


def session_start(session: Session) -> dt.datetime:
    return dt.datetime.combine(session.date, session.start_time, tzinfo=TZ)


def session_end(session: Session) -> dt.datetime:
    """A session is one day: a module of several days is one session (one event) per day."""
    return dt.datetime.combine(session.date, session.end_time, tzinfo=TZ)


def session_location(session: Session) -> str:
    parts = [session.place, session.address]
    if session.destination and session.destination not in parts:
        parts.append(session.destination)
    return ", ".join(p for p in parts if p)


def session_event(session: Session, *, base_url: str, stamp: dt.datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{session.uid}@{UID_DOMAIN}")
    event.add("sequence", session.sequence)
    event.add("dtstamp", stamp)
    event.add("dtstart", session_start(session))
    event.add("dtend", session_end(session))
    event.add("summary", session.title)
    location = session_location(session)
    if location:
        event.add("location", location)
    edition = session.edition
    lines = [
        f"{_('Programme')}: {edition.programme.name}",
        f"{_('Edition')}: {edition.name}",
    ]
    if session.module_id and session.module:
        lines.append(f"{_('Module')}: {session.module.name}")
    lines.append(f"{_('Group')}: {session.group.name if session.group else _('Everyone')}")
    event.add("description", "\n".join(lines))
    event.add("url", base_url.rstrip("/") + reverse("programmes:session_detail", args=[session.pk]))
    event.add("status", "CONFIRMED")
    return event


def new_calendar(*, name: str | None = None, method: str | None = None) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", "Europe/Stockholm")
    return cal


def calendar_bytes(cal: icalendar.Calendar) -> bytes:
    """Serialise with a VTIMEZONE for Europe/Stockholm, so clients need no time-zone lookup."""
    cal.add_missing_timezones()
    data: bytes = cal.to_ical()
    return data


def add_organizer(event: icalendar.Event) -> None:
    """ORGANIZER: the address Plantskola sends from (replies go to the organisation's staff
    through it), as every iTIP message must name one."""
    organiser_name, organiser_email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = icalendar.vCalAddress(f"mailto:{organiser_email}")
    organizer.params["cn"] = icalendar.vText(organiser_name or "Plantskola")
    event.add("organizer", organizer)


def add_attendee(
    event: icalendar.Event, *, name: str, email: str, partstat: str = "NEEDS-ACTION"
) -> None:
    """An ATTENDEE who is expected (REQ-PARTICIPANT); no RSVP is asked for, since answers are
    given in Plantskola, not by the calendar client."""
    address = icalendar.vCalAddress(f"mailto:{email}")
    address.params["cn"] = icalendar.vText(name)
    address.params["role"] = icalendar.vText("REQ-PARTICIPANT")
    address.params["partstat"] = icalendar.vText(partstat)
    address.params["rsvp"] = icalendar.vText("FALSE")
    event.add("attendee", address)


def invitation_ics(
    *, session: Session, base_url: str, attendee: tuple[str, str], method: str = "REQUEST"
) -> str:
    """An iTIP message for one attendee (name, e-mail): same UID, the session's SEQUENCE.

    `method` is REQUEST (an invitation or an update of one) or CANCEL (the session is
    cancelled; RFC 5546 wants the event's STATUS CANCELLED and a SEQUENCE above the last
    REQUEST, which the caller gives by raising `session.sequence` first)."""
    if method not in ("REQUEST", "CANCEL"):
        raise ValueError(method)
    cal = new_calendar(method=method)
    event = session_event(session, base_url=base_url, stamp=timezone.now().astimezone(dt.UTC))
    if method == "CANCEL":
        event["status"] = icalendar.vText("CANCELLED")
    add_organizer(event)
    name, email = attendee
    add_attendee(event, name=name, email=email)
    cal.add_component(event)
    return calendar_bytes(cal).decode()
