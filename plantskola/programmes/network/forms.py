"""The network directory's filters and a participant's own profile."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from plantskola.programmes.models import NetworkProfile
from plantskola.programmes.network.selectors import DirectoryChoices


class DirectorySearchForm(forms.Form):
    """The network directory's filters; the choices are what the user's directory holds."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Name, title or unit."),
    )
    programme = forms.TypedChoiceField(
        label=_("Programme"), required=False, coerce=int, empty_value=None
    )
    organisation = forms.TypedChoiceField(
        label=_("Organisation"), required=False, coerce=int, empty_value=None
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, choices: DirectoryChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["programme"].choices = everything + [  # type: ignore[attr-defined]
            (p.pk, p.name) for p in choices["programmes"]
        ]
        self.fields["organisation"].choices = everything + [  # type: ignore[attr-defined]
            (o.pk, o.name) for o in choices["organisations"]
        ]
        self.fields["year"].choices = everything + [  # type: ignore[attr-defined]
            (y, str(y)) for y in choices["years"]
        ]


class NetworkProfileForm(forms.ModelForm):
    class Meta:
        model = NetworkProfile
        fields = ["listed", "share_email", "phone", "share_phone", "presentation"]
        widgets = {"presentation": forms.Textarea(attrs={"rows": 4})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("share_phone") and not data.get("phone"):
            self.add_error("phone", _("Enter the phone number you want to show."))
        return data
