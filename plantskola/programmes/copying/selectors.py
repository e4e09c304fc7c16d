"""The plan of a copy: what will be created, with the old and new dates and the warnings,
read without writing anything (the preview and the copy itself use the same plan)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _

from plantskola.programmes.copying.registry import Copied, StepResult, copy_steps
from plantskola.programmes.models import Edition, Module, Session
from plantskola.programmes.schedule.selectors import holiday_warnings


def week_shift(old_start: dt.date, new_start: dt.date) -> dt.timedelta:
    """The whole number of weeks closest to the move from the old start to the new, so every
    session keeps its weekday (a whole number of days is never exactly half a week away)."""
    return dt.timedelta(weeks=round((new_start - old_start).days / 7))


def date_fields(model: type[models.Model]) -> list[str]:
    """The model's date fields (not datetimes): what the copy shifts. Generic, so a field
    added to Session (or one removed) is shifted without changing this feature."""
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField)
    ]


@dataclass
class SessionPlan:
    source: Session
    old_date: dt.date
    new_date: dt.date
    warnings: list[str] = field(default_factory=list)


@dataclass
class CopyPlan:
    source: Edition
    name: str
    requested_start: dt.date
    shift: dt.timedelta
    start_date: dt.date
    end_date: dt.date
    modules: list[Module]
    sessions: list[SessionPlan]
    extra: list[StepResult]
    warnings: list[str]

    @property
    def weeks(self) -> int:
        return self.shift.days // 7

    @property
    def shift_differs(self) -> bool:
        return self.source.start_date + self.shift != self.requested_start


def _day(d: dt.date) -> str:
    return formats.date_format(d, "SHORT_DATE_FORMAT")


def copy_plan(*, source: Edition, name: str, start_date: dt.date) -> CopyPlan:
    """What copying `source` to a new edition `name` starting on `start_date` creates."""
    shift = week_shift(source.start_date, start_date)
    end_date = max(source.end_date + shift, start_date)
    modules = list(source.modules.order_by("order", "pk"))
    sessions = []
    warnings: list[str] = []
    for session in source.sessions.select_related("module", "group").order_by(
        "date", "start_time", "pk"
    ):
        new_date = session.date + shift
        found = holiday_warnings(first=new_date)  # a session is one day
        if session.group_id:
            found.append(
                _(
                    "Was for the group %(group)s: the copy is for the whole edition until you "
                    "choose one of the new groups."
                )
                % {"group": session.group.name if session.group else ""}
            )
        if not start_date <= new_date <= end_date:
            found.append(_("Falls outside the new edition's dates."))
        sessions.append(SessionPlan(session, session.date, new_date, found))
        warnings += [f"{session.title} ({_day(new_date)}): {w}" for w in found]
    plan = CopyPlan(
        source=source,
        name=name,
        requested_start=start_date,
        shift=shift,
        start_date=start_date,
        end_date=end_date,
        modules=modules,
        sessions=sessions,
        extra=[],
        warnings=warnings,
    )
    preview = Copied(source=source, target=None, shift=shift)
    plan.extra = [step(preview, True) for step in copy_steps()]
    for result in plan.extra:
        plan.warnings += result.warnings
    return plan
