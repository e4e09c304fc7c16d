"""Weeding of dietary needs (registered in `plantskola.privacy.weeding`).

Dietary needs can reveal health or religion and are needed only to plan the meal: by default
they are blanked the day after the event (0 months); an organisation may keep them longer.
`plantskola weed` and `plantskola purge_dietary_needs` both weed them through the registry."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.core.models import Organisation
from plantskola.events.models import Registration
from plantskola.privacy.weeding import Batch, RecordType, add_months, register

KEY = "events.dietary_needs"


def _with_needs(organisation: Organisation) -> QuerySet[Registration]:
    return Registration.objects.filter(event__organisation=organisation).exclude(dietary_needs="")


def schedule(organisation: Organisation, months: int) -> list[Batch]:
    rows = (
        _with_needs(organisation)
        .values("event__date", "event__title")
        .annotate(n=Count("pk"))
        .order_by("event__date")
    )
    return [
        Batch(
            _("%(event)s (%(date)s)") % {"event": r["event__title"], "date": r["event__date"]},
            add_months(r["event__date"], months) + dt.timedelta(days=1),
            r["n"],
        )
        for r in rows
    ]


def due(organisation: Organisation, months: int, today: dt.date) -> QuerySet[Registration]:
    """Registrations whose event ended more than `months` months before `today`."""
    return _with_needs(organisation).filter(event__date__lt=add_months(today, -months))


def weed(queryset: QuerySet[Registration]) -> dict[str, int]:
    events = queryset.values("event_id").distinct().count()
    return {"registrations": queryset.update(dietary_needs=""), "events": events}


def register_record_types() -> None:
    register(
        RecordType(
            key=KEY,
            label=gettext_lazy("Dietary needs given at registration for an event"),
            default_months=0,
            counted_from=gettext_lazy("after the event (weeded the day after)"),
            schedule=schedule,
            due=due,
            weed=weed,
            count_labels={
                "registrations": gettext_lazy("registrations"),
                "events": gettext_lazy("events"),
            },
        )
    )
