"""Writes of attendance: one participant's status at one session."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plantskola.core.models import User
from plantskola.programmes.models import Attendance, Participant, Session


@transaction.atomic
def attendance_record(
    *, session: Session, participant: Participant, status: str, recorded_by: User
) -> Attendance:
    if participant.edition_id != session.edition_id:
        raise ValidationError(_("The participant does not belong to this session's edition."))
    if session.group_id and participant.group_id != session.group_id:
        raise ValidationError(_("The participant is not in this session's group."))
    if status not in Attendance.Status.values:
        raise ValidationError(_("Unknown attendance status."))
    attendance, _created = Attendance.objects.update_or_create(
        session=session,
        participant=participant,
        defaults={"status": status, "recorded_by": recorded_by},
    )
    return attendance
