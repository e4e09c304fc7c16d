"""Interview slots: the coordinator publishes slots and invites applicants; an invited
applicant books (or rebooks) a slot themself."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from plantskola.access.admissions import slot_booking_application
from plantskola.access.base import get_visible_or_404
from plantskola.admissions import slots
from plantskola.admissions.models import Application, Call, InterviewSlot
from plantskola.admissions.views_interviews import _managed_call
from plantskola.core.models import Person

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class SlotsForm(forms.Form):
    first_start = forms.DateTimeField(
        label=gettext_lazy("First interview starts"), widget=_DATETIME
    )
    count = forms.IntegerField(label=gettext_lazy("Number of slots"), initial=6, min_value=1)
    minutes = forms.IntegerField(label=gettext_lazy("Length in minutes"), initial=60)
    pause = forms.IntegerField(
        label=gettext_lazy("Pause between interviews (minutes)"), initial=15, min_value=0
    )
    place = forms.CharField(label=gettext_lazy("Place"), max_length=200)
    interviewers = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Interviewers"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("A manager recruiter and someone from HR."),
    )
    bookable_until = forms.DateTimeField(
        label=gettext_lazy("Applicants can book until"), widget=_DATETIME
    )

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["interviewers"].queryset = (  # type: ignore[attr-defined]
            Person.objects.filter(
                organisation=call.edition.programme.organisation,
                user__isnull=False,
                is_active=True,
            ).order_by("last_name", "first_name")
        )


@login_required
@require_http_methods(["GET", "POST"])
def interview_slots(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = _managed_call(request, call_pk)
    form = SlotsForm(request.POST or None, call=call)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            published = slots.slots_publish(
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
            return redirect("interview_slots", call_pk=call.pk)
    context = {
        "call": call,
        "form": form,
        "slots": InterviewSlot.objects.filter(call=call)
        .select_related("application__applicant")
        .prefetch_related("interviewers"),
        "applications": Application.objects.filter(
            call=call, status=Application.Status.SUBMITTED, weeded_at__isnull=True
        ).select_related("applicant", "slot"),
    }
    return render(
        request, "admissions/interview_slots.html", context, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["POST"])
def slots_invite(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = _managed_call(request, call_pk)
    ids = [int(v) for v in request.POST.getlist("application") if v.isdigit()]
    chosen = list(Application.objects.filter(call=call, pk__in=ids).select_related("applicant"))
    try:
        if len(chosen) != len(set(ids)):
            raise ValidationError(_("Only submitted applications to this call can be invited."))
        count = slots.slots_invite(call=call, applications=chosen)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(n)s applicants were invited to book a time.") % {"n": count})
    return redirect("interview_slots", call_pk=call.pk)


@login_required
@require_http_methods(["POST"])
def slot_delete(request: HttpRequest, pk: int) -> HttpResponse:
    slot = get_visible_or_404(InterviewSlot.objects.select_related("call"), pk=pk)
    call = _managed_call(request, slot.call_id)
    try:
        slots.slot_delete(slot=slot)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The slot was removed."))
    return redirect("interview_slots", call_pk=call.pk)


@login_required
@require_http_methods(["GET", "POST"])
def slot_booking(request: HttpRequest, call_pk: int) -> HttpResponse:
    """The invited applicant's page: free slots, their own booking, book or rebook."""
    call = get_visible_or_404(Call.objects.select_related("edition__programme"), pk=call_pk)
    application = slot_booking_application(request.user, call)
    if application is None:
        raise Http404
    error = None
    if request.method == "POST":
        raw = request.POST.get("slot", "")
        slot = (
            InterviewSlot.objects.filter(call=call, pk=int(raw)).first() if raw.isdigit() else None
        )
        try:
            if slot is None:
                raise ValidationError(_("Choose one of the free times."))
            slots.slot_book(application=application, slot=slot)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request, _("Your interview is booked. A calendar invitation is on its way.")
            )
            return redirect("slot_booking", call_pk=call.pk)
    mine = InterviewSlot.objects.filter(application=application).first()
    context = {
        "call": call,
        "mine": mine,
        "free": InterviewSlot.objects.filter(
            call=call, application__isnull=True, bookable_until__gt=timezone.now()
        ).order_by("starts_at"),
        "error": error,
    }
    return render(request, "admissions/slot_booking.html", context, status=400 if error else 200)
