"""Authorization-matrix rows for the leadership days and cafés (plantskola.events).

The host's HR administrator and coordinator run the host's events (as does the superuser);
`manager` is a host manager, so in the target group of an event for all managers; the
other host users are not managers (not invited: 404), and partner and outsider staff belong
to other organisations (404)."""

from __future__ import annotations

from typing import Any

from plantskola.events.models import Event, EventJob, Registration
from tests.authz import Row, no_args, roles
from tests.conftest import World
from tests.events.conftest import make_event

ORGANISERS = {"admin": 200, "hr": 200, "coordinator": 200}
# Organisers may act; the invited manager sees the event but may not manage it.
MANAGE = roles(404, manager=403, **ORGANISERS)
MANAGE_POST = roles(404, manager=403, admin=302, hr=302, coordinator=302)


def host_event(w: World) -> Event:
    event = Event.objects.filter(organisation=w.host, title="Ledardag i matrisen").first()
    return event or make_event(
        w.host, title="Ledardag i matrisen", kind=Event.Kind.LEADERSHIP_DAY, capacity=340
    )


def event_args(w: World) -> list[Any]:
    return [host_event(w).pk]


def job_args(w: World) -> list[Any]:
    """An event with a finished mass action, so that its progress page has something."""
    event = host_event(w)
    if not EventJob.objects.filter(event=event).exists():
        EventJob.objects.create(
            event=event, kind=EventJob.Kind.INVITE, status=EventJob.Status.DONE, total=1, done=1
        )
    return [event.pk]


def registration_args(w: World) -> list[Any]:
    registration, _ = Registration.objects.get_or_create(
        event=host_event(w),
        person=w.manager_person,
        defaults={"registered_at": host_event(w).created_at},
    )
    return [registration.pk]


ROWS: list[Row] = [
    Row("events:event_list", no_args, roles(200)),
    Row("events:event_archive", no_args, roles(200)),
    Row(
        "events:event_create",
        no_args,
        roles(403, admin=200, hr=200, coordinator=200, partner=200, outsider=200),
    ),
    Row("events:event_detail", event_args, roles(404, manager=200, **ORGANISERS)),
    Row("events:event_update", event_args, MANAGE),
    # Invitations: a preview with the count (GET), then the confirmation (POST).
    Row("events:event_invite", event_args, MANAGE),
    Row("events:event_invite", event_args, MANAGE_POST, method="post"),
    Row("events:event_job", job_args, MANAGE),
    # Only the target group registers: the organisers are not managers (403).
    Row(
        "events:event_register",
        event_args,
        roles(404, manager=302, admin=403, hr=403, coordinator=403),
        method="post",
    ),
    Row(
        "events:event_unregister",
        event_args,
        roles(404, manager=302, admin=302, hr=302, coordinator=302),
        method="post",
    ),
    Row("events:event_registrations", event_args, MANAGE),
    # Registering others: the organisers and a closest manager of the organisation.
    Row("events:event_register_others", event_args, roles(404, manager=200, **ORGANISERS)),
    Row(
        "events:event_register_others",
        event_args,
        roles(404, manager=302, admin=302, hr=302, coordinator=302),
        method="post",
    ),
    Row("events:registration_cancel", registration_args, MANAGE_POST, method="post"),
    Row("events:event_seating", event_args, MANAGE),
    # Without a proposal, the changes page sends the organiser back to the seating (302).
    Row("events:event_seating_changes", event_args, MANAGE_POST),
    Row("events:event_seating_changes", event_args, MANAGE_POST, method="post"),
    # The registration's own .ics: its person (the manager) and the organisers.
    Row("events:registration_ics", registration_args, roles(404, manager=200, **ORGANISERS)),
    Row("events:event_registrations_xlsx", event_args, MANAGE),
    Row("events:event_registrations_pdf", event_args, MANAGE_POST, method="post"),
    Row("events:event_entrance_list_pdf", event_args, MANAGE_POST, method="post"),
    Row("events:event_table_lists_pdf", event_args, MANAGE_POST, method="post"),
    Row("events:event_badges_pdf", event_args, MANAGE_POST, method="post"),
]
