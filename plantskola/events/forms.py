from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from plantskola.access.principal import principal
from plantskola.core.models import Organisation, OrgUnit
from plantskola.events.models import Event

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "organisation",
            "kind",
            "title",
            "theme",
            "description",
            "date",
            "start_time",
            "end_time",
            "place",
            "address",
            "capacity",
            "registration_opens",
            "registration_closes",
            "audience",
            "target_units",
            "managers_only",
            "table_size",
            "status",
            "notes",
        ]
        widgets = {
            "date": DATE,
            "start_time": TIME,
            "end_time": TIME,
            "registration_opens": DATE,
            "registration_closes": DATE,
            "description": forms.Textarea(attrs={"rows": 4}),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "target_units": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        p = principal(user)
        orgs = Organisation.objects.all()
        if not p.is_superuser:
            orgs = orgs.filter(pk__in=p.managing_org_ids)
        self.fields["organisation"].queryset = orgs  # type: ignore[attr-defined]
        self.fields["organisation"].empty_label = None  # type: ignore[attr-defined]
        units = OrgUnit.objects.filter(organisation__in=orgs).select_related("organisation")
        if self.instance.pk:
            # Moving an event to another organisation would move its registrations too.
            self.fields["organisation"].disabled = True
            units = units.filter(organisation_id=self.instance.organisation_id)
        self.fields["target_units"].queryset = units  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        org = data.get("organisation") or getattr(self.instance, "organisation", None)
        units = data.get("target_units")
        if data.get("audience") == Event.Audience.UNITS and not units:
            self.add_error("target_units", _("Choose at least one unit for the target group."))
        if org is not None and units:
            if any(u.organisation_id != org.pk for u in units):
                self.add_error("target_units", _("The units must belong to the organisation."))
        return data


class RegistrationForm(forms.Form):
    dietary_needs = forms.CharField(
        label=_("Dietary needs (optional)"),
        max_length=300,
        required=False,
        help_text=_(
            "Allergies or special diets. Only the organisers see this, and it is deleted "
            "after the event."
        ),
    )


class SeatingForm(forms.Form):
    table_size = forms.IntegerField(
        label=_("People per table"), min_value=2, max_value=50, initial=10
    )
    mix_gender = forms.BooleanField(label=_("Also mix gender"), required=False, initial=True)
    mix_age = forms.BooleanField(label=_("Also mix age bands"), required=False, initial=True)
