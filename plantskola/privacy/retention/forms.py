"""The retention rules form: months per registered record type."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _

from plantskola.privacy import weeding
from plantskola.privacy.retention.services import MAX_MONTHS


class RetentionForm(forms.Form):
    def __init__(self, *args: Any, current: dict[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for record_type in weeding.record_types():
            self.fields[record_type.key] = forms.IntegerField(
                label=str(record_type.label),
                min_value=0,
                max_value=MAX_MONTHS,
                initial=current[record_type.key],
                help_text=_("Months %(counted_from)s. Default: %(default)s.")
                % {"counted_from": record_type.counted_from, "default": record_type.default_months},
            )
