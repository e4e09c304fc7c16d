"""Interview slots for self-booking: the coordinator publishes slots (time, place,
interviewers) and invites applicants; an invited applicant books one slot themself, first
come first served, and can rebook until the slot's cut-off. Booking creates or moves the
applicant's interview with `interviews.services.interview_book`, which sends the .ics
invitations."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.admissions.interviews.services import BookingConflict, interview_book
from plantskola.admissions.models import Application, Call, Interview, InterviewSlot
from plantskola.admissions.pool.selectors import interviewer_conflicts
from plantskola.admissions.services import ensure_undecided
from plantskola.core.mail.services import email_queue, register_template
from plantskola.core.models import Person

MAX_SLOTS = 60

register_template(
    "interview_slot_invitation",
    description=gettext_lazy("Invitation to book an interview time"),
    subject="Boka tid för intervju – {{ call }}",
    body=(
        "Hej {{ name }}!\n\nDu är inbjuden till en kompetensbaserad intervju för {{ call }}. "
        "Välj själv en av de lediga tiderna – först till kvarn – senast {{ until }}:\n\n"
        "{{ link }}\n\nDu loggar in som vanligt. Du kan byta tid fram till att bokningen "
        "stänger.\n\nMed vänliga hälsningar\n{{ organisation }}\n"
    ),
)


def _check_interviewers(interviewers: list[Person], call: Call) -> None:
    if not interviewers:
        raise ValidationError(_("Choose at least one interviewer."))
    if any(p.user_id is None for p in interviewers):
        raise ValidationError(_("Every interviewer needs a login to fill in a scorecard."))
    conflicts = interviewer_conflicts(call=call, people=interviewers)
    if conflicts:
        raise ValidationError(conflicts)


@transaction.atomic
def slots_publish(
    *,
    call: Call,
    first_start: dt.datetime,
    count: int,
    minutes: int,
    pause: int,
    place: str,
    interviewers: list[Person],
    bookable_until: dt.datetime,
) -> list[InterviewSlot]:
    """Publish `count` consecutive slots of `minutes` with `pause` minutes between them."""
    ensure_undecided(call)
    _check_interviewers(interviewers, call)
    if not 1 <= count <= MAX_SLOTS:
        raise ValidationError(
            _("Publish between 1 and %(max)s slots at a time.") % {"max": MAX_SLOTS}
        )
    if not 15 <= minutes <= 240:
        raise ValidationError(_("An interview lasts between 15 and 240 minutes."))
    if not 0 <= pause <= 240:
        raise ValidationError(_("The pause between interviews is between 0 and 240 minutes."))
    if not place.strip():
        raise ValidationError(_("Say where the interviews take place."))
    if first_start <= timezone.now():
        raise ValidationError(_("The first interview must be in the future."))
    if bookable_until > first_start:
        raise ValidationError(_("Booking must close before the first interview starts."))
    if bookable_until <= timezone.now():
        raise ValidationError(_("Booking must close in the future."))
    slots = []
    start = first_start
    for _i in range(count):
        slot = InterviewSlot.objects.create(
            call=call,
            starts_at=start,
            ends_at=start + dt.timedelta(minutes=minutes),
            place=place.strip(),
            bookable_until=bookable_until,
        )
        slot.interviewers.set(interviewers)
        slots.append(slot)
        start += dt.timedelta(minutes=minutes + pause)
    return slots


@transaction.atomic
def slot_delete(*, slot: InterviewSlot) -> None:
    if slot.application_id is not None:
        raise ValidationError(_("A booked slot cannot be removed."))
    slot.delete()


@transaction.atomic
def slots_invite(*, call: Call, applications: list[Application]) -> int:
    """Invite applicants to book a slot; e-mails them the booking page. Returns how many."""
    ensure_undecided(call)
    open_slots = InterviewSlot.objects.filter(
        call=call, application__isnull=True, bookable_until__gt=timezone.now()
    )
    if not open_slots.exists():
        raise ValidationError(_("Publish interview slots that can still be booked first."))
    if not applications:
        raise ValidationError(_("Choose the applicants to invite."))
    for application in applications:
        if application.call_id != call.pk or application.status != Application.Status.SUBMITTED:
            raise ValidationError(_("Only submitted applications to this call can be invited."))
        if application.applicant is None:
            raise ValidationError(_("The application has been weeded."))
    until = max(s.bookable_until for s in open_slots)
    organisation = call.edition.programme.organisation
    link = settings.SITE_URL.rstrip("/") + reverse("admissions:slot_booking", args=[call.pk])
    now = timezone.now()
    for application in applications:
        Application.objects.filter(pk=application.pk).update(interview_invited_at=now)
        person = application.applicant
        if person is not None and person.email:
            email_queue(
                organisation=organisation,
                key="interview_slot_invitation",
                to=[person.email],
                context={
                    "name": person.first_name,
                    "call": call.title,
                    "until": timezone.localtime(until).strftime("%Y-%m-%d %H:%M"),
                    "link": link,
                    "organisation": organisation.name,
                },
            )
    return len(applications)


@transaction.atomic
def slot_book(*, application: Application, slot: InterviewSlot) -> Interview:
    """Book (or rebook) a slot for the applicant. The slot rows are locked, so two applicants
    cannot take the same slot: the second gets a clear message and nothing changes."""
    if application.interview_invited_at is None:
        raise ValidationError(_("You have not been invited to book an interview time."))
    if slot.call_id != application.call_id:
        raise ValidationError(_("The slot belongs to another call."))
    ensure_undecided(application.call)
    now = timezone.now()
    # Lock the wanted slot and the applicant's current one (in id order, against deadlocks).
    current = InterviewSlot.objects.filter(application=application).first()
    ids = sorted({slot.pk, *([current.pk] if current else [])})
    locked = {s.pk: s for s in InterviewSlot.objects.select_for_update().filter(pk__in=ids)}
    wanted = locked.get(slot.pk)
    if wanted is None:
        raise ValidationError(_("The slot no longer exists."))
    if wanted.application_id == application.pk:
        raise ValidationError(_("You have already booked this time."))
    if wanted.bookable_until <= now:
        raise ValidationError(_("Booking of this time has closed."))
    if wanted.application_id is not None:
        raise ValidationError(_("Someone else booked this time a moment ago; choose another."))
    if current is not None:
        mine = locked[current.pk]
        if mine.bookable_until <= now:
            raise ValidationError(
                _("Your booked time can no longer be changed; contact the coordinator.")
            )
        mine.application = None
        mine.booked_at = None
        mine.save(update_fields=["application", "booked_at"])
    wanted.application = application
    wanted.booked_at = now
    wanted.save(update_fields=["application", "booked_at"])
    try:
        return interview_book(
            application=application,
            starts_at=wanted.starts_at,
            minutes=wanted.minutes,
            place=wanted.place,
            interviewers=list(wanted.interviewers.all()),
        )
    except BookingConflict as exc:  # taken by a booking made by hand meanwhile
        raise ValidationError(_("This time is no longer free; choose another.")) from exc
