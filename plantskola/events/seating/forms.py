from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SeatingForm(forms.Form):
    table_size = forms.IntegerField(
        label=_("People per table"), min_value=2, max_value=50, initial=10
    )
    mix_gender = forms.BooleanField(label=_("Also mix gender"), required=False, initial=True)
    mix_age = forms.BooleanField(label=_("Also mix age bands"), required=False, initial=True)
