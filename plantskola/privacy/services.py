"""Writes of the privacy app: an organisation's retention rules, rectification of a person's
details (erasure is in `erasure.py`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plantskola.core.audit.services import audit_change
from plantskola.core.models import AuditEntry, Organisation, Person
from plantskola.privacy import weeding
from plantskola.privacy.audit_changes import audit_suspended
from plantskola.privacy.models import RetentionRule

if TYPE_CHECKING:
    from plantskola.core.models import User

MAX_MONTHS = 1200


@transaction.atomic
def retention_rules_save(
    *, organisation: Organisation, months: dict[str, int], user: User
) -> list[RetentionRule]:
    """Set the organisation's months per record type (all or nothing). A value equal to the
    record type's default is stored too, so that a later change of the default in code does
    not silently change what HR decided."""
    known = {r.key for r in weeding.record_types()}
    unknown = set(months) - known
    if unknown:
        raise ValidationError(
            _("Unknown record type: %(keys)s.") % {"keys": ", ".join(sorted(unknown))}
        )
    for key, value in months.items():
        if not 0 <= value <= MAX_MONTHS:
            raise ValidationError(
                _("Retention for %(label)s must be between 0 and %(max)s months.")
                % {"label": weeding.get(key).label, "max": MAX_MONTHS}
            )
    saved = []
    for key, value in months.items():
        rule, _created = RetentionRule.objects.update_or_create(
            organisation=organisation,
            record_type=key,
            defaults={"months": value, "changed_by": user},
        )
        saved.append(rule)
    return saved


RECTIFIABLE = ("first_name", "last_name", "email", "title")


@transaction.atomic
def person_rectify(*, person: Person, data: dict[str, str], user: User) -> list[str]:
    """Correct the person's details (GDPR art. 16); returns the names of the fields changed.
    The audit log records which fields, never their values. The roster owns these fields too:
    the next roster import sets them to what the personnel system says."""
    changed = [name for name in RECTIFIABLE if name in data and getattr(person, name) != data[name]]
    if not changed:
        return []
    for name in changed:
        setattr(person, name, data[name])
    with audit_suspended():  # one entry, with the note, instead of the generic one
        person.save(update_fields=changed)
    audit_change(
        AuditEntry.Action.UPDATE,
        person,
        subject_person_id=person.pk,
        organisation_id=person.organisation_id,
        fields=changed,
        note="rectification",
    )
    return changed
