"""Writes of attendance: one participant's status at one session, or a whole session at once.

Attendance follows the calendar: it is taken only for a session that has started."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plantskola.core.models import User
from plantskola.programmes.models import Attendance, Participant, Session


def session_has_started(session: Session, now: dt.datetime | None = None) -> bool:
    """Whether the session's first day has begun (its start time, in the site's time zone)."""
    now = timezone.localtime(now or timezone.now())
    start = dt.datetime.combine(session.date, session.start_time, tzinfo=now.tzinfo)
    return start <= now


def _check_started(session: Session, now: dt.datetime | None) -> None:
    if not session_has_started(session, now):
        raise ValidationError(
            _("Attendance can be taken once the session has started (%(start)s).")
            % {"start": f"{session.date:%Y-%m-%d} {session.start_time:%H:%M}"}
        )


def _check_expected(session: Session, participant: Participant) -> None:
    if participant.edition_id != session.edition_id:
        raise ValidationError(_("The participant does not belong to this session's edition."))
    if session.group_id and participant.group_id != session.group_id:
        raise ValidationError(_("The participant is not in this session's group."))
    if participant.status == Participant.Status.WITHDRAWN:
        raise ValidationError(_("The participant has withdrawn."))


@transaction.atomic
def attendance_record(
    *,
    session: Session,
    participant: Participant,
    status: str,
    recorded_by: User,
    now: dt.datetime | None = None,
) -> Attendance:
    _check_started(session, now)
    _check_expected(session, participant)
    if status not in Attendance.Status.values:
        raise ValidationError(_("Unknown attendance status."))
    attendance, _created = Attendance.objects.update_or_create(
        session=session,
        participant=participant,
        defaults={"status": status, "recorded_by": recorded_by},
    )
    return attendance


@transaction.atomic
def attendance_all_present_except(
    *,
    session: Session,
    participant_ids: list[int],
    absent_ids: list[int],
    recorded_by: User | None,
    now: dt.datetime | None = None,
) -> int:
    """Everyone named present, except `absent_ids` (absent), whole or not at all; returns how
    many were recorded."""
    _check_started(session, now)
    if not set(absent_ids) <= set(participant_ids):
        raise ValidationError(_("Someone marked absent is not on the list."))
    participants = list(Participant.objects.filter(pk__in=participant_ids))
    if len(participants) != len(set(participant_ids)):
        raise ValidationError(_("Someone on the list is no longer a participant in this edition."))
    absent = set(absent_ids)
    for participant in participants:
        _check_expected(session, participant)
        Attendance.objects.update_or_create(
            session=session,
            participant=participant,
            defaults={
                "status": Attendance.Status.ABSENT
                if participant.pk in absent
                else Attendance.Status.PRESENT,
                "recorded_by": recorded_by,
            },
        )
    return len(participants)
