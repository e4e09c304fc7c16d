"""Interview pages: booking (coordinator), scorecards (interviewer), calibration (coordinator)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plantskola.access.admissions import (
    application_get_for_user,
    call_get_for_user,
    interview_get_for_user,
    interviews_for_user,
)
from plantskola.access.base import Action
from plantskola.access.core import own_person
from plantskola.admissions.interviews import services
from plantskola.admissions.interviews.forms import InterviewForm, ScorecardForm
from plantskola.admissions.interviews.selectors import (
    CALIBRATION_SPREAD,
    interview_calls,
    interviewed_applications,
    scorecard_of,
    split_by_time,
)
from plantskola.admissions.interviews.selectors import (
    calibration as calibration_rows,
)
from plantskola.core.audit.services import audit_read_many
from plantskola.core.pages import form_page


@login_required
def interview_list(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = call_get_for_user(request.user, call_pk)
    context = {"call": call, "applications": interviewed_applications(call)}
    return render(request, "admissions/interview_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def interview_book(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_get_for_user(request.user, pk, action=Action.MANAGE)
    form = InterviewForm(request.POST or None, application=application)
    if request.method == "POST" and form.is_valid():
        try:
            services.interview_book(
                application=application,
                starts_at=form.cleaned_data["starts_at"],
                minutes=form.cleaned_data["minutes"],
                place=form.cleaned_data["place"],
                interviewers=list(form.cleaned_data["interviewers"]),
                accept_conflicts=form.accept_conflicts(),
            )
        except services.BookingConflict as exc:
            form.add_conflict_field()
            for message in exc.messages:
                form.add_error(None, message)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The interview was booked and invitations were sent."))
            return redirect("admissions:interview_list", call_pk=application.call_id)
    back = reverse("admissions:interview_list", args=[application.call_id])
    return form_page(
        request,
        form,
        title=_("Interview with %(name)s") % {"name": application.applicant_name},
        cancel_url=back,
        crumbs=[(back, _("Interviews")), (None, application.applicant_name)],
    )


@login_required
def my_interviews(request: HttpRequest) -> HttpResponse:
    """The user's interviews, upcoming first (soonest on top), then the past ones (latest on
    top), optionally of one call."""
    mine = interviews_for_user(request.user)
    calls = interview_calls(mine)
    raw = request.GET.get("call", "")
    chosen = next((c for c in calls if str(c.pk) == raw), None)
    upcoming, past = split_by_time(mine.filter(application__call=chosen) if chosen else mine)
    context = {"upcoming": upcoming, "past": past, "calls": calls, "chosen": chosen}
    return render(request, "admissions/my_interviews.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def scorecard_edit(request: HttpRequest, pk: int) -> HttpResponse:
    interview = interview_get_for_user(request.user, pk)
    me = own_person(request.user)
    if me is None:  # interviews_for_user is empty without a person: never here
        raise Http404
    scorecard = scorecard_of(interview=interview, interviewer=me)
    form = ScorecardForm(request.POST or None, interview=interview, scorecard=scorecard)
    if request.method == "POST" and form.is_valid():
        try:
            services.scorecard_save(interview=interview, interviewer=me, ratings=form.ratings())
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Your scorecard was saved."))
            return redirect("admissions:my_interviews")
    context = {"interview": interview, "application": interview.application, "form": form}
    return render(
        request, "admissions/scorecard_form.html", context, status=400 if form.errors else 200
    )


@login_required
def calibration(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = call_get_for_user(request.user, call_pk)
    competencies, rows = calibration_rows(call=call)
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
        "spread": CALIBRATION_SPREAD,
    }
    return render(request, "admissions/calibration.html", context)
