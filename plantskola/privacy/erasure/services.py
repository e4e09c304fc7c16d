"""Erasure (GDPR art. 17), read off the personal-data declarations of every app.

`erasure_plan(person)` (in `selectors.py`) says what would happen, declaration by declaration;
`erase_person` does it in one transaction and writes one audit entry "erase" (ids only, no
values). `person_rectify` corrects a person's details (GDPR art. 16).

What each strategy does:
- DELETE: the rows go (with whatever cascades from them).
- BLANK: the row stays for statistics; the declared free-text fields are emptied and nullable
  links to the person set to null. Applications are pseudonymised exactly as weeding does
  (`admissions.retention.weed_applications`: the applicant and manager detached, the free text
  of the application, answers, references, scorecard notes and amendments blanked, a number
  such as "Sökande 17" instead of a name).
- KEEP: an archive rule keeps the record (a reference the person wrote as manager, a scorecard
  filled in, a decision made, a participation and its attendance as evidence of completed
  training). The record stays, but the person's identity is detached where the link is
  nullable (or a many-to-many link) and otherwise points at the pseudonymised person.

Decision: no declaration blocks an erasure. Every kept record reaches the person only through
their Person or User row, and both are kept as pseudonyms ("Raderad person 17", an unusable
login), so an archive rule never needs the person's name. The plan warns when the person is
still employed: the next roster import would add them again.

Beyond the declarations the person's data is also copied into: their Person row (names,
e-mail, employee number, title, unit, manager, gender, birth year → pseudonym or blank), their
login (username, names, e-mail → replaced, deactivated, unusable password, two-factor devices
deleted), the login log (every attempt, failure and login under their username or e-mail
deleted), their history (PersonChange rows deleted), e-mails sent to their address (deleted
from the outbox, and, with the file backend, every stored message that mentions them removed
from the mail files once the erasure is committed),
roster imports (their row is removed from the preview summaries; imports not yet applied whose
file holds them are discarded and must be uploaded again) and any other text column where
their full name, e-mail or employee number was copied (replaced by the pseudonym: the sweep at
the end, which also deletes generated documents whose file holds them).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from plantskola.core.audit.services import audit_change, audit_record
from plantskola.core.declarations import DECLARATIONS, Declaration, Erasure
from plantskola.core.login_security import forget_login_records
from plantskola.core.mail.files import forget_mail_files
from plantskola.core.models import (
    AuditEntry,
    GeneratedDocument,
    OutgoingEmail,
    Person,
    PersonChange,
    RosterImport,
    User,
)
from plantskola.privacy.audit_changes import audit_suspended
from plantskola.privacy.erasure.selectors import (
    PERSON_DECLARATION,
    USER_DECLARATION,
    Plan,
    erasure_plan,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


def _identifiers(person: Person) -> list[str]:
    """The strings that identify the person in copies of their data."""
    found = [person.full_name, f"{person.last_name}, {person.first_name}"]
    if person.email:
        found.append(person.email)
    slug = slugify(person.full_name)
    if "-" in slug:
        found.append(slug)
    return [s for s in found if s.strip(" ,")]


def _pattern(person: Person) -> re.Pattern[str]:
    parts = [re.escape(s) for s in _identifiers(person)]
    if person.employee_number:
        parts.append(rf"\b{re.escape(person.employee_number)}\b")
    return re.compile("|".join(parts), re.IGNORECASE)


def _scrub(value: Any, pattern: re.Pattern[str], pseudonym: str) -> Any:
    if isinstance(value, str):
        return pattern.sub(pseudonym, value)
    if isinstance(value, list):
        return [_scrub(v, pattern, pseudonym) for v in value]
    if isinstance(value, dict):
        return {
            _scrub(k, pattern, pseudonym): _scrub(v, pattern, pseudonym) for k, v in value.items()
        }
    return value


def _same_rows(declaration: Declaration, rows: models.QuerySet[Any]) -> models.QuerySet[Any]:
    """The rows again, by primary key: `rows_for` may be distinct and joined, which neither
    update nor delete accepts."""
    return declaration.model._default_manager.filter(pk__in=list(rows.values_list("pk", flat=True)))


def _blank(declaration: Declaration, rows: models.QuerySet[Any]) -> None:
    meta = declaration.model._meta
    updates: dict[str, Any] = {}
    names = list(declaration.fields)
    if "__" not in declaration.subject and declaration.subject != "pk":
        names.append(declaration.subject.removesuffix("_id"))
    for name in names:
        f = meta.get_field(name)
        if not isinstance(f, models.Field) or f.many_to_many or f.primary_key:
            continue
        if isinstance(f, models.TextField) or (
            isinstance(f, models.CharField) and f.blank and not f.choices
        ):
            updates[f.name] = ""
        elif f.is_relation and f.null and f.related_model in (Person, User):
            updates[f.name] = None
    if updates:
        _same_rows(declaration, rows).update(**updates)


def _detach(declaration: Declaration, rows: models.QuerySet[Any], person: Person) -> None:
    meta = declaration.model._meta
    if "__" in declaration.subject or declaration.subject == "pk":
        return  # reached through the (pseudonymised) user or person row
    f = meta.get_field(declaration.subject.removesuffix("_id"))
    if f.many_to_many:
        for obj in rows:
            getattr(obj, f.name).remove(person)
    elif isinstance(f, models.Field) and f.null:
        _same_rows(declaration, rows).update(**{f.name: None})


# Apps whose records are erased by their own code before the generic strategies run (the
# applications, pseudonymised exactly as weeding does): registered from `AppConfig.ready`,
# because privacy sits below the apps it serves.
ErasureStep = Callable[[Person], None]
_ERASURE_STEPS: dict[str, ErasureStep] = {}


def register_erasure_step(key: str, step: ErasureStep) -> None:
    """Register (or, for the same key, replace) an app's own erasure of a person's records."""
    _ERASURE_STEPS[key] = step


def _erase_user(user: User) -> None:
    from django_otp import devices_for_user

    for device in devices_for_user(user, confirmed=None):
        device.delete()
    forget_login_records([user.username, user.email])
    user.username = f"raderad-{user.pk}"
    user.first_name = user.last_name = user.email = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()


def _erase_roster_imports(person: Person, pattern: re.Pattern[str]) -> None:
    for record in RosterImport.objects.filter(organisation_id=person.organisation_id):
        content = bytes(record.content or b"")
        if content and pattern.search(content.decode("utf-8", "replace")):
            if record.status == RosterImport.Status.PREVIEWED:
                record.delete()  # discarded: upload the file again without them
                continue
            record.content = b""
        summary = dict(record.summary or {})
        diffs = summary.get("diffs", [])
        kept = [d for d in diffs if d.get("employee_number") != person.employee_number]
        summary["diffs"] = _scrub(kept, pattern, "")
        record.summary = summary
        record.save(update_fields=["content", "summary"])


def _text_fields(model: type[models.Model]) -> Iterable[models.Field[Any, Any]]:
    for f in model._meta.concrete_fields:
        if isinstance(f, models.CharField | models.TextField | models.JSONField):
            yield f


def _sweep(pattern: re.Pattern[str], needles: list[str], pseudonym: str) -> None:
    """Replace remaining copies of the person's identifiers in every text column of every
    model (the audit log holds none), and delete generated files that hold them."""
    for model in apps.get_models():
        if model is AuditEntry or model._meta.proxy:
            continue
        manager = model._base_manager  # every row, whatever the default manager hides
        for f in _text_fields(model):
            if isinstance(f, models.JSONField):
                text = Cast(f.name, TextField())
                escaped = [json.dumps(n)[1:-1] for n in needles]
                q = Q()
                for n in {*needles, *escaped}:
                    q |= Q(_erasure_text__icontains=n)
                rows = manager.annotate(_erasure_text=text).filter(q)
            else:
                q = Q()
                for n in needles:
                    q |= Q(**{f"{f.name}__icontains": n})
                rows = manager.filter(q)
            for obj in rows.only("pk", f.attname):
                old = getattr(obj, f.attname)
                new = _scrub(old, pattern, pseudonym)
                if new != old:
                    manager.filter(pk=obj.pk).update(**{f.attname: new})
    # Generated files (lists, badges, PDFs) that hold the person in plain text.
    for document in GeneratedDocument.objects.exclude(content=None).only("pk", "content"):
        if pattern.search(bytes(document.content or b"").decode("utf-8", "replace")):
            document.delete()


def pseudonym_for(person: Person) -> str:
    with translation.override("sv"):
        return _("Erased person %(number)s") % {"number": person.pk}


def erase_person(
    person: Person, actor: User | AnonymousUser | None = None, reason: str = ""
) -> Plan:
    """Erase the person (see the module's docstring). All or nothing; returns the plan that
    was carried out. The audit entry says that an erasure happened, not what was erased: the
    row-by-row change entries are suspended while it runs."""
    with audit_suspended():
        return _erase_person(person, actor, reason)


@transaction.atomic
def _erase_person(person: Person, actor: User | AnonymousUser | None, reason: str) -> Plan:
    person = Person.objects.select_for_update().get(pk=person.pk)
    plan = erasure_plan(person)
    pattern = _pattern(person)
    needles = _identifiers(person) + ([person.employee_number] if person.employee_number else [])
    pseudonym = pseudonym_for(person)

    for step in _ERASURE_STEPS.values():
        step(person)
    for declaration in DECLARATIONS:
        if declaration.label in (PERSON_DECLARATION, USER_DECLARATION):
            continue
        rows = declaration.rows_for(person)
        if not rows.exists():
            continue
        if declaration.erasure == Erasure.DELETE:
            _same_rows(declaration, rows).delete()
        elif declaration.erasure == Erasure.BLANK:
            _blank(declaration, rows)
        else:
            _detach(declaration, rows, person)

    PersonChange.objects.filter(person=person).delete()
    if person.email:
        OutgoingEmail.objects.filter(to__icontains=person.email).delete()
        forget_login_records([person.email])
    # Stored copies of sent mail (the file backend's): once the erasure is committed.
    transaction.on_commit(lambda: forget_mail_files(pattern))
    GeneratedDocument.objects.filter(requested_by__person=person).delete()
    _erase_roster_imports(person, pattern)

    user = person.user
    first, _space, last = pseudonym.partition(" ")
    person.first_name, person.last_name = first, last
    person.employee_number = f"raderad-{person.pk}"
    person.email = person.title = person.gender = ""
    person.birth_year = None
    person.unit = None
    person.manager = None
    person.is_manager = False
    person.is_active = False
    person.save()
    if user is not None:
        _erase_user(user)
    _sweep(pattern, needles, pseudonym)

    audit_record(
        AuditEntry.Action.ERASE,
        object_type="core.person",
        object_id=person.pk,
        subject_person_id=person.pk,
        organisation_id=person.organisation_id,
        # HR's reason, with the person's identifiers replaced: the log holds no values.
        note=_scrub(reason, pattern, pseudonym)[:200],
        actor_id=actor.pk if actor is not None and actor.is_authenticated else None,
    )
    return plan


# Rectification -------------------------------------------------------------------------------

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
