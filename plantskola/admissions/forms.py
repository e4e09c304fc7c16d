from __future__ import annotations

from typing import Any, TypeVar, cast

from django import forms
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plantskola.admissions.models import Application, Call, Reference
from plantskola.admissions.selectors import managers_for
from plantskola.competencies.models import RequirementProfile
from plantskola.core.models import Organisation, OrgUnit, Person
from plantskola.core.widgets import Combobox, SearchChoiceField, SearchMultipleChoiceField
from plantskola.programmes.models import Edition

M = TypeVar("M", bound=Model)

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def set_queryset(form: forms.BaseForm, name: str, queryset: QuerySet[M]) -> None:
    """Narrow a model choice field's choices for this form (the class offers none)."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a model choice field")
    field.queryset = queryset


class CallForm(forms.Form):
    title = forms.CharField(label=_("Heading"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Shown on the call's page: what, for whom, why."),
    )
    opens_at = forms.DateTimeField(label=_("Opens"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Last day to apply"), widget=DATETIME)
    reference_deadline = forms.DateField(label=_("Last day for references"), widget=DATE)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Who may apply: organisations"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    units = SearchMultipleChoiceField(
        OrgUnit.objects.none(),
        source="units",
        label=_("Only these units (with their sub-units)"),
        required=False,
        help_text=_("Leave empty for the whole of the chosen organisations."),
    )
    non_managers_only = forms.BooleanField(
        label=_("Only employees who are not managers"), required=False, initial=True
    )
    requirement_profile = forms.ModelChoiceField(
        label=_("Requirement profile"),
        queryset=RequirementProfile.objects.none(),
        required=False,
        help_text=_("Managers' references and interviews assess its competencies."),
    )
    questions = forms.CharField(
        label=_("Questions to the applicants"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One question per line."),
    )

    def __init__(self, *args: Any, edition: Edition, call: Call | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        org_ids = [
            edition.programme.organisation_id,
            *edition.partners.values_list("pk", flat=True),
        ]
        set_queryset(self, "organisations", Organisation.objects.filter(pk__in=org_ids))
        set_queryset(
            self,
            "units",
            OrgUnit.objects.filter(organisation_id__in=org_ids).order_by(
                "organisation__name", "path"
            ),
        )
        set_queryset(
            self,
            "requirement_profile",
            RequirementProfile.objects.filter(organisation_id__in=org_ids),
        )
        if call is not None:
            self.initial.update(
                {
                    "title": call.title,
                    "description": call.description,
                    "opens_at": timezone.localtime(call.opens_at),
                    "closes_at": timezone.localtime(call.closes_at),
                    "reference_deadline": call.reference_deadline,
                    "organisations": list(call.organisations.all()),
                    "units": list(call.units.all()),
                    "non_managers_only": call.non_managers_only,
                    "requirement_profile": call.requirement_profile,
                    "questions": "\n".join(q.text for q in call.questions.all()),
                }
            )
        else:
            self.initial.setdefault("organisations", [edition.programme.organisation_id])
            self.initial.setdefault("title", edition.name)

    def clean_questions(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["questions"].splitlines()]
        questions = [line for line in lines if line]
        if not questions:
            raise forms.ValidationError(_("Write at least one question."))
        if any(len(q) > 500 for q in questions):
            raise forms.ValidationError(_("A question can be at most 500 characters."))
        return questions


class ApplicationForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why do you apply?"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    manager = SearchChoiceField(
        Person.objects.none(),
        source="managers",
        label=_("Your closest manager"),
        required=False,
        help_text=_(
            "From the staff roster. Correct it if it is wrong; they will be asked for a reference."
        ),
    )

    def __init__(
        self,
        *args: Any,
        call: Call,
        applicant: Person,
        application: Application | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "manager", managers_for(applicant))
        answers = {a.question_id: a.text for a in application.answers.all()} if application else {}
        self.question_fields: list[str] = []
        for question in call.questions.all():
            name = f"question_{question.pk}"
            self.fields[name] = forms.CharField(
                label=question.text,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=answers.get(question.pk, ""),
            )
            self.question_fields.append(name)
        self.initial.setdefault("motivation", application.motivation if application else "")
        self.initial.setdefault(
            "manager", application.manager_id if application else applicant.manager_id
        )

    def answers(self) -> dict[int, str]:
        return {int(n.split("_")[1]): self.cleaned_data[n] for n in self.question_fields}


RATINGS = [(str(i), str(i)) for i in range(1, 6)]


class ReferenceForm(forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Your recommendation"),
        choices=Reference.Recommendation.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )

    def __init__(self, *args: Any, reference: Reference, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        profile = reference.application.call.requirement_profile
        self.rating_fields: list[tuple[str, int]] = []
        if profile is not None:
            for requirement in profile.requirements.select_related("competency"):
                competency = requirement.competency
                name = f"competency_{competency.pk}"
                field = forms.TypedChoiceField(
                    label=competency.name,
                    choices=RATINGS,
                    coerce=int,
                    widget=forms.RadioSelect,
                    help_text=competency.description,
                    error_messages={"required": _("Rate %(name)s.") % {"name": competency.name}},
                )
                # The scale's anchors, shown at the 1 and the 5 (the template reads them).
                field.anchor_low = competency.scale_low  # type: ignore[attr-defined]
                field.anchor_high = competency.scale_high  # type: ignore[attr-defined]
                self.fields[name] = field
                self.rating_fields.append((name, competency.pk))
        self.fields["recommendation"].error_messages["required"] = _("Choose a recommendation.")
        # Assess each competency first, then give the overall recommendation.
        self.order_fields([name for name, _pk in self.rating_fields] + ["recommendation"])

    def ratings(self) -> dict[int, int]:
        return {pk: self.cleaned_data[name] for name, pk in self.rating_fields}


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you decline"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say briefly why you decline.")},
        help_text=_(
            'For example: "I have been their manager for two weeks; ask their previous '
            'manager". The coordinator reads this; the applicant does not.'
        ),
    )


class AskAnotherManagerForm(forms.Form):
    manager = SearchChoiceField(
        Person.objects.none(),
        source="people",
        label=_("Manager to ask"),
        error_messages={"required": _("Choose the manager to ask.")},
        help_text=_("They get a personal link by e-mail; the earlier request stops working."),
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        applicant = application.applicant
        managers = managers_for(applicant) if applicant else Person.objects.none()
        set_queryset(self, "manager", managers.select_related("unit"))
        if applicant is not None:
            cast(Combobox, self.fields["manager"].widget).params = {
                "managers": "1",
                "organisation": str(applicant.organisation_id),
            }
