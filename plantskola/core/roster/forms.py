"""The upload of a roster file in the browser."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plantskola.access.core import organisations_for_user
from plantskola.access.principal import principal
from plantskola.core.models import Organisation
from plantskola.core.spreadsheets import (
    IDENTITY_NUMBER,
    NOT_USED,
    normalise,
    upload_size_checked,
)


class RosterUploadForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label=_("Roster file (.xlsx, .xls, .ods or .csv)"),
        help_text=_("One row per employee; see the column list below."),
    )
    effective_date = forms.DateField(
        label=_("Changes take effect on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Moves, new titles and new managers are recorded with this date."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        p = principal(user)
        orgs = organisations_for_user(user)
        if not p.is_superuser:
            orgs = orgs.filter(pk__in=p.hr_org_ids)
        cast("forms.ModelChoiceField[Organisation]", self.fields["organisation"]).queryset = orgs
        self.fields["effective_date"].initial = timezone.localdate()

    def clean_file(self) -> Any:
        return upload_size_checked(self.cleaned_data["file"], settings.ROSTER_MAX_BYTES)


class ColumnMappingForm(forms.Form):
    """What each column of a previewed file fills: one choice per heading, "not used" among
    them. A personal identity number column is shown but cannot be chosen for anything."""

    def __init__(
        self,
        *args: Any,
        columns: list[list[str]],
        labels: dict[str, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [(NOT_USED, _("not used")), *labels.items()]
        self.headings: dict[str, str] = {}
        for index, (heading, column) in enumerate(columns):
            if column == IDENTITY_NUMBER:
                continue
            name = f"column_{index}"
            self.headings[name] = heading
            self.fields[name] = forms.ChoiceField(
                label=heading, choices=choices, initial=column, required=False
            )

    def mapping(self) -> dict[str, str]:
        """Normalised heading → the column chosen ("" for not used)."""
        return {
            normalise(heading): self.cleaned_data.get(name) or NOT_USED
            for name, heading in self.headings.items()
        }
