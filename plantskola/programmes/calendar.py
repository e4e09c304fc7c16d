"""Calendars (RFC 5545): each person's private feed, and updated invitations for moved sessions.

A feed is addressed by a random token that is the only key to it: replacing the token revokes
the old address. Every session keeps one UID for life; its SEQUENCE goes up each time it moves,
so calendar clients replace the event they already have instead of adding a second one.
"""

from __future__ import annotations

import datetime as dt
from email.utils import parseaddr
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plantskola.core.mail.services import email_queue, register_template
from plantskola.core.models import Person
from plantskola.programmes.models import CalendarFeed, Participant, Session, _feed_token

TZ = ZoneInfo("Europe/Stockholm")
PRODID = "-//Plantskola//Plantskola//SV"
UID_DOMAIN = "plantskola"
ICS_MIME = "text/calendar"
INVITATION_MIME = "text/calendar; method=REQUEST"

register_template(
    "session_changed",
    description=_("A session was moved: updated calendar invitation"),
    subject="Ändrat: {{ title }} {{ date }}",
    body=(
        "Hej {{ name }}!\n\n"
        "Tillfället {{ title }} i {{ programme }} ({{ edition }}) har ändrats.\n\n"
        "Nu gäller:\n"
        "Datum: {{ date }}\n"
        "Tid: {{ time }}\n"
        "Plats: {{ place }}\n\n"
        "En uppdaterad kalenderinbjudan finns bifogad; öppna den för att uppdatera "
        "händelsen i din kalender. Den som prenumererar på sin kalender i Plantskola får "
        "ändringen automatiskt.\n\n"
        "Mer information: {{ url }}\n"
    ),
)


# --- feeds -----------------------------------------------------------------------------------


def feed_get_or_create(*, person: Person) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(person=person)
    return feed


@transaction.atomic
def feed_regenerate(*, person: Person) -> CalendarFeed:
    """Give the person a new address; the old one stops working at once."""
    feed = CalendarFeed.objects.select_for_update().filter(person=person).first()
    if feed is None:
        return CalendarFeed.objects.create(person=person)
    feed.token = _feed_token()
    feed.created_at = timezone.now()
    feed.save(update_fields=["token", "created_at"])
    return feed


def feed_for_token(token: str) -> CalendarFeed | None:
    """The feed this token opens, if any: tokens that were replaced open nothing."""
    if not token or len(token) > 64:
        return None
    return (
        CalendarFeed.objects.filter(token=token, person__is_active=True)
        .select_related("person")
        .first()
    )


def sessions_for_person(*, person: Person) -> QuerySet[Session]:
    """A person's sessions: as a participant who has not withdrawn, the edition's sessions for
    everyone and their own group's; as a course leader, the sessions they lead."""
    active = Participant.objects.filter(person=person).exclude(status=Participant.Status.WITHDRAWN)
    q = Q(leaders=person)
    q |= Q(group__isnull=True, edition_id__in=active.values("edition_id"))
    q |= Q(group_id__in=active.exclude(group__isnull=True).values("group_id"))
    ids = Session.objects.filter(q).values("pk")
    return (
        Session.objects.filter(pk__in=ids)
        .select_related("edition__programme", "module", "group")
        .order_by("date", "start_time")
    )


# --- events ----------------------------------------------------------------------------------


def session_start(session: Session) -> dt.datetime:
    return dt.datetime.combine(session.date, session.start_time, tzinfo=TZ)


def session_end(session: Session) -> dt.datetime:
    """Multi-day sessions run from the first day's start to the last day's end."""
    return dt.datetime.combine(session.end_date or session.date, session.end_time, tzinfo=TZ)


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


def _calendar(*, name: str | None = None, method: str | None = None) -> icalendar.Calendar:
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


def _to_ical(cal: icalendar.Calendar) -> bytes:
    """Serialise with a VTIMEZONE for Europe/Stockholm, so clients need no time-zone lookup."""
    cal.add_missing_timezones()
    return cal.to_ical()


def feed_calendar(*, person: Person, base_url: str) -> bytes:
    """The whole feed for one person, as the bytes of a VCALENDAR."""
    sessions = list(sessions_for_person(person=person))
    cal = _calendar(name=f"Plantskola – {person.full_name}", method="PUBLISH")
    stamp = timezone.now().astimezone(dt.UTC)
    for session in sessions:
        cal.add_component(session_event(session, base_url=base_url, stamp=stamp))
    return _to_ical(cal)


def invitation_ics(*, session: Session, base_url: str, attendee: tuple[str, str]) -> str:
    """An iTIP REQUEST for one attendee (name, e-mail): same UID, the session's SEQUENCE."""
    cal = _calendar(method="REQUEST")
    event = session_event(session, base_url=base_url, stamp=timezone.now().astimezone(dt.UTC))
    organiser_name, organiser_email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = icalendar.vCalAddress(f"mailto:{organiser_email}")
    organizer.params["cn"] = icalendar.vText(organiser_name or "Plantskola")
    event.add("organizer", organizer)
    name, email = attendee
    address = icalendar.vCalAddress(f"mailto:{email}")
    address.params["cn"] = icalendar.vText(name)
    address.params["role"] = icalendar.vText("REQ-PARTICIPANT")
    address.params["partstat"] = icalendar.vText("NEEDS-ACTION")
    address.params["rsvp"] = icalendar.vText("FALSE")
    event.add("attendee", address)
    cal.add_component(event)
    return _to_ical(cal).decode()


# --- moved sessions --------------------------------------------------------------------------


def session_people(session: Session) -> list[Person]:
    """Everyone who has the session in their calendar: its participants (the group's, or the
    whole edition's, not withdrawn) and its course leaders, each once."""
    participants = Participant.objects.filter(edition_id=session.edition_id).exclude(
        status=Participant.Status.WITHDRAWN
    )
    if session.group_id:
        participants = participants.filter(group_id=session.group_id)
    people = Person.objects.filter(
        Q(pk__in=participants.values("person_id")) | Q(led_sessions=session)
    ).distinct()
    return list(people.order_by("last_name", "first_name"))


def session_changed_notify(*, session: Session, base_url: str) -> int:
    """Queue an updated invitation to everyone concerned who has an e-mail address; one message
    per person so that nobody sees the others' addresses. Returns how many were queued."""
    edition = session.edition
    organisation = edition.programme.organisation
    url = base_url.rstrip("/") + reverse("programmes:session_detail", args=[session.pk])
    date = f"{session.date:%Y-%m-%d}"
    if session.end_date and session.end_date != session.date:
        date += f" – {session.end_date:%Y-%m-%d}"
    count = 0
    for person in session_people(session):
        if not person.email:
            continue
        ics = invitation_ics(
            session=session, base_url=base_url, attendee=(person.full_name, person.email)
        )
        email_queue(
            organisation=organisation,
            key="session_changed",
            to=[person.email],
            context={
                "name": person.first_name,
                "title": session.title,
                "programme": edition.programme.name,
                "edition": edition.name,
                "date": date,
                "time": f"{session.start_time:%H:%M}–{session.end_time:%H:%M}",
                "place": session_location(session) or "–",
                "url": url,
            },
            attachments=[("inbjudan.ics", ics, INVITATION_MIME)],
        )
        count += 1
    return count
