"""The decision pages: confirming the latest selection run, and the decision with its
amendments (each with a reason)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from plantskola.access.admissions import application_get_for_user, call_get_for_user
from plantskola.access.base import Action
from plantskola.admissions.decision import services
from plantskola.admissions.decision.forms import AmendmentForm, ReservesForm
from plantskola.admissions.decision.selectors import (
    decided_applications,
    decision_amendments,
    decision_plan,
    declined_places,
)
from plantskola.admissions.selection.selectors import latest_run
from plantskola.admissions.selectors import call_decision


@login_required
@require_http_methods(["GET", "POST"])
def decision_confirm(request: HttpRequest, call_pk: int) -> HttpResponse:
    """A summary of what the decision does (admitted, reserves, not admitted; how many
    e-mails), with the reserve-list size; nothing is sent until the coordinator confirms."""
    call = call_get_for_user(request.user, call_pk)
    run = latest_run(call)
    if run is None:
        messages.error(request, _("Run the selection before deciding."))
        return redirect("admissions:selection", call_pk=call.pk)
    confirming = request.method == "POST" and "confirm" in request.POST
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = ReservesForm(data, initial={"reserves": call.reserve_list_size})
    reserves = form.cleaned_data["reserves"] if form.is_valid() else call.reserve_list_size
    if confirming and form.is_valid():
        try:
            services.decision_confirm(
                call=call,
                run=run,
                user=request.user,  # type: ignore[arg-type]  # login_required: a User
                reserves=reserves,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _(
                    "The decision was made: the admitted are participants and everyone gets an "
                    "e-mail."
                ),
            )
        return redirect("admissions:selection", call_pk=call.pk)
    context = {
        "call": call,
        "plan": decision_plan(call=call, run=run, reserves=reserves),
        "form": form,
        "decided": call_decision(call) is not None,
    }
    status = 400 if form.errors else 200
    return render(request, "admissions/decision_confirm.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def decision_detail(request: HttpRequest, call_pk: int) -> HttpResponse:
    """The decision: every applicant's outcome, the amendments with their reasons, and the
    form to amend one outcome (with a reason)."""
    call = call_get_for_user(request.user, call_pk)
    decision = call_decision(call)
    if decision is None:
        messages.error(request, _("There is no decision yet."))
        return redirect("admissions:selection", call_pk=call.pk)
    form = AmendmentForm(request.POST or None, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_amend(
                call=call,
                application=form.cleaned_data["application"],
                to_outcome=form.cleaned_data["to_outcome"],
                reason=form.cleaned_data["reason"],
                user=request.user,  # type: ignore[arg-type]  # login_required: a User
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("The decision was amended and the applicant gets an e-mail.")
            )
            return redirect("admissions:decision_detail", call_pk=call.pk)
    context = {
        "call": call,
        "decision": decision,
        "declined_places": declined_places(call),
        "first_reserve": services.first_reserve(call),
        "applications": decided_applications(call),
        "amendments": decision_amendments(decision),
        "form": form,
    }
    return render(request, "admissions/decision.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def place_offer(request: HttpRequest, pk: int) -> HttpResponse:
    """Offer a declined place to the first reserve (the coordinator confirms on the decision
    page, which names who that is)."""
    declined = application_get_for_user(request.user, pk, action=Action.MANAGE)
    call = declined.call
    try:
        reserve = services.place_offer_to_reserve(
            call=call,
            declined=declined,
            user=request.user,  # type: ignore[arg-type]  # login_required: a User
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(name)s is admitted to the declined place and gets an e-mail.")
            % {"name": reserve.applicant_name},
        )
    return redirect("admissions:decision_detail", call_pk=call.pk)
