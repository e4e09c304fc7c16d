"""Reads of interviews: the requirement profile's competencies, the call's interviews and
scorecards, the calibration of interviewers' ratings (who can interview: `pool.selectors`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from plantskola.admissions.models import Application, Call, Interview, InterviewSlot, Scorecard
from plantskola.competencies.models import Competency
from plantskola.core.models import Person

CALIBRATION_SPREAD = 2  # interviewers who differ by this much on a competency should talk


def profile_competencies(call: Call) -> list[Competency]:
    profile = call.requirement_profile
    return list(profile.competencies.order_by("order", "name")) if profile else []


def interviewed_applications(call: Call) -> QuerySet[Application]:
    """The call's submitted applications with their interviews and scorecards."""
    return (
        Application.objects.filter(call=call, status=Application.Status.SUBMITTED)
        .select_related("applicant__unit", "interview")
        .prefetch_related("interview__interviewers", "interview__scorecards")
    )


def scorecard_of(*, interview: Interview, interviewer: Person) -> Scorecard | None:
    return Scorecard.objects.filter(interview=interview, interviewer=interviewer).first()


@dataclass
class CalibrationRow:
    application: Application
    interviewers: list[Person]
    # competency id → ratings in the order of `interviewers` (None: not scored yet)
    ratings: dict[int, list[int | None]] = field(default_factory=dict)
    flagged: set[int] = field(default_factory=set)

    @property
    def complete(self) -> bool:
        return all(r is not None for values in self.ratings.values() for r in values)


def calibration(*, call: Call) -> tuple[list[Competency], list[CalibrationRow]]:
    """Each interviewed applicant's ratings side by side; a competency is flagged when the
    interviewers' ratings differ by CALIBRATION_SPREAD or more."""
    competencies = profile_competencies(call)
    interviews = (
        Interview.objects.filter(application__call=call)
        .select_related("application__applicant")
        .prefetch_related("interviewers", "scorecards__ratings")
        .order_by("application__applicant__last_name")
    )
    rows = []
    for interview in interviews:
        interviewers = sorted(interview.interviewers.all(), key=lambda p: p.last_name)
        by_interviewer = {
            s.interviewer_id: {r.competency_id: r.rating for r in s.ratings.all()}
            for s in interview.scorecards.all()
        }
        row = CalibrationRow(application=interview.application, interviewers=interviewers)
        for competency in competencies:
            values = [by_interviewer.get(p.pk, {}).get(competency.pk) for p in interviewers]
            row.ratings[competency.pk] = values
            known = [v for v in values if v is not None]
            if len(known) >= 2 and max(known) - min(known) >= CALIBRATION_SPREAD:
                row.flagged.add(competency.pk)
        rows.append(row)
    return competencies, rows


def _when(start: dt.datetime, end: dt.datetime) -> str:
    start, end = timezone.localtime(start), timezone.localtime(end)
    return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"


def booking_conflicts(
    *,
    application: Application,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    place: str,
    interviewers: list[Person],
) -> list[str]:
    """What the booking would overlap, in the coordinator's words: another interview of an
    interviewer, of the room or of the applicant, and a published slot (still free) of an
    interviewer or of the room. Only times are named, never another applicant."""
    people = {p.pk: p for p in interviewers}
    room = place.strip().casefold()
    warnings = []
    others = (
        Interview.objects.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)
        .exclude(application=application)
        .prefetch_related("interviewers")
    )
    for other in others:
        when = _when(other.starts_at, other.ends_at)
        for person in other.interviewers.all():
            if person.pk in people:
                warnings.append(
                    _("%(name)s already has an interview %(when)s.")
                    % {"name": person.full_name, "when": when}
                )
        if room and other.place.strip().casefold() == room:
            warnings.append(
                _("%(place)s is already booked for an interview %(when)s.")
                % {"place": place.strip(), "when": when}
            )
        if (
            application.applicant_id is not None
            and other.application.applicant_id == application.applicant_id
        ):
            warnings.append(_("The applicant already has an interview %(when)s.") % {"when": when})
    slots = InterviewSlot.objects.filter(
        starts_at__lt=ends_at, ends_at__gt=starts_at, application__isnull=True
    ).prefetch_related("interviewers")
    for slot in slots:
        when = _when(slot.starts_at, slot.ends_at)
        for person in slot.interviewers.all():
            if person.pk in people:
                warnings.append(
                    _("%(name)s has a published interview slot %(when)s that applicants can book.")
                    % {"name": person.full_name, "when": when}
                )
        if room and slot.place.strip().casefold() == room:
            warnings.append(
                _("%(place)s has a published interview slot %(when)s that applicants can book.")
                % {"place": place.strip(), "when": when}
            )
    return list(dict.fromkeys(warnings))


def slot_is_taken(slot: InterviewSlot) -> bool:
    """Whether a booked interview overlaps the slot with one of its interviewers or its room
    (booked by hand, or through another slot): then applicants must not book it."""
    overlapping = Interview.objects.filter(
        starts_at__lt=slot.ends_at, ends_at__gt=slot.starts_at
    ).exclude(application_id=slot.application_id or 0)
    room = slot.place.strip().casefold()
    ids = {p.pk for p in slot.interviewers.all()}
    for interview in overlapping.prefetch_related("interviewers"):
        if room and interview.place.strip().casefold() == room:
            return True
        if ids & {p.pk for p in interview.interviewers.all()}:
            return True
    return False


def interview_calls(interviews: QuerySet[Interview]) -> list[Call]:
    """The calls of these interviews, latest closing first (for a filter)."""
    return list(Call.objects.filter(applications__interview__in=interviews).distinct())


def split_by_time(interviews: QuerySet[Interview]) -> tuple[list[Interview], list[Interview]]:
    """Upcoming interviews (not yet ended), soonest first; then past ones, latest first."""
    now = timezone.now()
    related = interviews.select_related("application__applicant", "application__call")
    upcoming = list(related.filter(ends_at__gt=now).order_by("starts_at"))
    past = list(related.filter(ends_at__lte=now).order_by("-starts_at"))
    return upcoming, past
