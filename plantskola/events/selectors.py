"""Reads of events, their target groups and registrations, scoped to the user (the seating's
reads are in `events/seating/selectors.py`)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import formats

from plantskola.access.base import UserLike
from plantskola.access.events import event_registrants_for_user, events_for_user
from plantskola.access.principal import principal
from plantskola.core.mail.selectors import email_render
from plantskola.core.models import Person
from plantskola.events.models import Event, EventJob, Registration


def _with_counts(qs: QuerySet[Event]) -> QuerySet[Event]:
    return qs.select_related("organisation").annotate(
        registered_count=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.REGISTERED)
        ),
        waiting_count=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.WAITING)
        ),
    )


def upcoming_events(*, user: UserLike, today: dt.date) -> QuerySet[Event]:
    """Events from today on that the user sees (organisers: drafts too), soonest first."""
    return _with_counts(events_for_user(user).filter(date__gte=today)).order_by(
        "date", "start_time", "title"
    )


def past_events(*, user: UserLike, today: dt.date) -> QuerySet[Event]:
    """Events that have taken place, latest first: their themes and notes stay browsable."""
    return _with_counts(
        events_for_user(user).filter(date__lt=today).exclude(status=Event.Status.DRAFT)
    ).order_by("-date", "title")


def own_registration(*, event: Event, person: Person | None) -> Registration | None:
    """The person's registration for the event, whatever its status."""
    if person is None:
        return None
    return Registration.objects.filter(event=event, person=person).first()


def own_registrations(*, user: UserLike) -> dict[int, Registration]:
    """The user's own registrations by event id."""
    p = principal(user)
    if p.person_id is None:
        return {}
    return {r.event_id: r for r in Registration.objects.filter(person_id=p.person_id)}


def event_target_people(*, event: Event) -> QuerySet[Person]:
    """The people the event is for: all managers, or the people of the chosen units and their
    sub-units (managers only if so chosen); active people of the event's organisation only."""
    people = Person.objects.filter(organisation_id=event.organisation_id, is_active=True)
    if event.audience == Event.Audience.ALL_MANAGERS:
        return people.filter(is_manager=True)
    paths = list(event.target_units.values_list("path", flat=True))
    if not paths:
        return people.none()
    q = Q()
    for path in paths:
        q |= Q(unit__path__startswith=path)
    people = people.filter(q)
    if event.managers_only:
        people = people.filter(is_manager=True)
    return people


def event_invitation_recipients(*, event: Event) -> QuerySet[Person]:
    """Who an invitation goes to: the target group's people with an e-mail address."""
    return event_target_people(event=event).exclude(email="").order_by("pk")


def waiting_position(*, registration: Registration) -> int | None:
    """1 for the first on the waiting list."""
    if registration.status != Registration.Status.WAITING:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=Registration.Status.WAITING
    ).filter(
        Q(registered_at__lt=registration.registered_at)
        | Q(registered_at=registration.registered_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def registrations(*, event: Event) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(event=event)
        .select_related("person__unit")
        .order_by("registered_at", "id")
    )


def event_summary(*, event: Event) -> dict[str, int]:
    counts = Counter(Registration.objects.filter(event=event).values_list("status", flat=True))
    return {
        "registered_count": counts.get(Registration.Status.REGISTERED, 0),
        "waiting_count": counts.get(Registration.Status.WAITING, 0),
        "cancelled_count": counts.get(Registration.Status.CANCELLED, 0),
        "unseated_count": Registration.objects.filter(
            event=event, status=Registration.Status.REGISTERED, table_number__isnull=True
        ).count(),
    }


REGISTRANT_RESULTS = 25


def registrant_search(*, user: UserLike, event: Event, query: str) -> list[Person]:
    """People the user may register for the event whose name, e-mail, title or unit matches
    every word of `query`, at most `REGISTRANT_RESULTS`; each annotated with `registration`
    (theirs for this event, or None) and `in_target` (whether they may be registered)."""
    words = query.split()
    if not words:
        return []
    people = event_registrants_for_user(user, event).select_related("unit")
    for word in words:
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(title__icontains=word)
            | Q(unit__name__icontains=word)
        )
    found = list(people.order_by("last_name", "first_name", "pk")[:REGISTRANT_RESULTS])
    ids = [p.pk for p in found]
    own = {
        r.person_id: r
        for r in Registration.objects.filter(event=event, person_id__in=ids).exclude(
            status=Registration.Status.CANCELLED
        )
    }
    target = set(event_target_people(event=event).filter(pk__in=ids).values_list("pk", flat=True))
    for person in found:
        person.registration = own.get(person.pk)  # type: ignore[attr-defined]  # row annotation
        person.in_target = person.pk in target  # type: ignore[attr-defined]  # row annotation
    return found


def invitation_context(*, event: Event, person: Person, link: str) -> dict[str, str]:
    """What the events' e-mails say about the event, for one person."""
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


@dataclass
class InvitationPreview:
    recipients: int
    without_email: int
    subject: str
    body: str


def invitation_preview(*, event: Event, link: str) -> InvitationPreview:
    """The invitation as the first recipient would get it, and how many would get one."""
    recipients = list(event_invitation_recipients(event=event)[:1])
    count = event_invitation_recipients(event=event).count()
    subject = body = ""
    if recipients:
        person = recipients[0]
        subject, body = email_render(
            organisation=event.organisation,
            key="event_invitation",
            context=invitation_context(event=event, person=person, link=link),
        )
    return InvitationPreview(
        recipients=count,
        without_email=event_target_people(event=event).filter(email="").count(),
        subject=subject,
        body=body,
    )


def latest_job(*, event: Event) -> EventJob | None:
    """The event's latest confirmed mass action (not a proposal still to confirm)."""
    return EventJob.objects.filter(event=event).exclude(status=EventJob.Status.PROPOSED).first()


def seating_proposal(*, event: Event) -> EventJob | None:
    return EventJob.objects.filter(
        event=event, kind=EventJob.Kind.SEATING, status=EventJob.Status.PROPOSED
    ).first()
