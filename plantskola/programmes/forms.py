"""Forms of the programme, edition, module, group, session and participant pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from plantskola.access.base import UserLike
from plantskola.access.principal import principal
from plantskola.core.models import Organisation, Person
from plantskola.programmes.completion.selectors import completion_allowed
from plantskola.programmes.completion.services import completion_refusal
from plantskola.programmes.models import Edition, Group, Module, Participant, Programme, Session
from plantskola.programmes.selectors import leader_candidates

if TYPE_CHECKING:
    # django-stubs' ModelForm takes its model as a type argument; Django's own class cannot be
    # subscripted at run time, so the typed bases exist for the type checker only.
    ProgrammeModelForm = forms.ModelForm[Programme]
    EditionModelForm = forms.ModelForm[Edition]
    ModuleModelForm = forms.ModelForm[Module]
    GroupModelForm = forms.ModelForm[Group]
    SessionModelForm = forms.ModelForm[Session]
    ParticipantModelForm = forms.ModelForm[Participant]
else:
    ProgrammeModelForm = EditionModelForm = ModuleModelForm = forms.ModelForm
    GroupModelForm = SessionModelForm = ParticipantModelForm = forms.ModelForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ProgrammeForm(ProgrammeModelForm):
    class Meta:
        model = Programme
        fields = ["organisation", "name", "audience", "description"]

    def __init__(self, *args: Any, user: UserLike, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        p = principal(user)
        orgs = Organisation.objects.all()
        if not p.is_superuser:
            orgs = orgs.filter(pk__in=p.managing_org_ids)
        organisation = cast("forms.ModelChoiceField[Organisation]", self.fields["organisation"])
        organisation.queryset = orgs
        organisation.empty_label = None
        if self.instance.pk:
            # Moving a programme to another organisation would move its people's data too.
            self.fields["organisation"].disabled = True


class EditionForm(EditionModelForm):
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
        partners = cast("forms.ModelMultipleChoiceField[Organisation]", self.fields["partners"])
        partners.queryset = Organisation.objects.exclude(pk=programme.organisation_id)

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"]
        clash = Edition.objects.filter(programme=self.instance.programme, name=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("The programme already has an edition with this name."))
        return name


class ModuleForm(ModuleModelForm):
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


class GroupForm(GroupModelForm):
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


class SessionForm(SessionModelForm):
    class Meta:
        model = Session
        fields = [
            "title",
            "kind",
            "module",
            "group",
            "date",
            "start_time",
            "end_time",
            "place",
            "address",
            "destination",
            "leaders",
        ]
        widgets = {
            "date": DATE,
            "start_time": TIME,
            "end_time": TIME,
            "leaders": forms.CheckboxSelectMultiple,
        }
        # The model's "title" is also a person's job title ("Befattning") in Swedish.
        labels = {"title": _("Heading")}

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.edition = edition
        module = cast("forms.ModelChoiceField[Module]", self.fields["module"])
        module.queryset = Module.objects.filter(edition=edition)
        group = cast("forms.ModelChoiceField[Group]", self.fields["group"])
        group.queryset = Group.objects.filter(edition=edition)
        group.empty_label = _("The whole edition")
        leaders = cast("forms.ModelMultipleChoiceField[Person]", self.fields["leaders"])
        leaders.queryset = leader_candidates(edition)


class ParticipantForm(ParticipantModelForm):
    class Meta:
        model = Participant
        fields = ["status", "group"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        group = cast("forms.ModelChoiceField[Group]", self.fields["group"])
        group.queryset = Group.objects.filter(edition_id=self.instance.edition_id)
        group.empty_label = _("No group")

    def clean_status(self) -> str:
        status: str = self.cleaned_data["status"]
        edition = self.instance.edition
        if (
            status == Participant.Status.COMPLETED
            and self.instance.status != Participant.Status.COMPLETED
            and not completion_allowed(edition=edition)
        ):
            raise forms.ValidationError(completion_refusal(edition))
        return status


class ParticipantSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find people to add"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_(
            "Name, e-mail, title, unit or employee number; “chef” finds the managers. People "
            "of a partner organisation: their whole name, e-mail address or employee number."
        ),
    )
