"""The coordinator's form to add someone to a call's interviewer pool."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from plantskola.admissions.forms import set_queryset
from plantskola.admissions.models import Call, PoolMember
from plantskola.admissions.pool.selectors import pool_candidates
from plantskola.core.models import Person


class StaffChoiceField(forms.ModelChoiceField[Person]):
    """A person by name, title and unit: a roster has namesakes."""

    def label_from_instance(self, obj: Person) -> str:
        details = ", ".join(x for x in (obj.title, obj.unit.name if obj.unit else "") if x)
        return f"{obj.full_name} ({details})" if details else obj.full_name


class PoolMemberForm(forms.Form):
    person = StaffChoiceField(
        label=gettext_lazy("Person"),
        queryset=Person.objects.none(),
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
