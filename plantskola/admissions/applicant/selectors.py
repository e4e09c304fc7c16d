"""The applicant's own view of an application: a timeline of what has happened and what comes
next, without anything the applicant may not read (the reference's content, the scores)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from plantskola.admissions.models import (
    Application,
    Decision,
    DecisionAmendment,
    Interview,
    Reference,
)


@dataclass(frozen=True)
class Event:
    """One line of the timeline: done (with its date) or still to come."""

    label: str
    at: dt.datetime | None
    detail: str = ""


def _outcome_text(application: Application) -> str:
    if application.outcome == "admitted":
        return _("Admitted")
    if application.outcome == "reserve":
        if application.reserve_position:
            return _("Reserve number %(n)s") % {"n": application.reserve_position}
        return _("Reserve")
    if application.outcome == "not_admitted":
        return _("Not admitted")
    return ""


def application_status_text(application: Application) -> str:
    """The one status an applicant's list shows: the latest step, not just "submitted"."""
    events = [e for e in application_timeline(application) if e.at is not None]
    if not events:
        return str(application.get_status_display())
    last = events[-1]
    return f"{last.label}: {last.detail}" if last.detail else last.label


def application_timeline(application: Application) -> list[Event]:
    """Submitted → reference given → interview booked (time and place) → decision (with the
    reserve number) → the answer to an offered place. Only the applicant's own facts: who gave
    the reference is named, never what they wrote."""
    if application.status == Application.Status.DRAFT:
        return [Event(_("Draft saved"), application.updated_at), Event(_("Submitted"), None)]
    events = [Event(_("Submitted"), application.submitted_at)]
    if application.status == Application.Status.WITHDRAWN:
        events.append(Event(_("Withdrawn"), application.updated_at))
        return events
    reference = Reference.objects.filter(application=application).first()
    if reference is not None and reference.status == Reference.Status.GIVEN:
        events.append(Event(_("Reference given"), reference.answered_at or reference.requested_at))
    elif reference is not None and reference.status == Reference.Status.DECLINED:
        events.append(
            Event(
                _("Reference declined"),
                reference.answered_at,
                _("the coordinator can ask another manager"),
            )
        )
    else:
        events.append(Event(_("Reference given"), None))
    interview = Interview.objects.filter(application=application).first()
    if interview is not None:
        when = timezone.localtime(interview.starts_at)
        end = timezone.localtime(interview.ends_at)
        events.append(
            Event(
                _("Interview booked"),
                interview.starts_at,
                _("%(when)s, %(place)s")
                % {"when": f"{when:%Y-%m-%d %H:%M}–{end:%H:%M}", "place": interview.place},
            )
        )
    else:
        events.append(Event(_("Interview booked"), None))
    decision = Decision.objects.filter(call_id=application.call_id).first()
    if decision is None:
        events.append(Event(_("Decision"), None))
        return events
    events.append(Event(_("Decision"), decision.decided_at, _outcome_text(application)))
    amended = (
        DecisionAmendment.objects.filter(decision=decision, application=application)
        .order_by("-amended_at", "-id")
        .first()
    )
    if amended is not None:
        events.append(Event(_("Decision changed"), amended.amended_at, _outcome_text(application)))
    if application.place_answer:
        events.append(
            Event(str(application.get_place_answer_display()), application.place_answered_at)
        )
    return events


def can_answer_place(application: Application) -> bool:
    """An admitted applicant answers the offered place once, after the decision."""
    return (
        application.outcome == "admitted"
        and not application.place_answer
        and not application.is_weeded
        and Decision.objects.filter(call_id=application.call_id).exists()
    )
