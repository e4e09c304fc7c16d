"""Interview slots: the coordinator publishes slots and invites applicants; an invited
applicant books (or rebooks) a slot themself."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plantskola.access.admissions import (
    booking_application_get_for_user,
    call_get_for_user,
    slot_get_for_user,
)
from plantskola.admissions.slots import services
from plantskola.admissions.slots.forms import SlotsForm
from plantskola.admissions.slots.selectors import (
    booked_slot,
    call_slot,
    call_slots,
    chosen_applications,
    free_slots,
    invitable_applications,
)


@login_required
@require_http_methods(["GET", "POST"])
def interview_slots(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = call_get_for_user(request.user, call_pk)
    form = SlotsForm(request.POST or None, call=call)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            published = services.slots_publish(
                call=call,
                first_start=data["first_start"],
                count=data["count"],
                minutes=data["minutes"],
                pause=data["pause"],
                place=data["place"],
                interviewers=list(data["interviewers"]),
                bookable_until=data["bookable_until"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("%(n)s interview slots were published.") % {"n": len(published)}
            )
            return redirect("admissions:interview_slots", call_pk=call.pk)
    context = {
        "call": call,
        "form": form,
        "slots": call_slots(call),
        "applications": invitable_applications(call),
    }
    return render(
        request, "admissions/interview_slots.html", context, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["POST"])
def slots_invite(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = call_get_for_user(request.user, call_pk)
    ids = [int(v) for v in request.POST.getlist("application") if v.isdigit()]
    chosen = chosen_applications(call=call, ids=ids)
    try:
        if len(chosen) != len(set(ids)):
            raise ValidationError(_("Only submitted applications to this call can be invited."))
        count = services.slots_invite(call=call, applications=chosen)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(n)s applicants were invited to book a time.") % {"n": count})
    return redirect("admissions:interview_slots", call_pk=call.pk)


@login_required
@require_http_methods(["POST"])
def slot_delete(request: HttpRequest, pk: int) -> HttpResponse:
    slot = slot_get_for_user(request.user, pk)
    try:
        services.slot_delete(slot=slot)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The slot was removed."))
    return redirect("admissions:interview_slots", call_pk=slot.call_id)


@login_required
@require_http_methods(["GET", "POST"])
def slot_booking(request: HttpRequest, call_pk: int) -> HttpResponse:
    """The invited applicant's page: free slots, their own booking, book or rebook."""
    application = booking_application_get_for_user(request.user, call_pk)
    call = application.call
    error = None
    if request.method == "POST":
        raw = request.POST.get("slot", "")
        slot = call_slot(call=call, pk=int(raw)) if raw.isdigit() else None
        try:
            if slot is None:
                raise ValidationError(_("Choose one of the free times."))
            services.slot_book(application=application, slot=slot)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request, _("Your interview is booked. A calendar invitation is on its way.")
            )
            return redirect("admissions:slot_booking", call_pk=call.pk)
    context = {
        "call": call,
        "mine": booked_slot(application),
        "free": free_slots(call, application),
        "error": error,
    }
    return render(request, "admissions/slot_booking.html", context, status=400 if error else 200)
