"""The selection page's form: places, spread rules and a lock per applicant."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.admissions.models import Call, SelectionRun
from plantskola.admissions.selection.rules import Rules
from plantskola.admissions.selection.selectors import Scored

LOCKS = [
    ("", gettext_lazy("Free")),
    ("in", gettext_lazy("Locked in")),
    ("out", gettext_lazy("Locked out")),
]


class SelectionForm(forms.Form):
    capacity = forms.IntegerField(label=gettext_lazy("Places"), min_value=1)
    max_per_administration = forms.IntegerField(
        label=gettext_lazy("At most per administration or company"), min_value=1, required=False
    )
    min_administrations = forms.IntegerField(
        label=gettext_lazy("At least this many administrations or companies"),
        min_value=1,
        required=False,
    )
    min_women = forms.IntegerField(
        label=gettext_lazy("At least women"), min_value=1, required=False
    )
    min_men = forms.IntegerField(label=gettext_lazy("At least men"), min_value=1, required=False)
    incomplete = forms.ChoiceField(
        label=gettext_lazy("Incomplete applications (no interview or no reference)"),
        choices=Call.Incomplete.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("Kept as the call's setting for its next runs."),
    )

    def __init__(self, *args: Any, scored: list[Scored], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for s in scored:
            self.fields[f"lock_{s.application.pk}"] = forms.ChoiceField(
                label=_("Lock for %(name)s") % {"name": s.application.applicant_name},
                choices=LOCKS,
                required=False,
            )

    @classmethod
    def initial_for(cls, *, call: Call, latest: SelectionRun | None) -> dict[str, Any]:
        """The rules and locks of the latest run, to start the next what-if from."""
        initial: dict[str, Any] = {"capacity": call.edition.capacity or 16}
        if latest is not None:
            settings = latest.settings
            initial.update({k: settings.get(k) for k in cls.base_fields})
            initial.update({f"lock_{pk}": "in" for pk in settings.get("include", [])})
            initial.update({f"lock_{pk}": "out" for pk in settings.get("exclude", [])})
        initial["incomplete"] = call.incomplete_applications  # the call's setting
        return initial

    def rules(self) -> Rules:
        data = self.cleaned_data
        locks = {
            int(name.split("_")[1]): value
            for name, value in data.items()
            if name.startswith("lock_") and value
        }
        return Rules(
            capacity=data["capacity"],
            max_per_administration=data["max_per_administration"],
            min_administrations=data["min_administrations"],
            min_women=data["min_women"],
            min_men=data["min_men"],
            include=tuple(sorted(pk for pk, v in locks.items() if v == "in")),
            exclude=tuple(sorted(pk for pk, v in locks.items() if v == "out")),
            incomplete=data["incomplete"],
        )
