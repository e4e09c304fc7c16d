"""The coordinator's form to add someone to a call's interviewer pool."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy

from plantskola.admissions.forms import set_queryset
from plantskola.admissions.models import Call, PoolMember
from plantskola.admissions.pool.selectors import pool_candidates
from plantskola.core.models import Person
from plantskola.core.widgets import Combobox, SearchChoiceField


class PoolMemberForm(forms.Form):
    person = SearchChoiceField(
        Person.objects.none(),
        source="people",
        label=gettext_lazy("Person"),
        help_text=gettext_lazy(
            "Staff of the host organisation with a login; the call's applicants are not offered."
        ),
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Role"), choices=PoolMember.Role.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "person", pool_candidates(call).select_related("unit"))
        organisation_id = str(call.edition.programme.organisation_id)
        cast(Combobox, self.fields["person"].widget).params = {
            "organisation": organisation_id,
            "login": "1",  # interviewers sign in to score
        }
