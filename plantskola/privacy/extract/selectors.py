"""The register extract (GDPR art. 15): everything the installation holds about one person,
read off the personal-data declarations of every app, as a readable PDF and as JSON (both in
one ZIP). Records the law lets the organisation withhold (a manager's reference, interviewers'
scorecards) are listed by their existence, date and author role only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from plantskola.core.declarations import DECLARATIONS, Declaration
from plantskola.core.models import AuditEntry, OutgoingEmail, Person


@dataclass
class Section:
    category: str
    record_type: str
    purpose: str
    ground: str
    retention: str
    recipients: str
    withheld: bool
    author_role: str
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Extract:
    person: Person
    made_at: dt.datetime
    sections: list[Section]
    emails: list[list[str]]
    log: list[list[str]]

    @property
    def item_count(self) -> int:
        return sum(len(s.rows) for s in self.sections) + len(self.emails)


def _display(obj: models.Model, name: str) -> str:
    f = obj._meta.get_field(name)
    value = getattr(obj, name)
    if getattr(f, "choices", None):
        value = getattr(obj, f"get_{name}_display")()
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _section(declaration: Declaration, person: Person) -> Section:
    meta = declaration.model._meta
    rows_qs = declaration.rows_for(person)
    related = [
        n
        for n in declaration.fields
        if meta.get_field(n).is_relation and not meta.get_field(n).many_to_many
    ]
    rows = list(rows_qs.select_related(*related).order_by("pk"))
    section = Section(
        category=str(declaration.category),
        record_type=str(meta.verbose_name_plural),
        purpose=str(declaration.purpose),
        ground=str(declaration.ground.label),
        retention=str(declaration.retention),
        recipients=str(declaration.recipients),
        withheld=declaration.withheld,
        author_role=str(declaration.author_role),
    )
    if declaration.withheld:
        section.columns = [_("Record"), _("Written by")]
        section.rows = [[f"{meta.verbose_name} {obj.pk}", section.author_role] for obj in rows]
    else:
        section.columns = [
            str(getattr(meta.get_field(n), "verbose_name", n)) for n in declaration.fields
        ]
        section.rows = [[_display(obj, n) for n in declaration.fields] for obj in rows]
        if not declaration.fields:
            section.columns = [_("Record")]
            section.rows = [[str(obj)] for obj in rows]
    return section


def build_extract(person: Person) -> Extract:
    with translation.override("sv"):
        sections = [_section(d, person) for d in DECLARATIONS]
        emails = []
        if person.email:
            emails = [
                [
                    timezone.localtime(e.created_at).strftime("%Y-%m-%d %H:%M"),
                    e.subject,
                    e.get_status_display(),
                    e.body,
                ]
                for e in OutgoingEmail.objects.filter(to__iexact=person.email).order_by("pk")
            ]
        log = [
            [
                timezone.localtime(a.at).strftime("%Y-%m-%d %H:%M"),
                a.get_action_display(),
                a.object_type,
                ", ".join(a.fields),
            ]
            for a in AuditEntry.objects.filter(subject_person_id=person.pk).order_by("at")
        ]
    return Extract(
        person=person,
        made_at=timezone.now(),
        sections=[s for s in sections if s.rows],
        emails=emails,
        log=log,
    )


def extract_json(extract: Extract) -> dict[str, Any]:
    return {
        "person": {"id": extract.person.pk, "name": extract.person.full_name},
        "made_at": extract.made_at.isoformat(),
        "sections": [s.__dict__ for s in extract.sections],
        "emails": [
            dict(zip(["sent", "subject", "status", "body"], e, strict=True)) for e in extract.emails
        ],
        "audit_log": [
            dict(zip(["at", "action", "record_type", "fields"], a, strict=True))
            for a in extract.log
        ],
    }
