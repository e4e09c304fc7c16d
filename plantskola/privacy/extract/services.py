"""Writes of the register extract: the audit entry for every extract handed out."""

from __future__ import annotations

from django.db import transaction

from plantskola.core.audit.services import audit_record
from plantskola.core.models import AuditEntry, Person


@transaction.atomic
def extract_log_export(*, person: Person, kind: str) -> None:
    """Log that the person's register extract left the system (as "pdf" or "zip")."""
    audit_record(
        AuditEntry.Action.EXPORT,
        object_type="core.person",
        object_id=person.pk,
        subject_person_id=person.pk,
        organisation_id=person.organisation_id,
        note=f"register extract ({kind})",
    )
