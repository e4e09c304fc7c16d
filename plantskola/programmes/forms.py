from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plantskola.access.principal import principal
from plantskola.core.models import Organisation, OrganisationRole, Person
from plantskola.programmes.models import (
    Attendance,
    Edition,
    Group,
    Module,
    NetworkProfile,
    Participant,
    Programme,
    ProgrammeRole,
    Session,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["organisation", "name", "audience", "description"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        p = principal(user)
        orgs = Organisation.objects.all()
        if not p.is_superuser:
            orgs = orgs.filter(pk__in=p.managing_org_ids)
        self.fields["organisation"].queryset = orgs  # type: ignore[attr-defined]
        self.fields["organisation"].empty_label = None  # type: ignore[attr-defined]
        if self.instance.pk:
            # Moving a programme to another organisation would move its people's data too.
            self.fields["organisation"].disabled = True


class EditionForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = [
            "name",
            "start_date",
            "end_date",
            "capacity",
            "status",
            "min_attendance_percent",
            "partners",
        ]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "partners": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        self.fields["partners"].queryset = Organisation.objects.exclude(  # type: ignore[attr-defined]
            pk=programme.organisation_id
        )

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"]
        clash = Edition.objects.filter(programme=self.instance.programme, name=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("The programme already has an edition with this name."))
        return name


class ModuleForm(forms.ModelForm):
    class Meta:
        model = Module
        fields = ["order", "name", "length_days", "purpose", "topics"]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "topics": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.edition = edition


class GroupForm(forms.ModelForm):
    class Meta:
        model = Group
        fields = ["name", "order"]

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.edition = edition

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"]
        clash = Group.objects.filter(edition=self.instance.edition, name=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("The edition already has a group with this name."))
        return name


def leader_candidates(edition: Edition) -> Any:
    """People who can be picked as course leaders: those with a role in this programme or
    its host organisation, and anyone already leading a session of the edition."""
    programme = edition.programme
    user_ids = ProgrammeRole.objects.filter(programme=programme).values("user_id")
    org_user_ids = OrganisationRole.objects.filter(
        organisation_id=programme.organisation_id
    ).values("user_id")
    return (
        Person.objects.filter(
            Q(user_id__in=user_ids) | Q(user_id__in=org_user_ids) | Q(led_sessions__edition=edition)
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = [
            "title",
            "kind",
            "module",
            "group",
            "date",
            "end_date",
            "start_time",
            "end_time",
            "place",
            "address",
            "destination",
            "leaders",
        ]
        widgets = {
            "date": DATE,
            "end_date": DATE,
            "start_time": TIME,
            "end_time": TIME,
            "leaders": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.edition = edition
        self.fields["module"].queryset = Module.objects.filter(edition=edition)  # type: ignore[attr-defined]
        self.fields["group"].queryset = Group.objects.filter(edition=edition)  # type: ignore[attr-defined]
        self.fields["leaders"].queryset = leader_candidates(edition)  # type: ignore[attr-defined]
        self.fields["group"].empty_label = _("The whole edition")  # type: ignore[attr-defined]


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["status", "group"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Group.objects.filter(  # type: ignore[attr-defined]
            edition_id=self.instance.edition_id
        )
        self.fields["group"].empty_label = _("No group")  # type: ignore[attr-defined]


class ParticipantSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find people to add"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_(
            "Name, e-mail, unit or employee number. People of a partner organisation: "
            "their whole e-mail address or employee number."
        ),
    )


class AttendanceForm(forms.Form):
    participant = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=Attendance.Status.choices)


class DirectorySearchForm(forms.Form):
    """The network directory's filters; the choices are what the user's directory holds."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Name, title or unit."),
    )
    programme = forms.TypedChoiceField(
        label=_("Programme"), required=False, coerce=int, empty_value=None
    )
    organisation = forms.TypedChoiceField(
        label=_("Organisation"), required=False, coerce=int, empty_value=None
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, choices: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["programme"].choices = everything + [  # type: ignore[attr-defined]
            (p.pk, p.name) for p in choices["programmes"]
        ]
        self.fields["organisation"].choices = everything + [  # type: ignore[attr-defined]
            (o.pk, o.name) for o in choices["organisations"]
        ]
        self.fields["year"].choices = everything + [  # type: ignore[attr-defined]
            (y, str(y)) for y in choices["years"]
        ]


class NetworkProfileForm(forms.ModelForm):
    class Meta:
        model = NetworkProfile
        fields = ["listed", "share_email", "phone", "share_phone", "presentation"]
        widgets = {"presentation": forms.Textarea(attrs={"rows": 4})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("share_phone") and not data.get("phone"):
            self.add_error("phone", _("Enter the phone number you want to show."))
        return data
