from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class AuditSearchForm(forms.Form):
    person = forms.CharField(
        label=_("Whose data"),
        required=False,
        max_length=100,
        help_text=_("Name or employee number."),
    )
    user = forms.CharField(
        label=_("Who read or changed"),
        required=False,
        max_length=100,
        help_text=_("User name or name."),
    )
