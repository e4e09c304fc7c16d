"""The form HR records a career event with."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from plantskola.core.models import Organisation, Person
from plantskola.insights.models import CareerEvent


class CareerEventForm(forms.Form):
    employee_number = forms.CharField(
        label=_("Employee number"),
        max_length=40,
        help_text=_("The person's employee number in the HR system."),
    )
    kind = forms.ChoiceField(label=_("Event"), choices=CareerEvent.Kind.choices)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label=_("New title"), max_length=200, required=False)
    is_manager_after = forms.BooleanField(
        label=_("The new role is a manager post (for a change of role)"), required=False
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.person: Person | None = None

    def clean_employee_number(self) -> str:
        number: str = self.cleaned_data["employee_number"].strip()
        person = Person.objects.filter(
            organisation=self.organisation, employee_number=number
        ).first()
        if person is None:
            raise forms.ValidationError(
                _("Nobody in %(organisation)s has employee number %(number)s."),
                params={"organisation": self.organisation.name, "number": number},
                code="unknown_person",
            )
        self.person = person
        return number
