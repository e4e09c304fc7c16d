"""Competency-based interviews: invitations with .ics, scorecards, calibration."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from plantskola.admissions.interviews.selectors import calibration
from plantskola.admissions.interviews.services import interview_book, scorecard_save
from plantskola.admissions.models import Application, Interview, Scorecard
from plantskola.core.models import Person
from tests.admissions.factories import competencies_of, make_call, person_of
from tests.conftest import World

pytestmark = pytest.mark.django_db


def submitted(w: World) -> Application:
    return Application.objects.create(
        call=make_call(w),
        applicant=w.participant.person,
        status="submitted",
        motivation="M",
        manager=w.manager_person,
    )


def interviewers(w: World) -> list[Person]:
    return [person_of(w, "coordinator"), person_of(w, "hr")]


def book(w: World, application: Application, **kw: Any) -> Interview:
    args: dict[str, Any] = {
        "application": application,
        "starts_at": timezone.now() + dt.timedelta(days=7),
        "minutes": 60,
        "place": "Stadshuset, rum 3",
        "interviewers": interviewers(w),
    }
    args.update(kw)
    return interview_book(**args)


def ics_events(message: Any) -> list[Any]:
    filename, content, _mimetype = message.attachments[0]
    assert filename == "intervju.ics"
    return [c for c in Calendar.from_ical(content).walk() if c.name == "VEVENT"]


def test_booking_sends_calendar_invitations_to_applicant_and_interviewers(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    application = submitted(world)
    with django_capture_on_commit_callbacks(execute=True):
        interview = book(world, application)
    recipients = sorted(m.to[0] for m in mail.outbox)
    expected = sorted(p.email for p in [world.participant.person, *interviewers(world)])
    assert recipients == expected
    event = ics_events(mail.outbox[0])[0]
    assert str(event["uid"]) == interview.uid
    assert int(event["sequence"]) == 0
    # An iTIP invitation a calendar client accepts: METHOD, the time zone it is written in,
    # the organiser and everyone taking part as attendees.
    calendar = Calendar.from_ical(mail.outbox[0].attachments[0][1])
    assert str(calendar["method"]) == "REQUEST"
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    assert event["dtstart"].params["TZID"] == "Europe/Stockholm"
    assert str(event["organizer"]).startswith("mailto:")
    attendees = event["attendee"] if isinstance(event["attendee"], list) else [event["attendee"]]
    assert sorted(str(a).removeprefix("mailto:") for a in attendees) == expected


def test_moving_an_interview_keeps_the_uid_and_raises_the_sequence(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    application = submitted(world)
    first = book(world, application)
    with django_capture_on_commit_callbacks(execute=True):
        moved = book(world, application, starts_at=timezone.now() + dt.timedelta(days=9))
    assert moved.pk == first.pk and moved.sequence == 1
    event = ics_events(mail.outbox[0])[0]
    assert str(event["uid"]) == first.uid and int(event["sequence"]) == 1
    assert mail.outbox[0].subject.startswith("Ändrad tid")


def test_a_draft_cannot_be_interviewed_and_nothing_is_booked(world: World) -> None:
    application = submitted(world)
    Application.objects.filter(pk=application.pk).update(status="draft")
    application.refresh_from_db()
    with pytest.raises(ValidationError):
        book(world, application)
    assert not Interview.objects.exists()


def test_an_interviewer_without_a_login_is_refused(world: World) -> None:
    with pytest.raises(ValidationError):
        book(world, submitted(world), interviewers=[world.employee])
    assert not Interview.objects.exists()


def test_only_assigned_interviewers_fill_a_scorecard_and_every_competency_is_rated(
    world: World,
) -> None:
    interview = book(world, submitted(world))
    competencies = competencies_of(interview.application.call)
    full = {c.pk: (4, "Gav ett tydligt exempel.") for c in competencies}
    with pytest.raises(ValidationError):
        scorecard_save(interview=interview, interviewer=world.manager_person, ratings=full)
    with pytest.raises(ValidationError):
        scorecard_save(
            interview=interview,
            interviewer=interviewers(world)[0],
            ratings={competencies[0].pk: (4, "")},
        )
    assert not Scorecard.objects.exists()
    scorecard_save(interview=interview, interviewer=interviewers(world)[0], ratings=full)
    assert Scorecard.objects.get().ratings.count() == len(competencies)


def test_calibration_flags_competencies_where_interviewers_differ_by_two(world: World) -> None:
    interview = book(world, submitted(world))
    first, second = competencies_of(interview.application.call)
    a, b = interviewers(world)
    scorecard_save(
        interview=interview, interviewer=a, ratings={first.pk: (2, ""), second.pk: (4, "")}
    )
    scorecard_save(
        interview=interview, interviewer=b, ratings={first.pk: (4, ""), second.pk: (5, "")}
    )
    _competencies, rows = calibration(call=interview.application.call)
    assert rows[0].flagged == {first.pk}
    assert rows[0].complete


def test_interviewer_reaches_the_scorecard_but_not_the_reference(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    application = submitted(world)
    interview = book(world, application)
    leader_person = person_of(world, "leader")
    interview.interviewers.add(leader_person)
    client = world.client_for("leader")
    assert client.get(f"/intervjuer/{interview.pk}/bedomning/").status_code == 200
    page = client.get(f"/ansokningar/{application.pk}/")
    assert page.status_code == 200
    assert page.context["reference"] is None
    other = world.client_for("steering")
    assert other.get(f"/intervjuer/{interview.pk}/bedomning/").status_code == 404


def test_calibration_page_shows_discuss_for_a_spread(world: World) -> None:
    interview = book(world, submitted(world))
    first, second = competencies_of(interview.application.call)
    a, b = interviewers(world)
    scorecard_save(
        interview=interview, interviewer=a, ratings={first.pk: (1, ""), second.pk: (3, "")}
    )
    scorecard_save(
        interview=interview, interviewer=b, ratings={first.pk: (4, ""), second.pk: (3, "")}
    )
    page = world.client_for("coordinator").get(
        f"/utlysningar/{interview.application.call.pk}/kalibrering/"
    )
    assert page.status_code == 200
    assert "Diskutera" in page.content.decode() or "Discuss" in page.content.decode()
