"""The audit log: who read or changed whose personal data, and when.

Views call `audit_read` when they show a sensitive record (a reference, a scorecard, an action
plan, a register extract) and services call `audit_change` for changes that matter; both take
the acting user from the request (`AuditMiddleware`) unless one is given. Entries hold ids and
field names only, never values, passwords or tokens (AuditEntry's docstring)."""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterable
from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse

from plantskola.core.models import AuditEntry

_actor: contextvars.ContextVar[int | None] = contextvars.ContextVar("audit_actor", default=None)

# Never recorded even as a field name's value; listed to keep field lists free of secrets.
SECRET_FIELDS = {"password", "token", "token_hash", "secret", "otp_secret", "key"}


class AuditMiddleware:
    """Makes the logged-in user the actor of every entry recorded while the request runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        token = _actor.set(user.pk if user is not None and user.is_authenticated else None)
        try:
            return self.get_response(request)
        finally:
            _actor.reset(token)


def _label(obj: models.Model | type[models.Model]) -> str:
    meta = obj._meta
    return f"{meta.app_label}.{meta.model_name}"


def audit_record(
    action: str,
    *,
    object_type: str,
    object_id: Any = "",
    subject_person_id: int | None = None,
    organisation_id: int | None = None,
    fields: Iterable[str] = (),
    note: str = "",
    actor_id: int | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor_id=actor_id if actor_id is not None else _actor.get(),
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


def entries_for_organisation(
    organisation_id: int,
    *,
    person_ids: Iterable[int] | None = None,
    actor_ids: Iterable[int] | None = None,
) -> models.QuerySet[AuditEntry]:
    qs = AuditEntry.objects.filter(organisation_id=organisation_id)
    if person_ids is not None:
        qs = qs.filter(subject_person_id__in=list(person_ids))
    if actor_ids is not None:
        qs = qs.filter(actor_id__in=list(actor_ids))
    return qs


def audit_read_many(
    object_type: str,
    items: Iterable[tuple[Any, int | None]],
    *,
    organisation_id: int | None,
    note: str = "",
) -> int:
    """One read entry per (object id, person id) shown on one page (e.g. a calibration view
    of every applicant's scorecards), written in one statement."""
    actor_id = _actor.get()
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
