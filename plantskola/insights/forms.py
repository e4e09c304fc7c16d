"""The recruitment statistics' filter and upload."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from plantskola.core.models import OrgUnit
from plantskola.core.spreadsheets import upload_size_checked


class RecruitmentFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    administration = forms.ModelChoiceField(
        label=_("Administration"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("All administrations"),
    )

    def __init__(
        self, *args: Any, years: list[int], administrations: QuerySet[OrgUnit], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["year"]).choices = [("", _("All years"))] + [
            (str(y), str(y)) for y in years
        ]
        cast(
            forms.ModelChoiceField[OrgUnit], self.fields["administration"]
        ).queryset = administrations


class RecruitmentUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Recruitment file (.xlsx or .csv)"),
        help_text=_("One row per application; see the column list below."),
    )

    def clean_file(self) -> Any:
        return upload_size_checked(self.cleaned_data["file"], settings.ROSTER_MAX_BYTES)
