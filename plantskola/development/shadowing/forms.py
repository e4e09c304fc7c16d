"""Forms for job shadowing: the round, hosts, preferences, the host's answer and the dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from plantskola.core.models import Person
from plantskola.core.widgets import SearchChoiceField
from plantskola.development.shadowing.models import ShadowingHost

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class RoundForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, initial=_("Job shadowing"))
    period_start = forms.DateField(label=_("First day of the period"), widget=DATE)
    period_end = forms.DateField(label=_("Last day of the period"), widget=DATE)


class HostAddForm(forms.Form):
    person = SearchChoiceField(
        Person.objects.none(), source="people", params={"managers": "1"}, label=_("Manager")
    )
    capacity = forms.IntegerField(
        label=_("Capacity"),
        min_value=1,
        max_value=20,
        initial=1,
        help_text=_("How many participants this manager takes."),
    )

    def __init__(
        self, data: Mapping[str, object] | None = None, *, people: QuerySet[Person]
    ) -> None:
        super().__init__(data)
        cast(SearchChoiceField, self.fields["person"]).queryset = people


class HostCapacityForm(forms.Form):
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=20)


class PreferenceForm(forms.Form):
    """Up to three ranked hosts, from a list that leaves out the participant's administration."""

    def __init__(
        self,
        data: Mapping[str, object] | None = None,
        *,
        hosts: Sequence[ShadowingHost],
        initial: dict[str, object] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        self.hosts = {str(h.pk): h for h in hosts}
        choices = [("", "–")] + [
            (
                str(h.pk),
                ", ".join(
                    x for x in [h.person.full_name, h.person.title, str(h.person.unit or "")] if x
                ),
            )
            for h in hosts
        ]
        labels = [_("First choice"), _("Second choice"), _("Third choice")]
        for i, label in enumerate(labels, start=1):
            self.fields[f"choice_{i}"] = forms.ChoiceField(
                label=label, choices=choices, required=False
            )

    def chosen(self) -> list[ShadowingHost]:
        return [
            self.hosts[v]
            for i in range(1, 4)
            if (v := self.cleaned_data.get(f"choice_{i}")) and v in self.hosts
        ]


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class ScheduleForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    start_time = forms.TimeField(label=_("Start time"), widget=TIME)
    end_time = forms.TimeField(label=_("End time"), widget=TIME)
    end_date = forms.DateField(
        label=_("Last day (if more than one day)"), widget=DATE, required=False
    )
    place = forms.CharField(label=_("Place"), max_length=300)

    def times(self, tz: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
        d = self.cleaned_data
        start = dt.datetime.combine(d["date"], d["start_time"], tzinfo=tz)
        end = dt.datetime.combine(d["end_date"] or d["date"], d["end_time"], tzinfo=tz)
        return start, end
