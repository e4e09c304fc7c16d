"""Weeding of the audit log (registered in `plantskola.privacy.weeding`).

Entries are kept two years by default and never less than one year: the database refuses to
delete younger ones (the trigger in core's migration 0004), so a shorter rule is raised to a
year here. Entries without an organisation (system events) are not weeded."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.core.models import AuditEntry, Organisation
from plantskola.privacy.weeding import Batch, RecordType, add_months, register

KEY = "core.audit_log"
MINIMUM_MONTHS = 12


def _cutoff(today: dt.date, months: int) -> dt.datetime:
    day = add_months(today, -max(months, MINIMUM_MONTHS))
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def schedule(organisation: Organisation, months: int) -> list[Batch]:
    rows = (
        AuditEntry.objects.filter(organisation_id=organisation.pk)
        .annotate(month=TruncMonth("at"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    return [
        Batch(
            _("Entries from %(month)s") % {"month": r["month"].strftime("%Y-%m")},
            add_months(timezone.localdate(r["month"]), max(months, MINIMUM_MONTHS) + 1),
            r["n"],
        )
        for r in rows
    ]


def due(organisation: Organisation, months: int, today: dt.date) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(organisation_id=organisation.pk, at__lt=_cutoff(today, months))


def weed(queryset: QuerySet[AuditEntry]) -> dict[str, int]:
    return {"entries": AuditEntry.objects.weed(queryset)}


def register_record_types() -> None:
    register(
        RecordType(
            key=KEY,
            label=gettext_lazy("The audit log"),
            default_months=24,
            counted_from=gettext_lazy("after the entry was written (at least a year)"),
            schedule=schedule,
            due=due,
            weed=weed,
            count_labels={"entries": gettext_lazy("entries")},
        )
    )
