"""Interviews as a recruiter expects (issue 21, first part): no booking in the past; an
overlap with another booking of an interviewer, the room or the applicant, or with a published
slot, is warned before saving; a slot taken by a booking made by hand is no longer offered;
"Mina intervjuer" lists upcoming interviews first, with a filter by call."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from plantskola.admissions.interviews.services import BookingConflict, interview_book
from plantskola.admissions.models import Application, Interview
from plantskola.admissions.slots import services as slots
from plantskola.admissions.slots.selectors import free_slots
from plantskola.core.models import Person
from tests.admissions.factories import make_call, person_of
from tests.admissions.test_slots import applicant, publish
from tests.conftest import World

pytestmark = pytest.mark.django_db

TEN = (timezone.now() + dt.timedelta(days=5)).replace(hour=10, minute=0, second=0, microsecond=0)


def someone(w: World, number: str) -> Application:
    person = Person.objects.create(
        organisation=w.host, employee_number=number, first_name=number, last_name="Sökande"
    )
    return applicant(w, person, invited=False)


def book(application: Application, **kw: Any) -> Interview:
    args: dict[str, Any] = {
        "application": application,
        "starts_at": TEN,
        "minutes": 60,
        "place": "Stadshuset, rum 3",
        "interviewers": [application.call.pool.get(person__last_name="Personal").person],
    }
    args.update(kw)
    return interview_book(**args)


def test_no_booking_in_the_past(world: World) -> None:
    with pytest.raises(ValidationError, match="inte bokas bakåt i tiden"):
        book(someone(world, "A1"), starts_at=timezone.now() - dt.timedelta(hours=1))
    assert not Interview.objects.exists()


def test_an_interviewer_or_a_room_booked_twice_is_warned_and_can_be_accepted(
    world: World,
) -> None:
    book(someone(world, "A1"))
    second = someone(world, "A2")
    with pytest.raises(BookingConflict) as exc:
        book(second, starts_at=TEN + dt.timedelta(minutes=30))
    text = " ".join(exc.value.messages)
    assert "Hanna Personal har redan en intervju" in text
    assert "Stadshuset, rum 3 är redan bokad för en intervju" in text
    assert "A1" not in text  # never another applicant's name
    assert not Interview.objects.filter(application=second).exists()
    # Another room and another interviewer: no warning; warned and accepted: booked.
    book(second, place="Rum 5", interviewers=[person_of(world, "coordinator")])
    third = someone(world, "A3")
    book(third, starts_at=TEN + dt.timedelta(minutes=15), accept_conflicts=True)
    assert Interview.objects.filter(application=third).exists()


def test_a_published_slot_is_warned_and_a_taken_slot_is_not_offered(world: World) -> None:
    published = publish(world)  # 3 slots from day 10 at 9:00 with coordinator and HR, rum 3
    first = published[0]
    manual = someone(world, "A1")
    with pytest.raises(BookingConflict, match="publicerad intervjutid"):
        book(manual, starts_at=first.starts_at + dt.timedelta(minutes=15))
    book(manual, starts_at=first.starts_at + dt.timedelta(minutes=15), accept_conflicts=True)
    invited = applicant(world, world.participant.person)
    assert first not in free_slots(make_call(world), invited)
    with pytest.raises(ValidationError, match="inte längre ledig"):
        slots.slot_book(application=invited, slot=first)
    assert not Interview.objects.filter(application=invited).exists()
    slots.slot_book(application=invited, slot=published[1])  # the next one is free


def test_the_coordinator_is_warned_on_the_page_and_can_book_even_so(world: World) -> None:
    book(someone(world, "A1"))
    second = someone(world, "A2")
    client = world.client_for("coordinator")
    hr = person_of(world, "hr")
    data = {
        "starts_at": timezone.localtime(TEN).strftime("%Y-%m-%dT%H:%M"),
        "minutes": 60,
        "place": "Rum 9",
        "interviewers": [hr.pk],
    }
    response = client.post(f"/ansokningar/{second.pk}/intervju/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Hanna Personal har redan en intervju" in html and "Boka ändå" in html
    assert not Interview.objects.filter(application=second).exists()
    response = client.post(
        f"/ansokningar/{second.pk}/intervju/", {**data, "accept_conflicts": "on"}
    )
    assert response.status_code == 302
    assert Interview.objects.get(application=second).place == "Rum 9"


def test_my_interviews_upcoming_first_and_filtered_by_call(world: World) -> None:
    later = book(someone(world, "A1"), starts_at=TEN + dt.timedelta(days=2))
    sooner = book(someone(world, "A2"), starts_at=TEN)
    past = someone(world, "A3")
    Interview.objects.create(
        application=past,
        starts_at=timezone.now() - dt.timedelta(days=3),
        ends_at=timezone.now() - dt.timedelta(days=3, hours=-1),
        place="Rum 1",
        uid="past@plantskola",
    ).interviewers.add(person_of(world, "hr"))
    client = world.client_for("hr")
    page = client.get("/mina-intervjuer/")
    assert page.context["upcoming"] == [sooner, later]
    assert [i.application for i in page.context["past"]] == [past]
    html = page.content.decode()
    assert html.index("Kommande intervjuer") < html.index("Tidigare intervjuer")
    call = make_call(world)
    filtered = client.get(f"/mina-intervjuer/?call={call.pk}")
    assert filtered.context["chosen"] == call and filtered.context["upcoming"] == [sooner, later]
    # An unknown call shows everything rather than failing.
    assert client.get("/mina-intervjuer/?call=999999").context["chosen"] is None
