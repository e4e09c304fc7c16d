"""Forms for rectification and erasure of a person."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from plantskola.core.models import Person
from plantskola.privacy.erasure.services import RECTIFIABLE


class RectifyForm(forms.ModelForm[Person]):
    class Meta:
        model = Person
        fields = RECTIFIABLE


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


class EraseForm(forms.Form):
    confirmation = forms.CharField(
        label=_("Type the person's name or employee number to confirm"), max_length=200
    )
    reason = forms.CharField(
        label=_("Reason for the erasure"),
        max_length=200,
        help_text=_("E.g. the person's request and its date. Written to the audit log."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_confirmation(self) -> str:
        typed = _normal(self.cleaned_data["confirmation"])
        accepted = {_normal(self.person.full_name), _normal(self.person.employee_number)}
        if typed not in accepted:
            raise forms.ValidationError(
                _("The confirmation does not match the person's name or employee number.")
            )
        return typed
