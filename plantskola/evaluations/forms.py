from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from plantskola.evaluations.models import (
    MAX_THRESHOLD,
    MIN_THRESHOLD,
    Question,
    Survey,
    SurveyTemplate,
)
from plantskola.evaluations.selectors import TargetChoices


class ThresholdForm(forms.Form):
    threshold = forms.IntegerField(
        label=_("Smallest group shown"),
        min_value=MIN_THRESHOLD,
        max_value=MAX_THRESHOLD,
        help_text=_(
            "Results of a group with fewer respondents than this are not shown "
            "(at least 3, at most 10)."
        ),
    )


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class QuestionForm(forms.ModelForm[Question]):
    class Meta:
        model = Question
        fields = [
            "kind",
            "text",
            "scale_min",
            "scale_max",
            "scale_min_label",
            "scale_max_label",
            "options",
            "required",
        ]
        widgets = {"options": forms.Textarea(attrs={"rows": 4})}


class SurveyForm(forms.Form):
    template = forms.ModelChoiceField(label=_("Template"), queryset=SurveyTemplate.objects.none())
    title = forms.CharField(label=_("Name of the survey"), max_length=200)
    target = forms.ChoiceField(label=_("About"))
    opens_on = forms.DateField(label=_("Opens"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(
        label=_("Closes"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The last day on which people can answer."),
    )
    is_anonymous = forms.BooleanField(
        label=_("Anonymous"),
        required=False,
        initial=True,
        help_text=Survey._meta.get_field("is_anonymous").help_text,
    )

    def __init__(
        self,
        *args: Any,
        templates: QuerySet[SurveyTemplate],
        targets: TargetChoices,
        **kw: Any,
    ) -> None:
        super().__init__(*args, **kw)
        cast(forms.ModelChoiceField[SurveyTemplate], self.fields["template"]).queryset = templates
        cast(forms.ChoiceField, self.fields["target"]).choices = targets

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("A survey cannot close before it opens."))
        return data


class AnswerForm(forms.Form):
    """The survey form: one field per question, named q_<id>."""

    def __init__(self, *args: Any, questions: list[Question], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.questions = questions
        for q in questions:
            field: forms.Field
            if q.kind == Question.Kind.RATING:
                field = forms.TypedChoiceField(
                    choices=[(v, str(v)) for v in q.scale],
                    coerce=int,
                    widget=forms.RadioSelect,
                )
            elif q.kind == Question.Kind.SINGLE:
                field = forms.ChoiceField(
                    choices=[(o, o) for o in q.option_list], widget=forms.RadioSelect
                )
            elif q.kind == Question.Kind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    choices=[(o, o) for o in q.option_list], widget=forms.CheckboxSelectMultiple
                )
            else:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
            field.label = q.text
            field.required = False  # the service decides, with a message per question
            self.fields[f"q_{q.pk}"] = field

    def answers(self) -> dict[int, Any]:
        """The raw answers for the service (which validates them)."""
        result: dict[int, Any] = {}
        for q in self.questions:
            name = f"q_{q.pk}"
            if q.kind == Question.Kind.MULTIPLE:
                # A bound form's data is the request's QueryDict, unbound an empty one.
                result[q.pk] = cast(MultiValueDict[str, str], self.data).getlist(name)
            else:
                result[q.pk] = self.data.get(name, "")
        return result

    def rows(self) -> list[tuple[Question, Any]]:
        return [(q, self[f"q_{q.pk}"]) for q in self.questions]
