"""The weeding (gallring) registry: every app that keeps personal data for a limited time
registers its record types here, and `plantskola weed` weeds what is due.

A record type is registered once, at start-up (from the app's `AppConfig.ready`)::

    from plantskola.privacy.weeding import Batch, RecordType, register

    register(RecordType(
        key="events.dietary_needs",                 # stable: stored in rules and the log
        label=gettext_lazy("Dietary needs"),
        default_months=0,                           # when the organisation has no rule
        counted_from=gettext_lazy("after the event"),
        schedule=schedule,  # (organisation, months) -> list[Batch]: not yet weeded, with dates
        due=due,            # (organisation, months, today) -> QuerySet of what is due now
        weed=weed,          # (queryset) -> dict[str, int]: counts per kind of row changed
        count_labels={"registrations": gettext_lazy("registrations")},  # optional
    ))

Rules:
- `due` returns only records not yet weeded, so that a second run weeds nothing;
- `weed` changes the rows it is given (pseudonymises or blanks; it may delete) and returns
  counts; the first count is the number of records (rows of `due`'s queryset);
- no personal data goes into a `Batch` description or into the counts: they are logged.

`run()` weeds every organisation and record type (or a chosen few) in one transaction and
logs a `WeedingRun` with one `WeedingLogEntry` per organisation and record type.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.functional import Promise

from plantskola.core.models import Organisation, User
from plantskola.privacy.models import RetentionRule, WeedingLogEntry, WeedingRun


@dataclass(frozen=True)
class Batch:
    """Records of one record type that fall due on the same day (no personal data)."""

    description: str
    due_on: dt.date
    count: int


@dataclass(frozen=True)
class RecordType:
    key: str
    label: str | Promise
    default_months: int
    counted_from: str | Promise
    schedule: Callable[[Organisation, int], list[Batch]]
    due: Callable[[Organisation, int, dt.date], QuerySet[Any]]
    weed: Callable[[QuerySet[Any]], dict[str, int]]
    # Words for the keys of `weed`'s counts, shown in the log (the key itself otherwise).
    count_labels: Mapping[str, str | Promise] = field(default_factory=dict)


_REGISTRY: dict[str, RecordType] = {}


def register(record_type: RecordType) -> RecordType:
    """Register a record type; registering the same key again replaces it (reloads)."""
    _REGISTRY[record_type.key] = record_type
    return record_type


def record_types() -> list[RecordType]:
    return sorted(_REGISTRY.values(), key=lambda r: r.key)


def get(key: str) -> RecordType:
    return _REGISTRY[key]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_for(organisation: Organisation, key: str) -> int:
    rule = RetentionRule.objects.filter(organisation=organisation, record_type=key).first()
    return rule.months if rule is not None else get(key).default_months


def rules_for(organisation: Organisation) -> dict[str, int]:
    """Months per registered record type for the organisation (its rules or the defaults)."""
    stored = dict(
        RetentionRule.objects.filter(organisation=organisation).values_list("record_type", "months")
    )
    return {r.key: stored.get(r.key, r.default_months) for r in record_types()}


@dataclass
class Planned:
    organisation: Organisation
    record_type: RecordType
    months: int
    records: int
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class Report:
    today: dt.date
    dry_run: bool
    items: list[Planned]
    run: WeedingRun | None = None

    @property
    def records(self) -> int:
        return sum(i.records for i in self.items)

    def total(self, key: str) -> int:
        return sum(i.counts.get(key, 0) for i in self.items)


@transaction.atomic
def run(
    *,
    today: dt.date,
    dry_run: bool = False,
    keys: Iterable[str] | None = None,
    organisations: Iterable[Organisation] | None = None,
    user: User | None = None,
    source: str = "weed",
) -> Report:
    """Weed what is due on `today` (all or all-or-nothing: one transaction) and log it.
    A dry run changes and logs nothing and reports what would be weeded."""
    chosen = [get(k) for k in keys] if keys is not None else record_types()
    orgs = list(organisations) if organisations is not None else list(Organisation.objects.all())
    items: list[Planned] = []
    for organisation in orgs:
        months = rules_for(organisation)
        for record_type in chosen:
            queryset = record_type.due(organisation, months[record_type.key], today)
            if dry_run:
                count = queryset.count()
                counts = {"records": count}
            else:
                counts = record_type.weed(queryset)
                count = next(iter(counts.values()), 0)
            if count:
                items.append(
                    Planned(organisation, record_type, months[record_type.key], count, counts)
                )
    report = Report(today=today, dry_run=dry_run, items=items)
    if not dry_run:
        report.run = WeedingRun.objects.create(today=today, triggered_by=user, source=source)
        WeedingLogEntry.objects.bulk_create(
            WeedingLogEntry(
                run=report.run,
                organisation=i.organisation,
                record_type=i.record_type.key,
                months=i.months,
                records=i.records,
                counts=i.counts,
            )
            for i in items
        )
    return report


def schedule(organisation: Organisation) -> list[tuple[RecordType, int, list[Batch]]]:
    """Per record type: the months that apply and the batches not yet weeded, by date."""
    months = rules_for(organisation)
    return [
        (r, months[r.key], sorted(r.schedule(organisation, months[r.key]), key=lambda b: b.due_on))
        for r in record_types()
    ]
