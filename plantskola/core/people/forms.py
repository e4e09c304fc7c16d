from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from plantskola.access.base import UserLike
from plantskola.access.core import units_for_user
from plantskola.core.models import OrgUnit
from plantskola.core.widgets import SearchChoiceField


class PersonFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Name, e-mail, title or employee number."),
    )
    unit = SearchChoiceField(
        OrgUnit.objects.none(),
        source="units",
        label=_("Unit (with sub-units)"),
        required=False,
    )
    managers_only = forms.BooleanField(label=_("Managers only"), required=False)
    include_inactive = forms.BooleanField(label=_("Include people who have left"), required=False)

    def __init__(self, *args: Any, user: UserLike, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = units_for_user(user).order_by("path")
        cast(SearchChoiceField, self.fields["unit"]).queryset = units


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )
