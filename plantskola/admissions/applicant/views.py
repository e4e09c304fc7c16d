"""The applicant's own page: the timeline of one application, what they submitted, the
interview as a calendar file, and the answer to an offered place."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plantskola.access.admissions import own_application_get_for_user
from plantskola.admissions.applicant import services
from plantskola.admissions.applicant.ics import interview_ics
from plantskola.admissions.applicant.selectors import application_timeline, can_answer_place
from plantskola.admissions.models import Interview


@login_required
def own_application(request: HttpRequest, pk: int) -> HttpResponse:
    application = own_application_get_for_user(request.user, pk)
    context = {
        "application": application,
        "timeline": application_timeline(application),
        "answers": application.answers.select_related("question").order_by("question__order"),
        "interview": Interview.objects.filter(application=application).first(),
        "can_answer": can_answer_place(application),
    }
    return render(request, "admissions/own_application.html", context)


@login_required
def own_interview_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """The applicant's interview as a calendar file to add to their own calendar."""
    application = own_application_get_for_user(request.user, pk)
    interview = Interview.objects.filter(application=application).first()
    if interview is None:
        raise Http404
    response = HttpResponse(interview_ics(interview), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="intervju.ics"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def place_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or decline the offered place, after a confirmation that says what it means."""
    application = own_application_get_for_user(request.user, pk)
    answer = request.POST.get("answer") or request.GET.get("answer")
    if answer not in {"accept", "decline"}:
        messages.error(request, _("Choose whether you accept or decline the place."))
        return redirect("admissions:own_application", pk=application.pk)
    if request.method == "POST":
        try:
            services.place_answer(application=application, accept=answer == "accept")
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Thank you: you have accepted the place.")
                if answer == "accept"
                else _("You have declined the place; the coordinator offers it to a reserve."),
            )
        return redirect("admissions:own_application", pk=application.pk)
    if not can_answer_place(application):
        messages.error(
            request, _("Only an admitted applicant can answer the offer, and only once.")
        )
        return redirect("admissions:own_application", pk=application.pk)
    context = {"application": application, "answer": answer}
    return render(request, "admissions/place_answer.html", context)
