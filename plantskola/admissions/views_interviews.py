"""Interview pages: booking (coordinator), scorecards (interviewer), calibration (coordinator)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from plantskola.access.admissions import (
    application_can_view,
    call_can_manage,
    calls_for_user,
    interviews_for_user,
)
from plantskola.access.base import get_visible_or_404
from plantskola.access.principal import principal
from plantskola.admissions import interviews
from plantskola.admissions.models import Application, Interview, Scorecard
from plantskola.core.audit.services import audit_read_many
from plantskola.core.models import Person

RATINGS = [(str(i), str(i)) for i in range(1, 6)]


class InterviewForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=gettext_lazy("Starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    minutes = forms.IntegerField(label=gettext_lazy("Length in minutes"), initial=60)
    place = forms.CharField(label=gettext_lazy("Place"), max_length=200)
    interviewers = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Interviewers"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("A manager recruiter and someone from HR."),
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        host = application.call.edition.programme.organisation
        self.fields["interviewers"].queryset = (  # type: ignore[attr-defined]
            Person.objects.filter(organisation=host, user__isnull=False, is_active=True)
            .exclude(pk=application.applicant_id or 0)
            .order_by("last_name", "first_name")
        )
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


class ScorecardForm(forms.Form):
    def __init__(self, *args: Any, interview: Interview, scorecard: Scorecard | None, **kw: Any):
        super().__init__(*args, **kw)
        current = (
            {r.competency_id: (r.rating, r.evidence) for r in scorecard.ratings.all()}
            if scorecard
            else {}
        )
        self.competencies = interviews.profile_competencies(interview.application.call)
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


def _managed_call(request: HttpRequest, call_pk: int) -> Any:
    """The call, for its coordinators: 404 if not visible, 403 for partner staff."""
    call = get_visible_or_404(calls_for_user(request.user), pk=call_pk)
    if not call_can_manage(request.user, call):
        raise PermissionDenied
    return call


@login_required
def interview_list(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = _managed_call(request, call_pk)
    applications = (
        Application.objects.filter(call=call, status=Application.Status.SUBMITTED)
        .select_related("applicant__unit", "interview")
        .prefetch_related("interview__interviewers", "interview__scorecards")
    )
    return render(
        request, "admissions/interview_list.html", {"call": call, "applications": applications}
    )


@login_required
@require_http_methods(["GET", "POST"])
def interview_book(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_visible_or_404(
        Application.objects.select_related("call__edition__programme__organisation", "applicant"),
        pk=pk,
    )
    if not application_can_view(request.user, application):
        raise Http404  # the same answer as for a missing application
    call = _managed_call(request, application.call_id)
    form = InterviewForm(request.POST or None, application=application)
    if request.method == "POST" and form.is_valid():
        try:
            interviews.interview_book(
                application=application,
                starts_at=form.cleaned_data["starts_at"],
                minutes=form.cleaned_data["minutes"],
                place=form.cleaned_data["place"],
                interviewers=list(form.cleaned_data["interviewers"]),
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The interview was booked and invitations were sent."))
            return redirect("interview_list", call_pk=call.pk)
    back = reverse("interview_list", args=[call.pk])
    context = {
        "form": form,
        "title": _("Interview with %(name)s") % {"name": application.applicant_name},
        "cancel_url": back,
        "crumbs": [(back, _("Interviews")), (None, application.applicant_name)],
    }
    return render(request, "form_page.html", context, status=400 if form.errors else 200)


@login_required
def my_interviews(request: HttpRequest) -> HttpResponse:
    items = interviews_for_user(request.user).select_related(
        "application__applicant", "application__call"
    )
    return render(request, "admissions/my_interviews.html", {"interviews": items})


@login_required
@require_http_methods(["GET", "POST"])
def scorecard_edit(request: HttpRequest, pk: int) -> HttpResponse:
    interview = get_visible_or_404(
        interviews_for_user(request.user).select_related(
            "application__applicant", "application__call__requirement_profile"
        ),
        pk=pk,
    )
    # interviews_for_user is empty without a person, so the person exists here.
    me = Person.objects.get(pk=principal(request.user).person_id or 0)
    scorecard = Scorecard.objects.filter(interview=interview, interviewer=me).first()
    form = ScorecardForm(request.POST or None, interview=interview, scorecard=scorecard)
    if request.method == "POST" and form.is_valid():
        try:
            interviews.scorecard_save(interview=interview, interviewer=me, ratings=form.ratings())
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Your scorecard was saved."))
            return redirect("my_interviews")
    context = {"interview": interview, "application": interview.application, "form": form}
    return render(
        request, "admissions/scorecard_form.html", context, status=400 if form.errors else 200
    )


@login_required
def calibration(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = _managed_call(request, call_pk)
    competencies, rows = interviews.calibration(call=call)
    audit_read_many(
        "admissions.application",
        [(row.application.pk, row.application.applicant_id) for row in rows],
        organisation_id=call.edition.programme.organisation_id,
        note="scorecards in the calibration view",
    )
    context = {
        "call": call,
        "rows": [
            (row, [(c, row.ratings[c.pk], c.pk in row.flagged) for c in competencies])
            for row in rows
        ],
        "spread": interviews.CALIBRATION_SPREAD,
    }
    return render(request, "admissions/calibration.html", context)
