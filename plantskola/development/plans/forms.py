"""Forms for plans, goals, actions, sharing, comments and reflections: they parse; the
services decide."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from plantskola.competencies.models import Competency, RequirementProfile
from plantskola.development.plans.models import RATING_MAX, RATING_MIN, DevelopmentPlan

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# `ModelChoiceField` is generic only in the type stubs; at run time it takes no parameter.
if TYPE_CHECKING:
    _CompetencyField = forms.ModelChoiceField[Competency]
    _ProfileField = forms.ModelChoiceField[RequirementProfile]
else:
    _CompetencyField = forms.ModelChoiceField
    _ProfileField = forms.ModelChoiceField


class CompetencyChoiceField(_CompetencyField):
    def label_from_instance(self, obj: Competency) -> str:
        return f"{obj.value.name}: {obj.name}" if obj.value else obj.name


class DirectionForm(forms.Form):
    direction = forms.CharField(
        label=_("Where I want to go"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few sentences on what you want to achieve as a leader."),
    )


class GoalForm(forms.Form):
    title = forms.CharField(label=_("Goal"), max_length=200)
    competency = CompetencyChoiceField(
        label=_("Competency in the leadership platform"),
        queryset=Competency.objects.none(),
        required=False,
        empty_label=_("(none)"),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    support = forms.CharField(
        label=_("Support I need"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("From your manager, colleagues, HR or others."),
    )

    def __init__(
        self,
        data: Mapping[str, object] | None = None,
        *,
        plan: DevelopmentPlan,
        initial: dict[str, object] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        organisation_id = plan.participant.edition.programme.organisation_id
        # The platform of the plan's organisation only.
        cast(CompetencyChoiceField, self.fields["competency"]).queryset = Competency.objects.filter(
            organisation_id=organisation_id
        ).select_related("value")


class ProfileForm(forms.Form):
    profile = _ProfileField(
        label=_("Requirement profile"),
        queryset=RequirementProfile.objects.none(),
        required=False,
        empty_label=_("(none)"),
        help_text=_(
            "The profile's competencies are what you rate yourself against at the start and "
            "at the end, and a goal's competency shows the profile's behavioural indicators."
        ),
    )

    def __init__(
        self,
        data: Mapping[str, object] | None = None,
        *,
        profiles: QuerySet[RequirementProfile],
        initial: dict[str, object] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        cast(_ProfileField, self.fields["profile"]).queryset = profiles


class SelfAssessmentForm(forms.Form):
    """One rating (1–5) per competency of the profile; the page renders each as a fieldset."""

    def __init__(
        self,
        data: Mapping[str, object] | None = None,
        *,
        competencies: list[Competency],
        initial: dict[str, object] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        choices = [(str(n), str(n)) for n in range(RATING_MIN, RATING_MAX + 1)]
        for competency in competencies:
            self.fields[self.field_name(competency.pk)] = forms.TypedChoiceField(
                label=competency.name,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Rate this competency.")},
            )

    @staticmethod
    def field_name(competency_id: int) -> str:
        return f"competency_{competency_id}"

    def ratings(self) -> dict[int, int]:
        """Competency id → rating, from the cleaned data."""
        return {
            int(name.removeprefix("competency_")): int(value)
            for name, value in self.cleaned_data.items()
        }


class ActionForm(forms.Form):
    text = forms.CharField(label=_("Action"), max_length=300)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE)


class ShareForm(forms.Form):
    share_with_manager = forms.BooleanField(
        label=_("Share with my closest manager"), required=False
    )
    share_with_leaders = forms.BooleanField(
        label=_("Share with the course leaders of the edition"), required=False
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReflectionForm(forms.Form):
    text = forms.CharField(
        label=_("Reflection"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What did you take with you from the session? What will you try?"),
    )
    shared = forms.BooleanField(
        label=_("Share with those who read my plan"),
        required=False,
        help_text=_("Your closest manager and the course leaders, if you have shared your plan."),
    )
