"""Writes to the audit log (append-only: entries are only ever created)."""

from __future__ import annotations

import contextvars
from collections.abc import Iterable

from django.db import models

from plantskola.core.models import AuditEntry

#: The user acting in the current request, set by `AuditMiddleware`.
current_actor: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "audit_actor", default=None
)

# Never recorded even as a field name's value; listed to keep field lists free of secrets.
SECRET_FIELDS = {"password", "token", "token_hash", "secret", "otp_secret", "key"}


def _label(obj: models.Model | type[models.Model]) -> str:
    meta = obj._meta
    return f"{meta.app_label}.{meta.model_name}"


def audit_record(
    action: str,
    *,
    object_type: str,
    object_id: object = "",
    subject_person_id: int | None = None,
    organisation_id: int | None = None,
    fields: Iterable[str] = (),
    note: str = "",
    actor_id: int | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor_id=actor_id if actor_id is not None else current_actor.get(),
        organisation_id=organisation_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        subject_person_id=subject_person_id,
        fields=sorted(f for f in fields if f not in SECRET_FIELDS),
        note=note[:200],
    )


def audit_read(
    obj: models.Model,
    *,
    subject_person_id: int | None,
    organisation_id: int | None = None,
    note: str = "",
) -> AuditEntry:
    """Record that the acting user was shown this sensitive record about this person."""
    return audit_record(
        AuditEntry.Action.READ,
        object_type=_label(obj),
        object_id=obj.pk,
        subject_person_id=subject_person_id,
        organisation_id=organisation_id,
        note=note,
    )


def audit_change(
    action: str,
    obj: models.Model,
    *,
    subject_person_id: int | None,
    organisation_id: int | None = None,
    fields: Iterable[str] = (),
    note: str = "",
) -> AuditEntry:
    return audit_record(
        action,
        object_type=_label(obj),
        object_id=obj.pk,
        subject_person_id=subject_person_id,
        organisation_id=organisation_id,
        fields=fields,
        note=note,
    )


def audit_read_many(
    object_type: str,
    items: Iterable[tuple[object, int | None]],
    *,
    organisation_id: int | None,
    note: str = "",
) -> int:
    """One read entry per (object id, person id) shown on one page (e.g. a calibration view
    of every applicant's scorecards), written in one statement."""
    actor_id = current_actor.get()
    entries = [
        AuditEntry(
            actor_id=actor_id,
            organisation_id=organisation_id,
            action=AuditEntry.Action.READ,
            object_type=object_type,
            object_id=str(object_id),
            subject_person_id=person_id,
            note=note[:200],
        )
        for object_id, person_id in items
    ]
    AuditEntry.objects.bulk_create(entries)
    return len(entries)
