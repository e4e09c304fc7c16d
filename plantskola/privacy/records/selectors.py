"""The record of processing activities (GDPR art. 30), read off the declarations."""

from __future__ import annotations

from dataclasses import dataclass

from plantskola.core.declarations import DECLARATIONS


@dataclass
class Activity:
    category: str
    record_type: str
    data: str
    purpose: str
    ground: str
    recipients: str
    retention: str


def activities() -> list[Activity]:
    rows = []
    for d in DECLARATIONS:
        meta = d.model._meta
        fields = ", ".join(str(getattr(meta.get_field(f), "verbose_name", f)) for f in d.fields)
        rows.append(
            Activity(
                category=str(d.category),
                record_type=str(meta.verbose_name_plural).capitalize(),
                data=fields,
                purpose=str(d.purpose),
                ground=str(d.ground.label),
                recipients=str(d.recipients),
                retention=str(d.retention),
            )
        )
    return sorted(rows, key=lambda a: (a.purpose, a.category))
