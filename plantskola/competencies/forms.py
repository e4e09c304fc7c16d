from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from plantskola.competencies.models import Competency, Level, RequirementProfile, Value

Item = TypeVar("Item", Value, Competency, RequirementProfile)

if TYPE_CHECKING:
    _ModelForm = forms.ModelForm
else:

    class _ModelForm(forms.ModelForm, Generic[Item]):
        """django-stubs' ModelForm is generic; Django's own is not subscriptable at run time."""


class _PlatformItemForm(_ModelForm[Item]):
    """The organisation is not a form field, so check the per-organisation unique name here."""

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        clash = type(self.instance).objects.filter(
            organisation_id=self.instance.organisation_id, name__iexact=name
        )
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("The organisation already has one with this name."))
        return name


class ValueForm(_PlatformItemForm[Value]):
    class Meta:
        model = Value
        fields = ["name", "description", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class CompetencyForm(_PlatformItemForm[Competency]):
    class Meta:
        model = Competency
        fields = ["name", "description", "value", "anchor_low", "anchor_high", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        value = cast("forms.ModelChoiceField[Value]", self.fields["value"])
        value.queryset = Value.objects.filter(organisation_id=self.instance.organisation_id)
        existing = (
            {lv.level: lv.indicators for lv in self.instance.levels.all()}
            if self.instance.pk
            else {}
        )
        for level, label in Level.choices:
            self.fields[f"level_{level}"] = forms.CharField(
                label=_("Behavioural indicators at level %(level)s") % {"level": label},
                required=False,
                initial=existing.get(level, ""),
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("One indicator per line."),
            )

    def levels(self) -> dict[int, str]:
        return {level: self.cleaned_data[f"level_{level}"] for level in Level.values}


class ProfileForm(_PlatformItemForm[RequirementProfile]):
    class Meta:
        model = RequirementProfile
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = (
            {r.competency_id: r.level for r in self.instance.requirements.all()}
            if self.instance.pk
            else {}
        )
        self.competency_fields: list[tuple[str, Competency]] = []
        for competency in Competency.objects.filter(organisation_id=self.instance.organisation_id):
            name = f"competency_{competency.pk}"
            self.fields[name] = forms.TypedChoiceField(
                label=competency.name,
                choices=[("", _("Not part of the profile"))] + list(Level.choices),
                coerce=int,
                empty_value=None,
                required=False,
                initial=current.get(competency.pk, ""),
            )
            self.competency_fields.append((name, competency))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.competency_fields and not any(data.get(n) for n, _c in self.competency_fields):
            raise forms.ValidationError(_("Choose at least one competency for the profile."))
        return data

    def requirements(self) -> dict[int, int | None]:
        return {c.pk: self.cleaned_data.get(n) for n, c in self.competency_fields}
