"""The coordinator's form to publish a series of interview slots."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from plantskola.admissions.forms import DATETIME, set_queryset
from plantskola.admissions.interviews.forms import interviewers_field
from plantskola.admissions.models import Call
from plantskola.admissions.pool.selectors import interviewers_for


class SlotsForm(forms.Form):
    first_start = forms.DateTimeField(label=gettext_lazy("First interview starts"), widget=DATETIME)
    count = forms.IntegerField(label=gettext_lazy("Number of slots"), initial=6, min_value=1)
    minutes = forms.IntegerField(label=gettext_lazy("Length in minutes"), initial=60)
    pause = forms.IntegerField(
        label=gettext_lazy("Pause between interviews (minutes)"), initial=15, min_value=0
    )
    place = forms.CharField(label=gettext_lazy("Place"), max_length=200)
    interviewers = interviewers_field()
    bookable_until = forms.DateTimeField(
        label=gettext_lazy("Applicants can book until"), widget=DATETIME
    )

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "interviewers", interviewers_for(call=call))
