"""Scheduling's writes: saving a session (with updated invitations when it moves), and
scheduling a module's days for every group of an edition in one go.

A session is one day. A module of several days is several sessions (same module and group),
each with its own date, times and place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plantskola.core.models import Person, User
from plantskola.programmes.calendar.services import session_changed_notify
from plantskola.programmes.enrolment.services import bulk_job_request
from plantskola.programmes.models import BulkJob, Edition, Group, Module, Session
from plantskola.programmes.schedule.selectors import Planned

#: The fields whose change moves a session: attendees get an updated invitation.
MOVE_FIELDS = ("date", "start_time", "end_time", "place", "address", "destination")


def move_key(session: Session) -> tuple[object, ...]:
    return tuple(getattr(session, name) for name in MOVE_FIELDS)


def new_sessions_invite(
    *, sessions: Sequence[Session], recipients: int, base_url: str, user: User
) -> BulkJob | None:
    """Queue the invitations to newly saved sessions (days) as a job with progress: each person
    concerned gets one message with one `.ics` per day. None when there is nobody to invite."""
    if not sessions or not recipients:
        return None
    return bulk_job_request(
        edition=sessions[0].edition,
        kind=BulkJob.Kind.INVITE,
        params={"session_ids": [s.pk for s in sessions], "base_url": base_url},
        total=recipients,
        user=user,
    )


@transaction.atomic
def session_save(
    *,
    form: forms.ModelForm[Session],
    before: tuple[object, ...] | None,
    base_url: str,
    user: User,
    recipients: int = 0,
) -> tuple[Session, BulkJob | None]:
    """Save a valid `SessionForm`. A session that moved (date, times, place, address or
    destination changed) gets a higher SEQUENCE and its people an updated invitation; a new
    session an invitation to those concerned (the group's or the edition's participants and
    its course leaders), queued as a job for the `recipients` the coordinator confirmed."""
    session: Session = form.instance
    moved = before is not None and before != move_key(session)
    if moved:
        session.sequence += 1
    session = form.save()
    job = None
    if before is None:
        job = new_sessions_invite(
            sessions=[session], recipients=recipients, base_url=base_url, user=user
        )
    elif moved:
        session_changed_notify(session=session, base_url=base_url)
    return session, job


@dataclass
class ScheduledDay:
    """One day of a module for one group; empty times and place take the common ones."""

    date: dt.date
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    place: str = ""


@dataclass
class GroupDays:
    group: Group
    days: Sequence[ScheduledDay]


def planned_for_groups(
    *,
    edition: Edition,
    module: Module,
    kind: str,
    start_time: dt.time,
    end_time: dt.time,
    place: str,
    address: str,
    groups: Sequence[GroupDays],
    leaders: Sequence[Person] = (),
) -> list[Planned]:
    """One unsaved session per day and group, each validated; all problems raised together."""
    errors: list[str] = []
    if module.edition_id != edition.pk:
        errors.append(_("The module belongs to another edition."))
    leader_ids = {p.pk for p in leaders}
    planned = []
    for item in groups:
        if item.group.edition_id != edition.pk:
            errors.append(_("The group belongs to another edition."))
            continue
        if not item.days:
            errors.append(_("Choose a date for %(group)s.") % {"group": item.group.name})
            continue
        dates = [d.date for d in item.days]
        if len(set(dates)) != len(dates):
            errors.append(
                _("%(group)s: two days are on the same date.") % {"group": item.group.name}
            )
        for number, day in enumerate(sorted(item.days, key=lambda d: d.date), start=1):
            session = Session(
                edition=edition,
                module=module,
                group=item.group,
                kind=kind,
                title=f"{module.name} – {item.group.name}",
                date=day.date,
                start_time=day.start_time or start_time,
                end_time=day.end_time or end_time,
                place=day.place or place,
                address=address,
            )
            try:
                session.full_clean(exclude=["uid"])
            except ValidationError as exc:
                where = _("%(group)s, day %(number)s") % {
                    "group": item.group.name,
                    "number": number,
                }
                errors += [f"{where}: {m}" for m in exc.messages]
            planned.append(Planned(session=session, leader_ids=set(leader_ids)))
    if errors:
        raise ValidationError(errors)
    return planned


@transaction.atomic
def module_schedule_for_groups(
    *, planned: Sequence[Planned], base_url: str, user: User, recipients: int = 0
) -> tuple[list[Session], BulkJob | None]:
    """Save the sessions (days) of `planned_for_groups` whole or not at all, and queue the
    invitations: each group's people get one message with their group's days."""
    sessions = []
    for plan in planned:
        session = plan.session
        session.save()
        if plan.leader_ids:
            session.leaders.set(plan.leader_ids)
        sessions.append(session)
    job = new_sessions_invite(
        sessions=sessions, recipients=recipients, base_url=base_url, user=user
    )
    return sessions, job
