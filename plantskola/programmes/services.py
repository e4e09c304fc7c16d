"""Writes to programmes, editions, participants and attendance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plantskola.core.models import Person
from plantskola.programmes.models import Attendance, Edition, Group, Participant, Session

if TYPE_CHECKING:
    from plantskola.core.models import User


@transaction.atomic
def participant_add(*, edition: Edition, person: Person, group: Group | None = None) -> Participant:
    """Add a person to an edition; they must belong to the host or a partner organisation."""
    allowed = {edition.programme.organisation_id, *edition.partners.values_list("pk", flat=True)}
    if person.organisation_id not in allowed:
        raise ValidationError(
            _("%(name)s belongs to an organisation that is not part of this edition.")
            % {"name": person.full_name}
        )
    if not person.is_active:
        raise ValidationError(_("%(name)s has left the organisation.") % {"name": person.full_name})
    if group is not None and group.edition_id != edition.pk:
        raise ValidationError(_("The group belongs to another edition."))
    if Participant.objects.filter(edition=edition, person=person).exists():
        raise ValidationError(_("%(name)s is already a participant.") % {"name": person.full_name})
    return Participant.objects.create(edition=edition, person=person, group=group)


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
