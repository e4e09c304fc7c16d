"""Forms of the interview pages: booking an interview (coordinator) and the scorecard
(interviewer)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.admissions.forms import DATETIME, set_queryset
from plantskola.admissions.interviews.selectors import profile_competencies
from plantskola.admissions.models import Application, Interview, Scorecard
from plantskola.admissions.pool.selectors import interviewers_for
from plantskola.core.models import Person

RATINGS = [(str(i), str(i)) for i in range(1, 6)]


def interviewers_field() -> forms.ModelMultipleChoiceField[Person]:
    """The interviewers of an interview or of interview slots; the form narrows the choices to
    the call's interviewer pool without those in a conflict of interest (`interviewers_for`)."""
    return forms.ModelMultipleChoiceField(
        label=gettext_lazy("Interviewers"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "A manager recruiter and someone from HR, from the call's interviewer pool."
        ),
    )


class InterviewForm(forms.Form):
    starts_at = forms.DateTimeField(label=gettext_lazy("Starts"), widget=DATETIME)
    minutes = forms.IntegerField(label=gettext_lazy("Length in minutes"), initial=60)
    place = forms.CharField(label=gettext_lazy("Place"), max_length=200)
    interviewers = interviewers_field()

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(
            self, "interviewers", interviewers_for(call=application.call, application=application)
        )
        if self.data.get("accept_conflicts"):
            self.add_conflict_field()
        interview = getattr(application, "interview", None)
        if interview is not None:
            self.initial.update(
                {
                    "starts_at": timezone.localtime(interview.starts_at),
                    "minutes": int((interview.ends_at - interview.starts_at).total_seconds() // 60),
                    "place": interview.place,
                    "interviewers": list(interview.interviewers.all()),
                }
            )

    def add_conflict_field(self) -> None:
        """Offered once the booking has been refused for overlapping others."""
        self.fields["accept_conflicts"] = forms.BooleanField(
            label=gettext_lazy("Book even so, despite the overlaps above"), required=False
        )

    def accept_conflicts(self) -> bool:
        return bool(self.cleaned_data.get("accept_conflicts"))


class ScorecardForm(forms.Form):
    def __init__(
        self, *args: Any, interview: Interview, scorecard: Scorecard | None, **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        current = (
            {r.competency_id: (r.rating, r.evidence) for r in scorecard.ratings.all()}
            if scorecard
            else {}
        )
        self.competencies = profile_competencies(interview.application.call)
        for competency in self.competencies:
            rating, evidence = current.get(competency.pk, (None, ""))
            self.fields[f"rating_{competency.pk}"] = forms.TypedChoiceField(
                label=competency.name,
                choices=RATINGS,
                coerce=int,
                widget=forms.RadioSelect,
                initial=str(rating) if rating else None,
                help_text=competency.description,
            )
            self.fields[f"evidence_{competency.pk}"] = forms.CharField(
                label=_("Evidence for %(name)s") % {"name": competency.name},
                required=False,
                initial=evidence,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("What the applicant said or did that supports the rating."),
            )

    def ratings(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (self.cleaned_data[f"rating_{c.pk}"], self.cleaned_data[f"evidence_{c.pk}"])
            for c in self.competencies
        }
