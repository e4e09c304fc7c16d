"""Reads of calendars: a person's feed by its token, the sessions in it, and who has a session
in their calendar.

A feed is addressed by a random token that is the only key to it: replacing the token revokes
the old address. Only the token's SHA-256 is stored (`token_hash`).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db.models import Q, QuerySet
from django.utils import timezone

from plantskola.core.models import Person
from plantskola.programmes.calendar.ics import calendar_bytes, new_calendar, session_event
from plantskola.programmes.calendar.sources import extra_feed_events
from plantskola.programmes.models import CalendarFeed, Participant, Session


def token_hash(token: str) -> str:
    """What is stored of a feed token (as for reference and shadowing tokens)."""
    return hashlib.sha256(token.encode()).hexdigest()


def feed_for_person(*, person: Person) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(person=person).first()


def feed_for_token(token: str) -> CalendarFeed | None:
    """The feed this token opens, if any: tokens that were replaced open nothing."""
    if not token or len(token) > 64:
        return None
    return (
        CalendarFeed.objects.filter(token_hash=token_hash(token), person__is_active=True)
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


def feed_calendar(*, person: Person, base_url: str) -> bytes:
    """The whole feed for one person, as the bytes of a VCALENDAR."""
    sessions = list(sessions_for_person(person=person))
    cal = new_calendar(name=f"Plantskola – {person.full_name}", method="PUBLISH")
    stamp = timezone.now().astimezone(dt.UTC)
    for session in sessions:
        cal.add_component(session_event(session, base_url=base_url, stamp=stamp))
    for event in extra_feed_events(person=person, base_url=base_url, stamp=stamp):
        cal.add_component(event)
    return calendar_bytes(cal)


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
