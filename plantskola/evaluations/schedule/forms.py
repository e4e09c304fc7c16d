"""The form of a programme's survey schedule."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from plantskola.evaluations.models import SurveyTemplate
from plantskola.evaluations.schedule.models import SurveySchedule
from plantskola.programmes.models import Programme

if TYPE_CHECKING:
    ScheduleModelForm = forms.ModelForm[SurveySchedule]
else:
    ScheduleModelForm = forms.ModelForm


class SurveyScheduleForm(ScheduleModelForm):
    class Meta:
        model = SurveySchedule
        fields = ["enabled", "template", "open_after_days", "open_for_days"]

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        template = cast("forms.ModelChoiceField[SurveyTemplate]", self.fields["template"])
        template.queryset = SurveyTemplate.objects.filter(
            organisation_id=programme.organisation_id, questions__isnull=False
        ).distinct()
        template.help_text = _("Only templates with questions can be chosen.")
