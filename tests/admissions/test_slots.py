"""Interview slots for self-booking: publishing, inviting, first come first served, rebooking
until the cut-off, calendar invitations."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from plantskola.admissions.interviews.services import interview_book
from plantskola.admissions.models import Application, Interview, InterviewSlot
from plantskola.admissions.slots import services as slots
from plantskola.core.models import Person
from tests.admissions.factories import make_call, person_of
from tests.conftest import World

pytestmark = pytest.mark.django_db


def interviewers(w: World) -> list[Person]:
    return [person_of(w, "coordinator"), person_of(w, "hr")]


def publish(w: World, **kw: Any) -> list[InterviewSlot]:
    start = (timezone.now() + dt.timedelta(days=10)).replace(hour=9, minute=0, second=0)
    args: dict[str, Any] = {
        "call": make_call(w),
        "first_start": start,
        "count": 3,
        "minutes": 60,
        "pause": 15,
        "place": "Stadshuset, rum 3",
        "interviewers": interviewers(w),
        "bookable_until": start - dt.timedelta(days=2),
    }
    args.update(kw)
    return slots.slots_publish(**args)


def applicant(w: World, person: Person, *, invited: bool = True) -> Application:
    return Application.objects.create(
        call=make_call(w),
        applicant=person,
        status="submitted",
        manager=w.manager_person,
        interview_invited_at=timezone.now() if invited else None,
    )


def test_publishing_makes_consecutive_slots_and_bad_input_changes_nothing(world: World) -> None:
    published = publish(world)
    assert [s.minutes for s in published] == [60, 60, 60]
    assert published[1].starts_at - published[0].starts_at == dt.timedelta(minutes=75)
    assert set(published[0].interviewers.all()) == set(interviewers(world))
    start = timezone.now() + dt.timedelta(days=5)
    bad: list[tuple[dict[str, Any], str]] = [
        ({"count": 0}, "mellan 1 och"),
        ({"minutes": 5}, "mellan 15 och 240"),
        ({"interviewers": []}, "minst en"),
        ({"first_start": start, "bookable_until": start + dt.timedelta(hours=1)}, "före"),
        ({"first_start": timezone.now() - dt.timedelta(days=1)}, "framtiden"),
        ({"place": "  "}, "var intervjuerna"),
    ]
    for overrides, message in bad:
        with pytest.raises(ValidationError, match=message):
            publish(world, **overrides)
    assert InterviewSlot.objects.count() == 3


def test_invited_applicant_books_gets_ics_and_can_rebook_before_the_cutoff(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    first, second, _third = publish(world)
    application = applicant(world, world.employee)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        interview = slots.slot_book(application=application, slot=first)
    assert interview.starts_at == first.starts_at and interview.sequence == 0
    first.refresh_from_db()
    assert first.application == application
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert world.employee.email in recipients and len(recipients) == 3
    ics = mail.outbox[0].attachments[0][1]
    events = [c for c in Calendar.from_ical(ics).walk() if c.name == "VEVENT"]
    assert events[0]["location"] == "Stadshuset, rum 3"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moved = slots.slot_book(application=application, slot=second)
    assert moved.pk == interview.pk and moved.sequence == 1
    assert moved.starts_at == second.starts_at
    first.refresh_from_db()
    assert first.application is None
    assert all("Ändrad tid" in m.subject for m in mail.outbox)


def test_first_come_first_served_and_the_second_changes_nothing(world: World) -> None:
    first, _second, _third = publish(world)
    ada = applicant(world, world.employee)
    bo = applicant(world, world.participant.person)
    slots.slot_book(application=ada, slot=first)
    with pytest.raises(ValidationError, match="Någon annan"):
        slots.slot_book(application=bo, slot=first)
    assert not Interview.objects.filter(application=bo).exists()
    first.refresh_from_db()
    assert first.application == ada


def test_no_booking_without_invitation_or_after_the_cutoff(world: World) -> None:
    first, second, _third = publish(world)
    uninvited = applicant(world, world.employee, invited=False)
    with pytest.raises(ValidationError, match="inte blivit inbjuden"):
        slots.slot_book(application=uninvited, slot=first)
    invited = applicant(world, world.participant.person)
    slots.slot_book(application=invited, slot=first)
    InterviewSlot.objects.update(bookable_until=timezone.now() - dt.timedelta(minutes=1))
    second.refresh_from_db()
    with pytest.raises(ValidationError, match="stängt"):
        slots.slot_book(application=invited, slot=second)
    first.refresh_from_db()
    assert first.application == invited
    assert not InterviewSlot.objects.filter(pk=second.pk, application__isnull=False).exists()


def test_coordinator_publishes_and_invites_from_the_page(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    call = make_call(world)
    application = applicant(world, world.employee, invited=False)
    client = world.client_for("coordinator")
    url = f"/utlysningar/{call.pk}/intervjutider/"
    assert client.get(url).status_code == 200
    start = (timezone.localtime() + dt.timedelta(days=10)).replace(hour=9, minute=0)
    response = client.post(
        url,
        {
            "first_start": start.strftime("%Y-%m-%dT%H:%M"),
            "count": 2,
            "minutes": 45,
            "pause": 0,
            "place": "Rum 1",
            "interviewers": [p.pk for p in interviewers(world)],
            "bookable_until": (start - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 302
    assert InterviewSlot.objects.filter(call=call).count() == 2
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{url}bjud-in/", {"application": [application.pk]})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.interview_invited_at is not None
    assert len(mail.outbox) == 1 and "/boka-intervju/" in mail.outbox[0].body
    # A foreign id is refused and nobody else is invited.
    response = client.post(f"{url}bjud-in/", {"application": [999999]})
    assert response.status_code == 302
    assert Application.objects.filter(interview_invited_at__isnull=False).count() == 1


def test_the_applicant_books_on_the_page_and_sees_only_their_own_booking(world: World) -> None:
    first, second, _third = publish(world)
    call = make_call(world)
    ada = applicant(world, world.participant.person)
    other = applicant(world, world.employee)
    slots.slot_book(application=other, slot=second)
    client = world.client_for("participant")
    url = f"/utlysningar/{call.pk}/boka-intervju/"
    page = client.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    assert world.employee.last_name not in content
    assert list(page.context["free"]) == [first, _third]
    response = client.post(url, {"slot": second.pk})
    assert response.status_code == 400 and "Någon annan" in response.content.decode()
    response = client.post(url, {"slot": "abc"})
    assert response.status_code == 400
    response = client.post(url, {"slot": first.pk})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.application == ada
    assert "Du har bokat" in client.get(url).content.decode()


def test_a_booked_slot_cannot_be_removed(world: World) -> None:
    first, second, _third = publish(world)
    slots.slot_book(application=applicant(world, world.employee), slot=first)
    client = world.client_for("coordinator")
    client.post(f"/intervjutider/{first.pk}/ta-bort/")
    client.post(f"/intervjutider/{second.pk}/ta-bort/")
    assert set(InterviewSlot.objects.values_list("pk", flat=True)) == {first.pk, _third.pk}


def test_the_coordinator_moving_a_self_booked_interview_frees_the_slot(world: World) -> None:
    first, _second, _third = publish(world)
    application = applicant(world, world.employee)
    slots.slot_book(application=application, slot=first)
    interview_book(
        application=application,
        starts_at=first.starts_at + dt.timedelta(days=3),
        minutes=60,
        place="Annat rum",
        interviewers=interviewers(world),
    )
    first.refresh_from_db()
    assert first.application is None
    assert Interview.objects.get(application=application).sequence == 1
