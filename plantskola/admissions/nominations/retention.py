"""Weeding of nominations that led nowhere (registered in `plantskola.privacy.weeding`):
a declined nomination, or one never answered before its call closed, is deleted (with its
competency ratings) by default six months after the answer or the closing. An accepted
nomination is kept as long as the application it started (its reference carries the
motivation) and is deleted with the person."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.admissions.models import Nomination
from plantskola.core.models import Organisation
from plantskola.privacy.weeding import Batch, RecordType, add_months, register

KEY = "admissions.nomination_unused"
DEFAULT_MONTHS = 6


def _unused(organisation: Organisation) -> QuerySet[Nomination]:
    closed_pending = Q(status=Nomination.Status.PENDING, call__closes_at__lte=timezone.now())
    return Nomination.objects.filter(
        Q(status=Nomination.Status.DECLINED) | closed_pending,
        call__edition__programme__organisation=organisation,
    ).select_related("call")


def _base(nomination: Nomination) -> dt.date:
    if nomination.status == Nomination.Status.DECLINED and nomination.answered_at is not None:
        return timezone.localdate(nomination.answered_at)
    return timezone.localdate(nomination.call.closes_at)


def schedule(organisation: Organisation, months: int) -> list[Batch]:
    due: Counter[dt.date] = Counter(add_months(_base(n), months) for n in _unused(organisation))
    return [
        Batch(_("Nominations declined or not answered"), day, count)
        for day, count in sorted(due.items())
    ]


def due(organisation: Organisation, months: int, today: dt.date) -> QuerySet[Nomination]:
    ids = [n.pk for n in _unused(organisation) if add_months(_base(n), months) <= today]
    return Nomination.objects.filter(pk__in=ids).order_by("pk")


def weed(queryset: QuerySet[Nomination]) -> dict[str, int]:
    count = queryset.count()
    queryset.delete()
    return {"nominations": count}


def register_record_type() -> None:
    register(
        RecordType(
            key=KEY,
            label=gettext_lazy("Nominations declined or never answered"),
            default_months=DEFAULT_MONTHS,
            counted_from=gettext_lazy(
                "after the employee declined (or after the call closed, if never answered)"
            ),
            schedule=schedule,
            due=due,
            weed=weed,
            count_labels={"nominations": gettext_lazy("nominations")},
        )
    )
