"""The network directory's filters and a participant's own profile."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from plantskola.programmes.models import NetworkProfile
from plantskola.programmes.network.selectors import DirectoryChoices

if TYPE_CHECKING:
    # django-stubs' ModelForm takes its model as a type argument; Django's own class cannot be
    # subscripted at run time, so the typed base exists for the type checker only.
    NetworkProfileModelForm = forms.ModelForm[NetworkProfile]
else:
    NetworkProfileModelForm = forms.ModelForm


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
        options: dict[str, list[tuple[int | str, StrOrPromise]]] = {
            "programme": [(p.pk, p.name) for p in choices["programmes"]],
            "organisation": [(o.pk, o.name) for o in choices["organisations"]],
            "year": [(y, str(y)) for y in choices["years"]],
        }
        for name, values in options.items():
            cast(forms.TypedChoiceField, self.fields[name]).choices = [("", _("All")), *values]


class NetworkProfileForm(NetworkProfileModelForm):
    class Meta:
        model = NetworkProfile
        fields = ["listed", "share_email", "phone", "share_phone", "presentation"]
        widgets = {"presentation": forms.Textarea(attrs={"rows": 4})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("share_phone") and not data.get("phone"):
            self.add_error("phone", _("Enter the phone number you want to show."))
        return data
