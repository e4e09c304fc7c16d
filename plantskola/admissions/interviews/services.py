"""Competency-based interviews: booking with calendar invitations, and scorecards."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Event

from plantskola.admissions.interviews.selectors import booking_conflicts, profile_competencies
from plantskola.admissions.models import (
    Application,
    Interview,
    InterviewSlot,
    Scorecard,
    ScorecardRating,
)
from plantskola.admissions.pool.selectors import interviewer_conflicts
from plantskola.admissions.services import ensure_undecided
from plantskola.core.mail.services import email_queue, register_template
from plantskola.core.models import Person
from plantskola.programmes.calendar.ics import (
    TZ,
    add_attendee,
    add_organizer,
    calendar_bytes,
    new_calendar,
)

register_template(
    "interview_invitation",
    description=gettext_lazy("Invitation to a competency-based interview"),
    subject="{% if moved %}Ändrad tid: {% endif %}Intervju – {{ call }}",
    body=(
        "Hej {{ name }}!\n\n{% if moved %}Intervjun har fått en ny tid. {% endif %}"
        "Välkommen till en kompetensbaserad intervju för {{ call }}.\n\n"
        "Sökande: {{ applicant }}\nTid: {{ when }}\nPlats: {{ place }}\n"
        "Intervjuare: {{ interviewers }}\n\nEn kalenderinbjudan finns bifogad.\n\n"
        "Med vänliga hälsningar\n{{ organisation }}\n"
    ),
)


def _ics(interview: Interview, recipients: list[Person]) -> str:
    """The iTIP invitation (REQUEST; the same UID and a higher SEQUENCE when it moves), in
    Swedish time with its VTIMEZONE, the organiser and everyone who takes part as attendees."""
    call = interview.application.call
    calendar = new_calendar(method="REQUEST")
    event = Event()
    event.add("uid", interview.uid)
    event.add("sequence", interview.sequence)
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    event.add("dtstart", timezone.localtime(interview.starts_at, TZ))
    event.add("dtend", timezone.localtime(interview.ends_at, TZ))
    event.add("summary", f"Intervju: {interview.application.applicant_name} – {call.title}")
    event.add("location", interview.place)
    event.add("description", f"Kompetensbaserad intervju för {call.title}.")
    event.add("status", "CONFIRMED")
    add_organizer(event)
    for person in recipients:
        if person.email:
            add_attendee(event, name=person.full_name, email=person.email)
    calendar.add_component(event)
    return calendar_bytes(calendar).decode()


def _invite(interview: Interview, *, moved: bool) -> None:
    application = interview.application
    call = application.call
    interviewers = list(interview.interviewers.all())
    recipients = [*([application.applicant] if application.applicant else []), *interviewers]
    when = timezone.localtime(interview.starts_at)
    ics = _ics(interview, recipients)
    for person in recipients:
        if not person.email:
            continue
        email_queue(
            organisation=call.edition.programme.organisation,
            key="interview_invitation",
            to=[person.email],
            context={
                "name": person.first_name,
                "call": call.title,
                "applicant": application.applicant_name,
                "when": f"{when:%Y-%m-%d %H:%M}–{timezone.localtime(interview.ends_at):%H:%M}",
                "place": interview.place,
                "interviewers": ", ".join(p.full_name for p in interviewers),
                "moved": moved,
                "organisation": call.edition.programme.organisation.name,
            },
            attachments=[("intervju.ics", ics, "text/calendar; method=REQUEST")],
        )


class BookingConflict(ValidationError):
    """The booking overlaps other bookings (`booking_conflicts`): refused unless the
    coordinator, warned, books even so."""


@transaction.atomic
def interview_book(
    *,
    application: Application,
    starts_at: dt.datetime,
    minutes: int,
    place: str,
    interviewers: list[Person],
    accept_conflicts: bool = False,
) -> Interview:
    """Book (or move) the applicant's interview and send calendar invitations to everyone.
    Never in the past; an overlap with another booking of an interviewer, the room or the
    applicant (or with a published slot) is refused with a warning unless `accept_conflicts`."""
    if application.is_weeded:
        raise ValidationError(_("The application has been weeded; there is no one to interview."))
    if application.status != Application.Status.SUBMITTED:
        raise ValidationError(_("Only submitted applications can be interviewed."))
    if not interviewers:
        raise ValidationError(_("Choose at least one interviewer."))
    if any(p.user_id is None for p in interviewers):
        raise ValidationError(_("Every interviewer needs a login to fill in a scorecard."))
    conflicts = interviewer_conflicts(
        call=application.call, people=interviewers, application=application
    )
    if conflicts:
        raise ValidationError(conflicts)
    if not 15 <= minutes <= 240:
        raise ValidationError(_("An interview lasts between 15 and 240 minutes."))
    if starts_at <= timezone.now():
        raise ValidationError(_("An interview cannot be booked in the past; choose a later time."))
    ends_at = starts_at + dt.timedelta(minutes=minutes)
    if not accept_conflicts:
        warnings = booking_conflicts(
            application=application,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
            interviewers=interviewers,
        )
        if warnings:
            raise BookingConflict(warnings)
    interview = Interview.objects.select_for_update().filter(application=application).first()
    moved = interview is not None
    if interview is None:
        interview = Interview(application=application, uid=f"{uuid.uuid4()}@plantskola")
    else:
        if Scorecard.objects.filter(interview=interview).exists() and (
            set(interview.interviewers.all()) - set(interviewers)
        ):
            raise ValidationError(_("An interviewer who has scored cannot be removed."))
        interview.sequence += 1
    interview.starts_at, interview.ends_at, interview.place = starts_at, ends_at, place
    interview.save()
    # A self-booked slot at another time is given back, so that others can book it.
    InterviewSlot.objects.filter(application=application).exclude(starts_at=starts_at).update(
        application=None, booked_at=None
    )
    interview.interviewers.set(interviewers)
    _invite(interview, moved=moved)
    return interview


@transaction.atomic
def scorecard_save(
    *, interview: Interview, interviewer: Person, ratings: dict[int, tuple[int, str]]
) -> Scorecard:
    """An interviewer's scorecard: a rating 1–5 with evidence notes per competency."""
    if not interview.interviewers.filter(pk=interviewer.pk).exists():
        raise ValidationError(_("You are not an interviewer of this applicant."))
    # The pool may have changed since the booking: a conflict found now still stops the score.
    conflicts = interviewer_conflicts(
        call=interview.application.call, people=[interviewer], application=interview.application
    )
    if conflicts:
        raise ValidationError(conflicts)
    ensure_undecided(interview.application.call)
    expected = {c.pk for c in profile_competencies(interview.application.call)}
    if set(ratings) != expected:
        raise ValidationError(_("Rate every competency of the requirement profile."))
    if any(not 1 <= r <= 5 for r, _e in ratings.values()):
        raise ValidationError(_("Ratings go from 1 to 5."))
    scorecard, _created = Scorecard.objects.get_or_create(
        interview=interview, interviewer=interviewer
    )
    for competency_id, (rating, evidence) in ratings.items():
        ScorecardRating.objects.update_or_create(
            scorecard=scorecard,
            competency_id=competency_id,
            defaults={"rating": rating, "evidence": evidence},
        )
    scorecard.save()  # touch submitted_at
    return scorecard
