"""The calendar invitation for an agreed job-shadowing date: one event whose UID stays and whose
SEQUENCE goes up on each change, so that a changed date replaces the old one."""

from __future__ import annotations

import datetime as dt

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plantskola.development.shadowing.models import ShadowingMatch
from plantskola.programmes.calendar.ics import (
    TZ,
    UID_DOMAIN,
    add_attendee,
    add_organizer,
    calendar_bytes,
    new_calendar,
)


def match_event(match: ShadowingMatch) -> icalendar.Event:
    if match.starts_at is None or match.ends_at is None:
        raise ValueError("the match has no dates")
    host, person = match.host.person, match.participant.person
    edition = match.round.edition
    event = icalendar.Event()
    event.add("uid", f"shadowing-{match.uid}@{UID_DOMAIN}")
    event.add("sequence", match.sequence)
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    event.add("dtstart", timezone.localtime(match.starts_at, TZ))
    event.add("dtend", timezone.localtime(match.ends_at, TZ))
    event.add("summary", f"{_('Job shadowing')}: {person.full_name} – {host.full_name}")
    event.add("location", match.place)
    event.add(
        "description",
        f"{_('Programme')}: {edition.programme.name}\n{_('Edition')}: {edition.name}",
    )
    event.add(
        "url",
        settings.SITE_URL.rstrip("/")
        + reverse("development:shadowing_round_detail", args=[match.round_id]),
    )
    event.add("status", "CONFIRMED")
    add_organizer(event)
    for who in (host, person):
        if who.email:
            add_attendee(event, name=who.full_name, email=who.email, partstat="ACCEPTED")
    return event


def match_ics(match: ShadowingMatch) -> str:
    cal = new_calendar(method="REQUEST")
    cal.add_component(match_event(match))
    return calendar_bytes(cal).decode()
