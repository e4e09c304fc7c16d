"""Forms of the manager posts: the post, an applicant, the outcome and the scorecard (with
the admissions' 1–5 scale and the competencies' anchors at 1 and 5)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.admissions.interviews.forms import RATINGS
from plantskola.competencies.models import Competency, RequirementProfile
from plantskola.core.models import Organisation, OrgUnit, Person
from plantskola.insights.models import ManagerPost, PostApplicant, PostScorecard

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UnitChoiceField(forms.ModelChoiceField[OrgUnit]):
    """Units indented by depth, so that the tree reads as a tree."""

    def label_from_instance(self, obj: OrgUnit) -> str:
        return "\u2003" * max(0, obj.depth) + obj.name


class ManagerPostForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title of the post"), max_length=200)
    unit = UnitChoiceField(label=gettext_lazy("Unit"), queryset=OrgUnit.objects.none())
    opened_on = forms.DateField(label=gettext_lazy("Advertised from"), widget=DATE)
    closed_on = forms.DateField(
        label=gettext_lazy("Closed"),
        widget=DATE,
        required=False,
        help_text=gettext_lazy(
            "The day the recruitment ended. External applicants' data is weeded counted from it."
        ),
    )
    advertised_internally = forms.BooleanField(
        label=gettext_lazy("Advertised internally"), required=False, initial=True
    )
    advertised_externally = forms.BooleanField(
        label=gettext_lazy("Advertised externally"), required=False, initial=True
    )
    requirement_profile = forms.ModelChoiceField(
        label=gettext_lazy("Requirement profile"),
        queryset=RequirementProfile.objects.none(),
        required=False,
        empty_label=gettext_lazy("No profile"),
        help_text=gettext_lazy("The interview scorecards rate its competencies."),
    )

    def __init__(
        self,
        *args: Any,
        organisation: Organisation,
        post: ManagerPost | None = None,
        **kwargs: Any,
    ) -> None:
        if post is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": post.title,
                    "unit": post.unit_id,
                    "opened_on": post.opened_on,
                    "closed_on": post.closed_on,
                    "advertised_internally": post.advertised_internally,
                    "advertised_externally": post.advertised_externally,
                    "requirement_profile": post.requirement_profile_id,
                },
            )
        super().__init__(*args, **kwargs)
        cast(UnitChoiceField, self.fields["unit"]).queryset = OrgUnit.objects.filter(
            organisation=organisation
        ).order_by("path", "name")
        cast(
            forms.ModelChoiceField[RequirementProfile], self.fields["requirement_profile"]
        ).queryset = RequirementProfile.objects.filter(organisation=organisation)


class ApplicantForm(forms.Form):
    """An applicant: internal by employee number, or external by name, gender and birth year
    as the recruitment system has them."""

    employee_number = forms.CharField(
        label=gettext_lazy("Employee number (internal applicant)"),
        max_length=40,
        required=False,
        help_text=gettext_lazy(
            "For an internal applicant: gender and age are taken from the roster."
        ),
    )
    name = forms.CharField(
        label=gettext_lazy("Name (external applicant)"), max_length=200, required=False
    )
    gender = forms.ChoiceField(
        label=gettext_lazy("Gender (self-reported, external applicant)"),
        choices=Person.Gender.choices,
        required=False,
    )
    birth_year = forms.IntegerField(
        label=gettext_lazy("Birth year (external applicant)"),
        required=False,
        min_value=1900,
        max_value=2100,
    )
    applied_on = forms.DateField(label=gettext_lazy("Application date"), widget=DATE)
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"), choices=PostApplicant.Outcome.choices, required=False
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.person: Person | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        number = (data.get("employee_number") or "").strip()
        name = (data.get("name") or "").strip()
        if number and (name or data.get("birth_year") or data.get("gender")):
            raise forms.ValidationError(
                _(
                    "Give either an employee number (internal applicant) or a name, gender and "
                    "birth year (external applicant), not both."
                ),
                code="both",
            )
        if not number and not name:
            raise forms.ValidationError(
                _(
                    "Give the employee number of an internal applicant or the name of an "
                    "external one."
                ),
                code="neither",
            )
        if number:
            self.person = Person.objects.filter(
                organisation=self.organisation, employee_number=number
            ).first()
            if self.person is None:
                self.add_error(
                    "employee_number",
                    forms.ValidationError(
                        _("Nobody in %(organisation)s has employee number %(number)s."),
                        params={"organisation": self.organisation.name, "number": number},
                        code="unknown_person",
                    ),
                )
        return data


class ApplicantChangeForm(forms.Form):
    """The date and the outcome; an external applicant's details until they are weeded."""

    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    gender = forms.ChoiceField(
        label=gettext_lazy("Gender (self-reported)"), choices=Person.Gender.choices, required=False
    )
    birth_year = forms.IntegerField(
        label=gettext_lazy("Birth year"), required=False, min_value=1900, max_value=2100
    )
    applied_on = forms.DateField(label=gettext_lazy("Application date"), widget=DATE)
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"), choices=PostApplicant.Outcome.choices, required=False
    )

    def __init__(self, *args: Any, applicant: PostApplicant, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "name": applicant.name,
                "gender": applicant.gender,
                "birth_year": applicant.birth_year,
                "applied_on": applicant.applied_on,
                "outcome": applicant.outcome,
            },
        )
        super().__init__(*args, **kwargs)
        if applicant.internal or applicant.weeded_at is not None:
            for name in ("name", "gender", "birth_year"):
                del self.fields[name]


class PostScorecardForm(forms.Form):
    """One rating 1–5 per competency of the post's requirement profile, with the evidence (the
    scale and its anchors as in the admissions' scorecards and references)."""

    def __init__(
        self,
        *args: Any,
        competencies: list[Competency],
        scorecard: PostScorecard | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        current = (
            {r.competency_id: (r.rating, r.evidence) for r in scorecard.ratings.all()}
            if scorecard
            else {}
        )
        self.competencies = competencies
        for competency in competencies:
            rating, evidence = current.get(competency.pk, (None, ""))
            field = forms.TypedChoiceField(
                label=competency.name,
                choices=RATINGS,
                coerce=int,
                widget=forms.RadioSelect,
                initial=str(rating) if rating else None,
                help_text=competency.description,
                error_messages={"required": _("Rate %(name)s.") % {"name": competency.name}},
            )
            # The scale's anchors, shown at the 1 and the 5 (the template reads them).
            field.anchor_low = competency.scale_low  # type: ignore[attr-defined]
            field.anchor_high = competency.scale_high  # type: ignore[attr-defined]
            self.fields[f"rating_{competency.pk}"] = field
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


class PeriodForm(forms.Form):
    """The period (and administration) of the statistics computed from recorded posts."""

    date_from = forms.DateField(label=gettext_lazy("From"), widget=DATE, required=False)
    date_to = forms.DateField(label=gettext_lazy("To"), widget=DATE, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            raise forms.ValidationError(
                _("The end of the period is before its start."), code="backwards"
            )
        return data
