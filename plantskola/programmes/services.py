"""Writes to programmes, editions, modules, groups, sessions and participants."""

from __future__ import annotations

from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from plantskola.core.audit.services import audit_record
from plantskola.core.models import AuditEntry, Person
from plantskola.programmes.models import Edition, Group, Participant

M = TypeVar("M", bound=Model)


@transaction.atomic
def form_save(*, form: forms.ModelForm[M]) -> M:
    """Save a valid form of the programme pages, the object with its many-to-many fields
    (an edition's partners, a session's course leaders), whole or not at all."""
    return form.save()


def _check_can_join(*, edition: Edition, person: Person, allowed: set[int]) -> None:
    if person.organisation_id not in allowed:
        raise ValidationError(
            _("%(name)s belongs to an organisation that is not part of this edition.")
            % {"name": person.full_name}
        )
    if not person.is_active:
        raise ValidationError(_("%(name)s has left the organisation.") % {"name": person.full_name})


def _allowed_orgs(edition: Edition) -> set[int]:
    return {edition.programme.organisation_id, *edition.partners.values_list("pk", flat=True)}


@transaction.atomic
def participant_add(*, edition: Edition, person: Person, group: Group | None = None) -> Participant:
    """Add a person to an edition; they must belong to the host or a partner organisation."""
    _check_can_join(edition=edition, person=person, allowed=_allowed_orgs(edition))
    if group is not None and group.edition_id != edition.pk:
        raise ValidationError(_("The group belongs to another edition."))
    if Participant.objects.filter(edition=edition, person=person).exists():
        raise ValidationError(_("%(name)s is already a participant.") % {"name": person.full_name})
    return Participant.objects.create(edition=edition, person=person, group=group)


@transaction.atomic
def participants_enrol(
    *, edition: Edition, person_ids: list[int], group: Group | None = None
) -> int:
    """Add many people at once (enrolment by rule), whole or not at all; people who became
    participants since the preview are left as they are. Returns how many were added."""
    if group is not None and group.edition_id != edition.pk:
        raise ValidationError(_("The group belongs to another edition."))
    allowed = _allowed_orgs(edition)
    present = set(
        Participant.objects.filter(edition=edition, person_id__in=person_ids).values_list(
            "person_id", flat=True
        )
    )
    people = list(Person.objects.filter(pk__in=person_ids).exclude(pk__in=present))
    if len(people) + len(present) != len(set(person_ids)):
        raise ValidationError(_("Someone on the list is no longer in the roster."))
    for person in people:
        _check_can_join(edition=edition, person=person, allowed=allowed)
    Participant.objects.bulk_create(
        [Participant(edition=edition, person=person, group=group) for person in people]
    )
    return len(people)


# A status set on many participants at once; completion follows the calendar and attendance
# (completion/), so it is not among them.
BULK_STATUSES = (
    Participant.Status.INVITED,
    Participant.Status.ACTIVE,
    Participant.Status.WITHDRAWN,
)


@transaction.atomic
def participants_set_status(
    *, edition: Edition, participant_ids: list[int], status: str, reason: str = ""
) -> int:
    """Give many participants one status, whole or not at all. A withdrawal (removal from the
    edition: the participation stays as a record, and withdrawn people count nowhere) needs a
    reason, which is kept with the participation. Returns how many changed."""
    if status not in BULK_STATUSES:
        raise ValidationError(_("This status cannot be set on many participants at once."))
    reason = reason.strip()
    if status == Participant.Status.WITHDRAWN and not reason:
        raise ValidationError(_("Give a reason for the withdrawal."))
    participants = list(
        Participant.objects.select_for_update().filter(edition=edition, pk__in=participant_ids)
    )
    if len(participants) != len(set(participant_ids)):
        raise ValidationError(_("Someone on the list is no longer a participant in this edition."))
    changed = [p for p in participants if p.status != status or p.withdrawal_reason != reason]
    for participant in changed:
        participant.status = status
        participant.withdrawal_reason = reason if status == Participant.Status.WITHDRAWN else ""
    Participant.objects.bulk_update(changed, ["status", "withdrawal_reason"])
    for participant in changed:
        audit_record(
            AuditEntry.Action.UPDATE,
            object_type="programmes.participant",
            object_id=participant.pk,
            subject_person_id=participant.person_id,
            organisation_id=edition.programme.organisation_id,
            fields=["status", "withdrawal_reason"],
        )
    return len(changed)
