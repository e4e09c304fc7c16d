"""Writes of career events: those HR enters by hand (the roster import records the others)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plantskola.core.models import Person, User
from plantskola.insights.careers.selectors import Timeline, career_rows
from plantskola.insights.models import CareerEvent

EARLIEST = dt.date(1950, 1, 1)


@transaction.atomic
def career_event_create(
    *,
    person: Person,
    kind: str,
    date: dt.date,
    title: str = "",
    is_manager_after: bool = False,
    note: str = "",
    created_by: User | None,
    today: dt.date,
) -> CareerEvent:
    """Record a career event HR enters by hand; raises ValidationError for impossible ones."""
    Person.objects.select_for_update().filter(pk=person.pk).first()
    if date > today:
        raise ValidationError(
            {"date": _("A career event cannot be dated in the future.")}, code="future"
        )
    if date < EARLIEST:
        raise ValidationError(
            {"date": _("The date is before 1950; check the year.")}, code="too_early"
        )
    rows = career_rows([person.pk]).get(person.pk, [])
    line = Timeline.build(rows, present_flag=person.is_manager)
    if kind == CareerEvent.Kind.BECAME_MANAGER and line.manager_on(date):
        raise ValidationError(
            _("%(name)s already held a manager post on %(date)s.")
            % {"name": person.full_name, "date": date.isoformat()},
            code="already_manager",
        )
    if any(r.kind == CareerEvent.Kind.LEFT and r.date == date for r in rows) and (
        kind == CareerEvent.Kind.LEFT
    ):
        raise ValidationError(
            _("%(name)s is already recorded as having left on %(date)s.")
            % {"name": person.full_name, "date": date.isoformat()},
            code="duplicate",
        )
    event = CareerEvent(
        person=person,
        kind=kind,
        date=date,
        title=title.strip(),
        is_manager_after=is_manager_after and kind == CareerEvent.Kind.CHANGED_ROLE,
        note=note.strip(),
        created_by=created_by,
    )
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def career_event_delete(*, event: CareerEvent) -> None:
    event.delete()
