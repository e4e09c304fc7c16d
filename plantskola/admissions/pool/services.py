"""The call's interviewer pool, set by the coordinator: HR staff and manager recruiters of the
host organisation, never an applicant of the call."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plantskola.admissions.models import Call, Interview, InterviewSlot, PoolMember
from plantskola.admissions.pool.selectors import applicant_ids, is_hr_staff
from plantskola.admissions.services import ensure_undecided
from plantskola.core.models import Person

if TYPE_CHECKING:
    from plantskola.core.models import User


@transaction.atomic
def pool_add(*, call: Call, person: Person, role: str, user: User) -> PoolMember:
    ensure_undecided(call)
    name = {"name": person.full_name}
    if role not in PoolMember.Role.values:
        raise ValidationError(_("Choose the interviewer's role."))
    if person.organisation_id != call.edition.programme.organisation_id or not person.is_active:
        raise ValidationError(_("Interviewers come from the host organisation's staff."))
    if person.user_id is None:
        raise ValidationError(_("Every interviewer needs a login to fill in a scorecard."))
    if applicant_ids(call).filter(applicant_id=person.pk).exists():
        raise ValidationError(
            _("%(name)s has applied to this call and cannot interview in it.") % name
        )
    if role == PoolMember.Role.HR and not is_hr_staff(person=person, call=call):
        raise ValidationError(
            _("%(name)s is not HR staff of the host organisation; add them as a manager recruiter.")
            % name
        )
    if PoolMember.objects.filter(call=call, person=person).exists():
        raise ValidationError(_("%(name)s is already in the pool.") % name)
    return PoolMember.objects.create(call=call, person=person, role=role, added_by=user)


@transaction.atomic
def pool_remove(*, member: PoolMember) -> None:
    """Take someone out of the pool; refused while they are booked for an interview or a slot
    of the call (move those first)."""
    ensure_undecided(member.call)
    booked = (
        Interview.objects.filter(
            application__call=member.call, interviewers=member.person_id
        ).exists()
        or InterviewSlot.objects.filter(call=member.call, interviewers=member.person_id).exists()
    )
    if booked:
        raise ValidationError(
            _(
                "%(name)s is booked as interviewer in this call; move those interviews and "
                "slots to someone else first."
            )
            % {"name": member.person.full_name}
        )
    member.delete()
