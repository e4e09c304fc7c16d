from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from plantskola.access.base import UserLike
from plantskola.access.events import event_organisations_for_user
from plantskola.core.models import Organisation, OrgUnit
from plantskola.core.widgets import Combobox, SearchMultipleChoiceField
from plantskola.events.models import Event

if TYPE_CHECKING:
    # django-stubs' generic ModelForm; Django's own class is not subscriptable at run time.
    EventModelForm = forms.ModelForm[Event]
else:
    EventModelForm = forms.ModelForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class EventForm(EventModelForm):
    target_units = SearchMultipleChoiceField(
        OrgUnit.objects.none(),
        source="units",
        required=False,
        label=capfirst(Event._meta.get_field("target_units").verbose_name),
        help_text=Event._meta.get_field("target_units").help_text,
    )

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
        }
        # The model's "title" is also a person's job title ("Befattning") in Swedish.
        labels = {"title": _("Heading")}

    def __init__(self, *args: Any, user: UserLike, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        orgs = event_organisations_for_user(user)
        organisation = cast("forms.ModelChoiceField[Organisation]", self.fields["organisation"])
        organisation.queryset = orgs
        organisation.empty_label = None
        units = OrgUnit.objects.filter(organisation__in=orgs).select_related("organisation")
        if self.instance.pk:
            # Moving an event to another organisation would move its registrations too.
            organisation.disabled = True
            units = units.filter(organisation_id=self.instance.organisation_id)
        target_units = cast(SearchMultipleChoiceField, self.fields["target_units"])
        target_units.queryset = units
        if self.instance.pk:
            cast(Combobox, target_units.widget).params = {
                "organisation": str(self.instance.organisation_id)
            }

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


class RegistrantSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for a person"),
        max_length=100,
        required=False,
        help_text=_("Type a name, an e-mail address, a title or a unit."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class RegisterOtherForm(RegistrationForm):
    person = forms.IntegerField(widget=forms.HiddenInput)
