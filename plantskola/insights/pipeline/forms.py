"""The pipeline page's filter."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from plantskola.core.models import OrgUnit
from plantskola.programmes.models import Programme


class PipelineFilterForm(forms.Form):
    administration = forms.ModelChoiceField(
        label=_("Administration"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("All administrations"),
    )
    programme = forms.ChoiceField(label=_("Programme"), required=False)

    def __init__(
        self,
        *args: Any,
        administrations: QuerySet[OrgUnit],
        programmes: Iterable[Programme],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField[OrgUnit], self.fields["administration"]
        ).queryset = administrations
        cast(forms.ChoiceField, self.fields["programme"]).choices = [("", _("All programmes"))] + [
            (str(p.pk), p.name) for p in programmes
        ]
