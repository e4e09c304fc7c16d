"""Reads of events, their target groups, registrations and seating, scoped to the user."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet

from plantskola.access.events import events_for_user
from plantskola.access.principal import principal
from plantskola.core.models import OrgUnit, Person
from plantskola.events.models import Event, Registration

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from plantskola.core.models import User

    AnyUser = User | AnonymousUser


def _with_counts(qs: QuerySet[Event]) -> QuerySet[Event]:
    return qs.select_related("organisation").annotate(
        registered_count=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.REGISTERED)
        ),
        waiting_count=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.WAITING)
        ),
    )


def upcoming_events(*, user: AnyUser, today: dt.date) -> QuerySet[Event]:
    """Events from today on that the user sees (organisers: drafts too), soonest first."""
    return _with_counts(events_for_user(user).filter(date__gte=today)).order_by(
        "date", "start_time", "title"
    )


def past_events(*, user: AnyUser, today: dt.date) -> QuerySet[Event]:
    """Events that have taken place, latest first: their themes and notes stay browsable."""
    return _with_counts(
        events_for_user(user).filter(date__lt=today).exclude(status=Event.Status.DRAFT)
    ).order_by("-date", "title")


def managed_org_ids(*, user: AnyUser) -> frozenset[int] | None:
    """Organisations whose events the user runs; None means all (superuser)."""
    p = principal(user)
    return None if p.is_superuser else p.managing_org_ids


def own_registrations(*, user: AnyUser) -> dict[int, Registration]:
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


def top_units(*, organisation_id: int) -> dict[int, OrgUnit]:
    """Each unit's id → its top-level unit (the administration or company it belongs to)."""
    units = {u.pk: u for u in OrgUnit.objects.filter(organisation_id=organisation_id)}
    result: dict[int, OrgUnit] = {}
    for unit in units.values():
        parts = [int(p) for p in unit.path.strip("/").split("/") if p]
        result[unit.pk] = units.get(parts[0], unit) if parts else unit
    return result


def administration_of(person: Person, tops: dict[int, OrgUnit]) -> str:
    """The name of the person's administration or company (their top-level unit)."""
    if person.unit_id is None or person.unit_id not in tops:
        return ""
    return tops[person.unit_id].name


@dataclass
class Table:
    number: int
    people: list[Registration] = field(default_factory=list)
    per_administration: list[tuple[str, int]] = field(default_factory=list)


def seating_tables(*, event: Event) -> list[Table]:
    """The tables of a seated event, in order: who sits where, and per-administration counts."""
    tops = top_units(organisation_id=event.organisation_id)
    seated = (
        registrations(event=event)
        .filter(status=Registration.Status.REGISTERED, table_number__isnull=False)
        .order_by("table_number", "person__last_name", "person__first_name")
    )
    tables: dict[int, Table] = {}
    for registration in seated:
        number = registration.table_number
        assert number is not None  # noqa: S101 - filtered above
        table = tables.setdefault(number, Table(number))
        registration.administration = administration_of(registration.person, tops)  # type: ignore[attr-defined]
        table.people.append(registration)
    for table in tables.values():
        counts = Counter(r.administration for r in table.people)  # type: ignore[attr-defined]
        table.per_administration = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [tables[n] for n in sorted(tables)]


def event_summary(*, event: Event) -> dict[str, Any]:
    counts = Counter(Registration.objects.filter(event=event).values_list("status", flat=True))
    return {
        "registered_count": counts.get(Registration.Status.REGISTERED, 0),
        "waiting_count": counts.get(Registration.Status.WAITING, 0),
        "cancelled_count": counts.get(Registration.Status.CANCELLED, 0),
        "unseated_count": Registration.objects.filter(
            event=event, status=Registration.Status.REGISTERED, table_number__isnull=True
        ).count(),
    }
