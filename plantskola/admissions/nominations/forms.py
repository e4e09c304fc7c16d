"""The nomination form: a motivation and, per competency of the requirement profile, an
optional rating on its anchored 1–5 scale with a sentence of evidence."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.admissions.nominations.services import CompetencyEvidence
from plantskola.competencies.models import Competency


class NominationForm(forms.Form):
    motivation = forms.CharField(
        label=gettext_lazy("Motivation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        help_text=gettext_lazy(
            "Why this person, in a few sentences. The employee reads it; if they accept, it is "
            "your reference in their application."
        ),
    )

    def __init__(self, *args: Any, competencies: list[Competency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.competency_list = competencies
        choices = [("", _("Not part of the nomination"))] + [(str(i), str(i)) for i in range(1, 6)]
        for competency in competencies:
            self.fields[f"rating_{competency.pk}"] = forms.ChoiceField(
                label=_("%(competency)s: rating") % {"competency": competency.name},
                choices=choices,
                required=False,
                help_text=_("1 = %(low)s, 5 = %(high)s")
                % {"low": competency.scale_low, "high": competency.scale_high},
            )
            self.fields[f"evidence_{competency.pk}"] = forms.CharField(
                label=_("%(competency)s: what you have seen") % {"competency": competency.name},
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        evidence = []
        for competency in self.competency_list:
            rating = cleaned.get(f"rating_{competency.pk}")
            text = cleaned.get(f"evidence_{competency.pk}", "")
            if rating:
                evidence.append(CompetencyEvidence(competency, int(rating), text))
            elif text.strip():
                self.add_error(
                    f"rating_{competency.pk}",
                    _("Rate the competency you wrote about, or remove the text."),
                )
        if not evidence and not self.errors:
            raise forms.ValidationError(_("Rate at least one competency the nomination rests on."))
        cleaned["evidence"] = evidence
        return cleaned


class InterestForm(forms.Form):
    interested = forms.TypedChoiceField(
        coerce=lambda v: v == "yes", choices=[("yes", "yes"), ("no", "no")]
    )
