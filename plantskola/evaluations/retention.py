"""Weeding of evaluations' free text (registered in `plantskola.privacy.weeding`).

Free-text answers can identify the one who wrote them even in an anonymous survey; ratings and
choices cannot. By default the free text is blanked two years after the survey closed; the
numbers stay for the trend across editions."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.core.models import Organisation
from plantskola.evaluations.models import Answer
from plantskola.privacy.weeding import Batch, RecordType, add_months, register

KEY = "evaluations.free_text"


def _with_text(organisation: Organisation) -> QuerySet[Answer]:
    return Answer.objects.filter(response__survey__organisation=organisation).exclude(text="")


def schedule(organisation: Organisation, months: int) -> list[Batch]:
    rows = (
        _with_text(organisation)
        .values("response__survey__title", "response__survey__closes_on")
        .annotate(n=Count("pk"))
        .order_by("response__survey__closes_on")
    )
    return [
        Batch(
            _("%(survey)s (closed %(date)s)")
            % {"survey": r["response__survey__title"], "date": r["response__survey__closes_on"]},
            add_months(r["response__survey__closes_on"], months) + dt.timedelta(days=1),
            r["n"],
        )
        for r in rows
    ]


def due(organisation: Organisation, months: int, today: dt.date) -> QuerySet[Answer]:
    return _with_text(organisation).filter(
        response__survey__closes_on__lt=add_months(today, -months)
    )


def weed(queryset: QuerySet[Answer]) -> dict[str, int]:
    surveys = queryset.values("response__survey_id").distinct().count()
    return {"answers": queryset.update(text=""), "surveys": surveys}


def register_record_types() -> None:
    register(
        RecordType(
            key=KEY,
            label=gettext_lazy("Free-text answers in evaluations"),
            default_months=24,
            counted_from=gettext_lazy("after the survey closed"),
            schedule=schedule,
            due=due,
            weed=weed,
            count_labels={
                "answers": gettext_lazy("answers"),
                "surveys": gettext_lazy("surveys"),
            },
        )
    )
