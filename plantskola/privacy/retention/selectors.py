"""Reads of the weeding page: the log of earlier runs (the schedule is the registry's,
`plantskola.privacy.weeding.schedule`)."""

from __future__ import annotations

from django.utils.functional import Promise

from plantskola.core.models import Organisation
from plantskola.privacy import weeding
from plantskola.privacy.models import WeedingLogEntry


def _details(entry: WeedingLogEntry) -> str:
    try:
        names = weeding.get(entry.record_type).count_labels
    except KeyError:
        names = {}
    return ", ".join(f"{names.get(k, k)}: {v}" for k, v in entry.counts.items())


def weeding_log(
    organisation: Organisation, *, limit: int = 50
) -> list[tuple[WeedingLogEntry, str | Promise, str]]:
    """The organisation's latest log entries, newest first: (entry, record type's label, the
    counts in words)."""
    labels = {r.key: r.label for r in weeding.record_types()}
    return [
        (entry, labels.get(entry.record_type, entry.record_type), _details(entry))
        for entry in WeedingLogEntry.objects.filter(organisation=organisation)
        .select_related("run")
        .order_by("-run__started_at", "-id")[:limit]
    ]
