"""Every change of declared personal data goes into the audit log: creating, changing (which
declared fields) and deleting a row of a declared model, with the acting user of the request.
Bulk operations (the roster import, the demo loader) write their own entry instead: one per
import, naming the counts.

Connected in PrivacyConfig.ready(). `audit_suspended()` turns it off for loaders of demo data."""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save

from plantskola.core.audit.services import audit_record
from plantskola.core.declarations import DECLARATIONS, Declaration
from plantskola.core.models import AuditEntry, Person

_suspended: contextvars.ContextVar[bool] = contextvars.ContextVar("audit_suspended", default=False)


@contextlib.contextmanager
def audit_suspended() -> Iterator[None]:
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def _primary(model: type[models.Model]) -> Declaration | None:
    """The declaration naming whose data the row is (the first one of the model whose subject
    is a single path, not a many-to-many or the row's author)."""
    for d in DECLARATIONS:
        if d.model is model and d.match is None:
            head = d.subject.split("__")[0]
            field = model._meta.get_field(head) if head not in ("pk", "id") else None
            if field is not None and field.many_to_many:
                continue
            return d
    return None


def _subject_id(instance: models.Model, declaration: Declaration) -> int | None:
    value: Any = instance
    for part in declaration.subject.split("__"):
        if value is None:
            return None
        if part == "pk":
            return int(value.pk) if value.pk is not None else None
        try:
            value = getattr(value, part)
        except Exception:  # a missing reverse one-to-one, e.g. a user without a person
            return None
    return int(value) if isinstance(value, int) else getattr(value, "pk", None)


def _plain_fields(declaration: Declaration) -> list[str]:
    meta = declaration.model._meta
    return [f for f in declaration.fields if not meta.get_field(f).many_to_many]


def _attname(model: type[models.Model], name: str) -> str:
    return str(getattr(model._meta.get_field(name), "attname", name))


def _values(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    return {f: getattr(instance, _attname(type(instance), f)) for f in fields}


def _before_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if _suspended.get() or instance._state.adding or instance.pk is None:
        return
    declaration = _primary(sender)
    if declaration is None:
        return
    fields = _plain_fields(declaration)
    if not fields:
        return
    attnames = [_attname(sender, f) for f in fields]
    old = sender._default_manager.filter(pk=instance.pk).values(*attnames).first()
    if old is not None:
        # Carried on the instance from pre_save to its post_save; models declare no such field.
        instance._audit_before = dict(zip(fields, old.values(), strict=True))  # type: ignore[attr-defined]  # transient, see above


def _after_save(
    sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any
) -> None:
    if _suspended.get():
        return
    declaration = _primary(sender)
    if declaration is None:
        return
    fields = _plain_fields(declaration)
    now = _values(instance, fields)
    if created:
        changed = [f for f, v in now.items() if v not in (None, "")]
        action = AuditEntry.Action.CREATE
    else:
        before = getattr(instance, "_audit_before", None)
        if before is None:
            return
        changed = [f for f in fields if before.get(f) != now[f]]
        if not changed:
            return
        action = AuditEntry.Action.UPDATE
    _record(action, instance, declaration, changed)


def _after_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if _suspended.get():
        return
    declaration = _primary(sender)
    if declaration is not None:
        _record(AuditEntry.Action.DELETE, instance, declaration, [])


def _record(
    action: str, instance: models.Model, declaration: Declaration, fields: list[str]
) -> None:
    subject = _subject_id(instance, declaration)
    organisation_id = None
    if subject is not None:
        organisation_id = (
            instance.organisation_id
            if isinstance(instance, Person)
            else Person.objects.filter(pk=subject).values_list("organisation_id", flat=True).first()
        )
    audit_record(
        action,
        object_type=declaration.label,
        object_id=instance.pk,
        subject_person_id=subject,
        organisation_id=organisation_id,
        fields=fields,
    )


def connect() -> None:
    for model in {d.model for d in DECLARATIONS}:
        if _primary(model) is None:
            continue
        uid = f"audit-{model._meta.label}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}-pre")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}-post")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"{uid}-delete")
