"""The form that schedules one module for every group of an edition."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.core.models import Person
from plantskola.programmes.forms import DATE, TIME
from plantskola.programmes.models import Edition, Group, Module, Session
from plantskola.programmes.schedule.services import GroupDates
from plantskola.programmes.selectors import leader_candidates


class ModuleScheduleForm(forms.Form):
    module = forms.ModelChoiceField(queryset=Module.objects.none(), label=gettext_lazy("Module"))
    kind = forms.ChoiceField(
        choices=Session.Kind.choices, initial=Session.Kind.MODULE_DAY, label=gettext_lazy("Kind")
    )
    start_time = forms.TimeField(widget=TIME, label=gettext_lazy("Start time"))
    end_time = forms.TimeField(widget=TIME, label=gettext_lazy("End time"))
    place = forms.CharField(max_length=200, required=False, label=gettext_lazy("Place"))
    address = forms.CharField(max_length=300, required=False, label=gettext_lazy("Address"))
    leaders = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Course leaders"),
    )

    COMMON = ("module", "kind", "start_time", "end_time", "place", "address", "leaders")

    def __init__(self, *args: Any, edition: Edition, groups: list[Group], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.groups = groups
        module = cast("forms.ModelChoiceField[Module]", self.fields["module"])
        module.queryset = Module.objects.filter(edition=edition)
        leaders = cast("forms.ModelMultipleChoiceField[Person]", self.fields["leaders"])
        leaders.queryset = leader_candidates(edition)
        for group in groups:
            self.fields[f"date_{group.pk}"] = forms.DateField(
                widget=DATE,
                required=False,
                label=_("First day for %(group)s") % {"group": group.name},
            )
            self.fields[f"end_{group.pk}"] = forms.DateField(
                widget=DATE,
                required=False,
                label=_("Last day for %(group)s") % {"group": group.name},
                help_text=_("Only for sessions that last several days."),
            )

    def group_rows(self) -> list[tuple[Group, BoundField, BoundField]]:
        return [(g, self[f"date_{g.pk}"], self[f"end_{g.pk}"]) for g in self.groups]

    def common_fields(self) -> list[BoundField]:
        return [self[name] for name in self.COMMON]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        single_day = False
        for group in self.groups:
            first = data.get(f"date_{group.pk}")
            last = data.get(f"end_{group.pk}")
            if first is None:
                if f"date_{group.pk}" not in self.errors:
                    self.add_error(
                        f"date_{group.pk}",
                        _("Choose a date for %(group)s.") % {"group": group.name},
                    )
                continue
            if last is not None and last < first:
                self.add_error(f"end_{group.pk}", _("The last day cannot come before the first."))
            if last is None or last == first:
                single_day = True
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start and single_day:
            self.add_error("end_time", _("The session must end after it starts."))
        return data

    def group_dates(self) -> list[GroupDates]:
        return [
            GroupDates(
                group=g,
                date=self.cleaned_data[f"date_{g.pk}"],
                end_date=self.cleaned_data.get(f"end_{g.pk}"),
            )
            for g in self.groups
        ]
