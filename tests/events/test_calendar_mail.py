"""Registration's e-mails and calendars: a confirmation with a parseable `.ics`, a CANCEL on
cancellation, the waiting list's promotion with a new invitation, and the personal feed."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
from django.core import mail
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks

from plantskola.core.models import Person
from plantskola.events import services
from plantskola.events.models import Event, Registration
from plantskola.programmes.calendar.services import feed_regenerate
from tests.conftest import World
from tests.events.conftest import make_event

TZ = ZoneInfo("Europe/Stockholm")


def other_manager(world: World, n: int) -> Person:
    return Person.objects.create(
        organisation=world.host,
        employee_number=f"EVM{n}",
        first_name=f"Chef{n}",
        last_name="Väntande",
        email=f"chef{n}@host.example",
        is_manager=True,
    )


def ics_of(message: mail.EmailMessage) -> tuple[Any, str]:
    """The one calendar attachment of a message, parsed (the round trip) and its MIME type."""
    attachments = [a for a in message.attachments if not isinstance(a, str)]
    assert len(attachments) == 1
    name, content, mime = attachments[0]
    assert name.endswith(".ics")
    text = content.decode() if isinstance(content, bytes) else str(content)
    cal = icalendar.Calendar.from_ical(text)
    assert icalendar.Calendar.from_ical(cal.to_ical()).to_ical() == cal.to_ical()
    return cal, str(mime)


def the_event(cal: icalendar.Calendar) -> Any:
    """The calendar's one VEVENT (Any: its properties' types are a union of every value)."""
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    return events[0]


def test_registration_sends_a_swedish_confirmation_with_an_itip_request(
    world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    event = make_event(world.host, title="Ledardagen", kind=Event.Kind.LEADERSHIP_DAY)
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.registration_create(
            event=event, person=world.manager_person, dietary_needs="Vegetarisk"
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.manager_person.email]
    assert message.subject.startswith("Anmälan bekräftad: Ledardagen")
    assert "Du är anmäld till Ledardagen" in message.body
    assert "Specialkost: Vegetarisk" in message.body
    cal, mime = ics_of(message)
    assert mime.startswith("text/calendar") and "REQUEST" in mime
    assert str(cal["method"]) == "REQUEST"
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    vevent = the_event(cal)
    assert str(vevent["uid"]) == f"event-{registration.uid}@plantskola"
    assert int(vevent["sequence"]) == 0
    assert vevent["dtstart"].dt == dt.datetime.combine(event.date, dt.time(13), tzinfo=TZ)
    assert vevent["dtend"].dt == dt.datetime.combine(event.date, dt.time(15, 30), tzinfo=TZ)
    assert str(vevent["organizer"]).startswith("mailto:")
    attendee = vevent["attendee"]
    assert str(attendee) == f"mailto:{world.manager_person.email}"
    assert attendee.params["cn"] == world.manager_person.full_name
    assert str(vevent["status"]) == "CONFIRMED"


def test_cancellation_sends_a_cancel_with_a_higher_sequence_and_the_first_waiting_moves_up(
    world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    event = make_event(world.host, capacity=1)
    waiting_person = other_manager(world, 1)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.registration_create(event=event, person=world.manager_person)
        waiting = services.registration_create(event=event, person=waiting_person)
    assert waiting.status == Registration.Status.WAITING
    waiting_mail = mail.outbox[1]
    assert waiting_mail.to == [waiting_person.email]
    assert "nummer 1 på väntelistan" in waiting_mail.body
    assert not waiting_mail.attachments  # no place, nothing for the calendar yet
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moved = services.registration_cancel(registration=first, link="http://testserver/e/")
    assert moved is not None and moved.pk == waiting.pk
    cancel_mail, promotion = mail.outbox
    assert cancel_mail.to == [world.manager_person.email]
    assert cancel_mail.subject.startswith("Avanmäld:")
    cal, mime = ics_of(cancel_mail)
    assert str(cal["method"]) == "CANCEL" and "CANCEL" in mime
    vevent = the_event(cal)
    assert str(vevent["uid"]) == f"event-{first.uid}@plantskola"
    assert int(vevent["sequence"]) == 1
    assert str(vevent["status"]) == "CANCELLED"
    assert cal.walk("VTIMEZONE") and vevent["organizer"] and vevent["attendee"]

    assert promotion.to == [waiting_person.email]
    assert promotion.subject.startswith("Du har fått en plats:")
    assert "flyttats upp från väntelistan" in promotion.body
    cal, _ = ics_of(promotion)
    assert str(cal["method"]) == "REQUEST"
    vevent = the_event(cal)
    assert str(vevent["uid"]) == f"event-{waiting.uid}@plantskola"
    assert str(vevent["attendee"]) == f"mailto:{waiting_person.email}"
    assert cal.walk("VTIMEZONE") and vevent["organizer"] and "sequence" in vevent


def test_registering_again_after_cancelling_keeps_the_uid_and_raises_the_sequence(
    world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    event = make_event(world.host)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.registration_create(event=event, person=world.manager_person)
        services.registration_cancel(registration=first, link="http://testserver/e/")
        again = services.registration_create(event=event, person=world.manager_person)
    assert again.pk == first.pk
    sequences = [int(the_event(ics_of(m)[0])["sequence"]) for m in mail.outbox]
    uids = {str(the_event(ics_of(m)[0])["uid"]) for m in mail.outbox}
    assert sequences == [0, 1, 2]
    assert uids == {f"event-{first.uid}@plantskola"}


def test_a_registered_event_is_in_the_personal_feed_and_the_waiting_list_is_not(
    world: World,
) -> None:
    event = make_event(world.host, title="Ledardagen", capacity=1)
    full = make_event(world.host, title="Fullt café", capacity=1)
    services.registration_create(event=full, person=other_manager(world, 2))
    registration = services.registration_create(event=event, person=world.manager_person)
    services.registration_create(event=full, person=world.manager_person)  # waiting
    token = feed_regenerate(person=world.manager_person)
    response = world.client_for("anonymous").get(reverse("programmes:calendar_feed", args=[token]))
    assert response.status_code == 200
    cal = icalendar.Calendar.from_ical(response.content)
    summaries = {str(e["uid"]): str(e["summary"]) for e in cal.walk("VEVENT")}
    assert summaries[f"event-{registration.uid}@plantskola"] == "Ledardagen"
    assert "Fullt café" not in summaries.values()
    assert cal.walk("VTIMEZONE")


def test_the_registration_page_offers_the_ics_to_its_person_only(world: World) -> None:
    event = make_event(world.host)
    registration = services.registration_create(event=event, person=world.manager_person)
    url = reverse("events:registration_ics", args=[registration.pk])
    page = world.client_for("manager").get(reverse("events:event_detail", args=[event.pk]))
    assert url in page.content.decode()
    response = world.client_for("manager").get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    vevent = the_event(icalendar.Calendar.from_ical(response.content))
    assert str(vevent["uid"]) == f"event-{registration.uid}@plantskola"
    assert world.client_for("leader").get(url).status_code == 404
