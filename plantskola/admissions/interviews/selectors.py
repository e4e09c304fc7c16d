"""Reads of interviews: the requirement profile's competencies, the call's interviews and
scorecards, the calibration of interviewers' ratings (who can interview: `pool.selectors`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from plantskola.admissions.models import Application, Call, Interview, Scorecard
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
