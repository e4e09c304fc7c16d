"""The form that schedules a module's days for every group of an edition."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.core.models import Person
from plantskola.programmes.forms import DATE, TIME
from plantskola.programmes.models import Edition, Group, Module, Session
from plantskola.programmes.schedule.services import GroupDays, ScheduledDay
from plantskola.programmes.selectors import leader_candidates

#: Day rows per group: enough for the edition's longest module, at least two, at most ten.
MIN_DAY_ROWS = 2
MAX_DAY_ROWS = 10


@dataclass
class DayRow:
    number: int
    date: BoundField
    start_time: BoundField
    end_time: BoundField
    place: BoundField

    @property
    def fields(self) -> list[BoundField]:
        return [self.date, self.start_time, self.end_time, self.place]


def day_rows_for(edition: Edition) -> int:
    longest = max((m.length_days for m in Module.objects.filter(edition=edition)), default=1)
    return min(MAX_DAY_ROWS, max(MIN_DAY_ROWS, math.ceil(longest)))


class ModuleScheduleForm(forms.Form):
    module = forms.ModelChoiceField(queryset=Module.objects.none(), label=gettext_lazy("Module"))
    kind = forms.ChoiceField(
        choices=Session.Kind.choices, initial=Session.Kind.MODULE_DAY, label=gettext_lazy("Kind")
    )
    start_time = forms.TimeField(
        widget=TIME,
        label=gettext_lazy("Start time"),
        help_text=gettext_lazy("For every day that does not give its own."),
    )
    end_time = forms.TimeField(
        widget=TIME,
        label=gettext_lazy("End time"),
        help_text=gettext_lazy("For every day that does not give its own."),
    )
    place = forms.CharField(
        max_length=200,
        required=False,
        label=gettext_lazy("Place"),
        help_text=gettext_lazy("For every day that does not give its own."),
    )
    address = forms.CharField(max_length=300, required=False, label=gettext_lazy("Address"))
    leaders = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Course leaders"),
    )

    COMMON = ("module", "kind", "start_time", "end_time", "place", "address", "leaders")

    def __init__(
        self, *args: Any, edition: Edition, groups: list[Group], days: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.groups = groups
        self.days = days
        module = cast("forms.ModelChoiceField[Module]", self.fields["module"])
        module.queryset = Module.objects.filter(edition=edition)
        leaders = cast("forms.ModelMultipleChoiceField[Person]", self.fields["leaders"])
        leaders.queryset = leader_candidates(edition)
        for group in groups:
            for n in range(1, days + 1):
                values = {"group": group.name, "number": n}
                self.fields[f"date_{group.pk}_{n}"] = forms.DateField(
                    widget=DATE,
                    required=False,
                    label=_("Day %(number)s for %(group)s: date") % values,
                )
                self.fields[f"start_{group.pk}_{n}"] = forms.TimeField(
                    widget=TIME,
                    required=False,
                    label=_("Day %(number)s for %(group)s: start") % values,
                )
                self.fields[f"end_{group.pk}_{n}"] = forms.TimeField(
                    widget=TIME,
                    required=False,
                    label=_("Day %(number)s for %(group)s: end") % values,
                )
                self.fields[f"place_{group.pk}_{n}"] = forms.CharField(
                    max_length=200,
                    required=False,
                    label=_("Day %(number)s for %(group)s: place") % values,
                )

    def group_rows(self) -> list[tuple[Group, list[DayRow]]]:
        return [
            (
                g,
                [
                    DayRow(
                        number=n,
                        date=self[f"date_{g.pk}_{n}"],
                        start_time=self[f"start_{g.pk}_{n}"],
                        end_time=self[f"end_{g.pk}_{n}"],
                        place=self[f"place_{g.pk}_{n}"],
                    )
                    for n in range(1, self.days + 1)
                ],
            )
            for g in self.groups
        ]

    def common_fields(self) -> list[BoundField]:
        return [self[name] for name in self.COMMON]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for group in self.groups:
            if f"date_{group.pk}_1" in self.errors:
                continue
            dated = [n for n in range(1, self.days + 1) if data.get(f"date_{group.pk}_{n}")]
            if 1 not in dated:  # day 1 always; further days as the module has them
                self.add_error(
                    f"date_{group.pk}_1", _("Choose a date for %(group)s.") % {"group": group.name}
                )
            for n in range(1, self.days + 1):
                given = any(
                    data.get(f"{name}_{group.pk}_{n}") for name in ("start", "end", "place")
                )
                if given and n not in dated and n != 1:
                    self.add_error(
                        f"date_{group.pk}_{n}",
                        _("Choose a date for day %(number)s, or leave the whole row empty.")
                        % {"number": n},
                    )
        return data

    def group_days(self) -> list[GroupDays]:
        data = self.cleaned_data
        return [
            GroupDays(
                group=g,
                days=[
                    ScheduledDay(
                        date=data[f"date_{g.pk}_{n}"],
                        start_time=data.get(f"start_{g.pk}_{n}"),
                        end_time=data.get(f"end_{g.pk}_{n}"),
                        place=data.get(f"place_{g.pk}_{n}") or "",
                    )
                    for n in range(1, self.days + 1)
                    if data.get(f"date_{g.pk}_{n}")
                ],
            )
            for g in self.groups
        ]
