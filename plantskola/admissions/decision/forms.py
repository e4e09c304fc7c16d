"""The form to amend one applicant's outcome after the decision, with a reason."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy

from plantskola.admissions.decision.selectors import RESERVES_MAX, amendable_applications
from plantskola.admissions.forms import set_queryset
from plantskola.admissions.models import OUTCOMES, Application, Call

if TYPE_CHECKING:
    _ApplicationChoiceField = forms.ModelChoiceField[Application]
else:  # Django's field is generic only in its type stubs
    _ApplicationChoiceField = forms.ModelChoiceField


class ApplicantOutcomeField(_ApplicationChoiceField):
    """An applicant by name with their current outcome."""

    def label_from_instance(self, obj: Application) -> str:
        return f"{obj.applicant_name} ({OUTCOMES.get(obj.outcome, '–')})"


class AmendmentForm(forms.Form):
    application = ApplicantOutcomeField(
        label=gettext_lazy("Applicant"), queryset=Application.objects.none()
    )
    to_outcome = forms.ChoiceField(
        label=gettext_lazy("New outcome"),
        choices=[("", "–"), *[(k, v) for k, v in OUTCOMES.items()]],
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "For example: the admitted applicant has withdrawn and the first reserve is admitted."
        ),
    )

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "application", amendable_applications(call))


class ReservesForm(forms.Form):
    reserves = forms.IntegerField(
        label=gettext_lazy("Reserves"),
        min_value=0,
        max_value=RESERVES_MAX,
        help_text=gettext_lazy(
            "How many of those not admitted are placed on the reserve list, in order of score."
        ),
        error_messages={
            "required": gettext_lazy("Say how many reserves (0 for none)."),
            "invalid": gettext_lazy("Write the number of reserves as a whole number."),
            "min_value": gettext_lazy("The reserve list cannot be shorter than 0."),
            "max_value": gettext_lazy("The reserve list holds at most %(limit_value)s."),
        },
    )
