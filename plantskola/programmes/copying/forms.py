"""Which edition to copy, its new name and its new start date."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.programmes.forms import DATE
from plantskola.programmes.models import Edition


class EditionCopyForm(forms.Form):
    source = forms.ModelChoiceField(
        label=gettext_lazy("Copy from the edition"), queryset=Edition.objects.none()
    )
    name = forms.CharField(label=gettext_lazy("Name of the new edition"), max_length=200)
    start_date = forms.DateField(
        label=gettext_lazy("Start date of the new edition"),
        widget=DATE,
        help_text=gettext_lazy(
            "The sessions move by the whole number of weeks closest to the change of start "
            "date, so each keeps its weekday."
        ),
    )

    def __init__(self, *args: Any, sources: QuerySet[Edition], programme_id: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.programme_id = programme_id
        field = self.fields["source"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - declared above
        field.queryset = sources

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if Edition.objects.filter(programme_id=self.programme_id, name=name).exists():
            raise forms.ValidationError(_("The programme already has an edition with this name."))
        return name


class EditionCopyConfirmForm(EditionCopyForm):
    """The preview's values again, with what the preview showed: the copy is refused when the
    source has changed since."""

    expected_modules = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    expected_sessions = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
