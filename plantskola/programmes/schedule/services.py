"""Scheduling's writes: saving a session (with updated invitations when it moves), and
scheduling one module for every group of an edition in one go."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plantskola.core.models import Person
from plantskola.programmes.calendar.services import session_changed_notify
from plantskola.programmes.invitations.services import session_scheduled_notify
from plantskola.programmes.models import Edition, Group, Module, Session
from plantskola.programmes.schedule.selectors import Planned

#: The fields whose change moves a session: attendees get an updated invitation.
MOVE_FIELDS = ("date", "end_date", "start_time", "end_time", "place", "address", "destination")


def move_key(session: Session) -> tuple[object, ...]:
    return tuple(getattr(session, name) for name in MOVE_FIELDS)


@transaction.atomic
def session_save(
    *, form: forms.ModelForm[Session], before: tuple[object, ...] | None, base_url: str
) -> Session:
    """Save a valid `SessionForm`. A session that moved (date, times, place, address or
    destination changed) gets a higher SEQUENCE and its people an updated invitation; a new
    session an invitation to those concerned (the group's or the edition's participants and
    its course leaders)."""
    session: Session = form.instance
    moved = before is not None and before != move_key(session)
    if moved:
        session.sequence += 1
    session = form.save()
    if before is None:
        session_scheduled_notify(session=session, base_url=base_url)
    elif moved:
        session_changed_notify(session=session, base_url=base_url)
    return session


@dataclass
class GroupDates:
    group: Group
    date: dt.date
    end_date: dt.date | None = None


def planned_for_groups(
    *,
    edition: Edition,
    module: Module,
    kind: str,
    start_time: dt.time,
    end_time: dt.time,
    place: str,
    address: str,
    dates: Sequence[GroupDates],
    leaders: Sequence[Person] = (),
) -> list[Planned]:
    """One unsaved session per group, each validated; all problems raised together."""
    errors: list[str] = []
    if module.edition_id != edition.pk:
        errors.append(_("The module belongs to another edition."))
    leader_ids = {p.pk for p in leaders}
    planned = []
    for item in dates:
        if item.group.edition_id != edition.pk:
            errors.append(_("The group belongs to another edition."))
            continue
        session = Session(
            edition=edition,
            module=module,
            group=item.group,
            kind=kind,
            title=f"{module.name} – {item.group.name}",
            date=item.date,
            end_date=item.end_date if item.end_date and item.end_date != item.date else None,
            start_time=start_time,
            end_time=end_time,
            place=place,
            address=address,
        )
        try:
            session.full_clean(exclude=["uid"])
        except ValidationError as exc:
            errors += [f"{item.group.name}: {m}" for m in exc.messages]
        planned.append(Planned(session=session, leader_ids=set(leader_ids)))
    if errors:
        raise ValidationError(errors)
    return planned


@transaction.atomic
def module_schedule_for_groups(*, planned: Sequence[Planned], base_url: str) -> list[Session]:
    """Save the sessions of `planned_for_groups` whole or not at all; each group's people get
    the invitation to their group's session."""
    sessions = []
    for plan in planned:
        session = plan.session
        session.save()
        if plan.leader_ids:
            session.leaders.set(plan.leader_ids)
        session_scheduled_notify(session=session, base_url=base_url)
        sessions.append(session)
    return sessions
