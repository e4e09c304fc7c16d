from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plantskola.access.core import organisations_for_user
from plantskola.access.principal import principal
from plantskola.core.models import Organisation


class RosterUploadForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label=_("Roster file (.xlsx or .csv)"),
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
        self.fields["organisation"].queryset = orgs  # type: ignore[attr-defined]
        self.fields["effective_date"].initial = timezone.localdate()
