"""Reads of interview slots: the call's slots, whom to invite, the times free to book."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from plantskola.admissions.interviews.selectors import slot_is_taken
from plantskola.admissions.models import Application, Call, InterviewSlot


def call_slots(call: Call) -> QuerySet[InterviewSlot]:
    return (
        InterviewSlot.objects.filter(call=call)
        .select_related("application__applicant")
        .prefetch_related("interviewers")
    )


def invitable_applications(call: Call) -> QuerySet[Application]:
    """The call's submitted applications that are not weeded: those one can invite."""
    return Application.objects.filter(
        call=call, status=Application.Status.SUBMITTED, weeded_at__isnull=True
    ).select_related("applicant", "slot")


def chosen_applications(*, call: Call, ids: list[int]) -> list[Application]:
    """The call's applications among `ids` (any other id is simply not found)."""
    return list(Application.objects.filter(call=call, pk__in=ids).select_related("applicant"))


def call_slot(*, call: Call, pk: int) -> InterviewSlot | None:
    return InterviewSlot.objects.filter(call=call, pk=pk).first()


def booked_slot(application: Application) -> InterviewSlot | None:
    return InterviewSlot.objects.filter(application=application).first()


def free_slots(call: Call, application: Application | None = None) -> list[InterviewSlot]:
    """The slots no one has booked whose booking is still open, first first, without those an
    interview booked by hand overlaps (same interviewer or room); for an applicant, also
    without the slots their closest manager interviews in."""
    slots = InterviewSlot.objects.filter(
        call=call, application__isnull=True, bookable_until__gt=timezone.now()
    )
    if application is not None:
        managers = {application.manager_id}
        if application.applicant is not None:
            managers.add(application.applicant.manager_id)
        slots = slots.exclude(interviewers__in=[m for m in managers if m is not None])
    slots = slots.prefetch_related("interviewers").order_by("starts_at")
    return [slot for slot in slots if not slot_is_taken(slot)]
