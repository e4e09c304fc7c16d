"""The applicant's own page (issue 21 point 6): a timeline per application, what they
submitted, the interview as a calendar file, the answer to an offered place (a decline offered
to the first reserve once the coordinator confirms; the manager told of an acceptance), and a
summary with the reserve-list size before the decision sends anything."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from plantskola.admissions.applicant.selectors import application_timeline
from plantskola.admissions.applicant.services import place_answer
from plantskola.admissions.decision.services import place_offer_to_reserve
from plantskola.admissions.models import Application, Call, Decision, Interview
from plantskola.admissions.selection.rules import Rules
from plantskola.admissions.selection.services import selection_run
from plantskola.admissions.services import application_save
from plantskola.core.models import OutgoingEmail, Person, User
from plantskola.programmes.models import Participant
from tests.admissions.factories import decided_call, make_call, user_of
from tests.conftest import World

pytestmark = pytest.mark.django_db


def applicant_user(w: World, application: Application) -> Client:
    """A logged-in client for the application's applicant (given a login here)."""
    person = application.applicant
    assert person is not None
    if person.user is None:
        person.user = User.objects.create_user(username=f"sokande{person.pk}")
        person.save(update_fields=["user"])
    client = Client()
    client.force_login(person.user)
    return client


def by_name(call: Call, first: str) -> Application:
    return Application.objects.get(call=call, applicant__first_name=first)


def test_the_timeline_shows_each_step_with_the_interview_and_the_reserve_number(
    world: World,
) -> None:
    call = decided_call(world, capacity=1, reserves=1)
    ada, bo, cid = (by_name(call, n) for n in ("Ada", "Bo", "Cid"))
    labels = [(e.label, e.detail) for e in application_timeline(ada) if e.at]
    assert [label for label, _ in labels] == [
        "Inskickad",
        "Referens lämnad",
        "Intervju bokad",
        "Beslut",
    ]
    assert "Stadshuset" in labels[2][1]
    assert labels[3][1] == "Antagen"
    assert application_timeline(bo)[-1].detail == "Reserv nummer 1"
    assert bo.reserve_position == 1 and cid.reserve_position is None
    assert application_timeline(cid)[-1].detail == "Inte antagen"


def test_the_applicant_reads_what_they_submitted_and_sees_where_it_stands(
    world: World,
) -> None:
    call = decided_call(world)
    bo = by_name(call, "Bo")
    client = applicant_user(world, bo)
    page = client.get(f"/ansokningar/{bo.pk}/min/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Bo vill leda" in html and "Bo svarar" in html
    assert "Reserv nummer 1" in html
    assert "Bo är bra" not in html  # never the reference's content
    listing = client.get("/mina-ansokningar/").content.decode()
    assert "Beslut: Reserv nummer 1" in listing
    home = client.get("/").content.decode()
    assert "Dina ansökningar" in home and "Du har inga program" not in home
    assert 'href="/mina-ansokningar/"' in home  # the menu


def test_no_one_else_opens_the_applicants_own_page(world: World) -> None:
    call = decided_call(world)
    ada = by_name(call, "Ada")
    for role in ("coordinator", "hr", "manager", "participant"):
        assert world.client_for(role).get(f"/ansokningar/{ada.pk}/min/").status_code == 404
        assert (
            world.client_for(role).get(f"/ansokningar/{ada.pk}/min/intervju.ics").status_code == 404
        )


def test_the_interview_calendar_file_reads_back_with_time_and_place(world: World) -> None:
    call = decided_call(world)
    ada = by_name(call, "Ada")
    response = applicant_user(world, ada).get(f"/ansokningar/{ada.pk}/min/intervju.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["METHOD"]) == "PUBLISH"
    event = next(iter(calendar.walk("VEVENT")))
    interview = Interview.objects.get(application=ada)
    assert event.decoded("dtstart") == interview.starts_at.replace(microsecond=0)
    assert str(event["LOCATION"]) == "Stadshuset"
    assert str(event["UID"]) == interview.uid


def test_accepting_the_place_tells_the_closest_manager(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    call = decided_call(world)
    ada = by_name(call, "Ada")
    client = applicant_user(world, ada)
    confirm = client.get(f"/ansokningar/{ada.pk}/min/platsen/?answer=accept")
    assert confirm.status_code == 200 and "Vill du tacka ja" in confirm.content.decode()
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/ansokningar/{ada.pk}/min/platsen/", {"answer": "accept"})
    ada.refresh_from_db()
    assert ada.place_answer == "accepted"
    news = mail.outbox[sent:]
    assert [m.to for m in news] == [[world.manager_person.email]]
    assert "tackat ja" in news[0].body
    with pytest.raises(ValidationError):  # once only
        place_answer(application=ada, accept=False)


def test_only_the_admitted_answer_the_offer(world: World) -> None:
    call = decided_call(world)
    bo = by_name(call, "Bo")
    with pytest.raises(ValidationError):
        place_answer(application=bo, accept=True)
    bo.refresh_from_db()
    assert bo.place_answer == ""


def test_a_declined_place_goes_to_the_first_reserve_after_the_coordinator_confirms(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    call = decided_call(world)
    ada, bo = by_name(call, "Ada"), by_name(call, "Bo")
    with django_capture_on_commit_callbacks(execute=True):
        place_answer(application=ada, accept=False)
    bo.refresh_from_db()
    assert bo.outcome == "reserve"  # nothing happens before the coordinator confirms
    coordinators = [m for m in mail.outbox if "tackade nej" in m.subject]
    assert len(coordinators) == 1
    page = world.client_for("coordinator").get(f"/utlysningar/{call.pk}/beslutet/")
    assert "Erbjud platsen till reserv nummer 1, Bo Sökande" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        answer = world.client_for("coordinator").post(f"/ansokningar/{ada.pk}/erbjud-platsen/")
    assert answer.status_code == 302
    ada.refresh_from_db()
    bo.refresh_from_db()
    assert ada.outcome == "not_admitted" and bo.outcome == "admitted"
    assert bo.reserve_position is None
    assert Participant.objects.get(edition=call.edition, person=bo.applicant).status == "invited"
    assert Participant.objects.get(edition=call.edition, person=ada.applicant).status == "withdrawn"
    with pytest.raises(ValidationError):  # the same place is not offered twice
        place_offer_to_reserve(call=call, declined=ada, user=user_of(world, "coordinator"))


def closed_call_with_run(w: World) -> Call:
    call = make_call(w)
    question = call.questions.get()
    for i, name in enumerate(["Ada", "Bo", "Cid", "Dan"]):
        person = Person.objects.create(
            organisation=w.host,
            employee_number=f"S{i}",
            first_name=name,
            last_name="Sökande",
            unit_id=w.unit_id,
            email=f"{name.lower()}@host.example",
        )
        application_save(
            call=call,
            applicant=person,
            motivation="Jag vill.",
            answers={question.pk: "Svar"},
            manager=w.manager_person,
            submit=True,
        )
    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    call.refresh_from_db()
    selection_run(
        call=call, rules=Rules(capacity=1, incomplete="lowest"), user=user_of(w, "coordinator")
    )
    return call


def test_confirming_shows_a_summary_with_the_reserve_list_size_before_sending(
    world: World,
) -> None:
    call = closed_call_with_run(world)
    client = world.client_for("coordinator")
    before = OutgoingEmail.objects.count()
    summary = client.get(f"/utlysningar/{call.pk}/beslut/?reserves=2")
    html = summary.content.decode()
    assert summary.status_code == 200
    assert "1 antagna, 2 reserver, 1 inte antagna." in html
    assert "4 beslutsmejl skickas när du bekräftar." in html
    assert not Decision.objects.exists() and OutgoingEmail.objects.count() == before
    bad = client.get(f"/utlysningar/{call.pk}/beslut/?reserves=-1")
    assert bad.status_code == 400 and "kortare än 0" in bad.content.decode()
    client.post(f"/utlysningar/{call.pk}/beslut/", {"reserves": "2", "confirm": "1"})
    assert Decision.objects.filter(call=call).exists()
    call.refresh_from_db()
    assert call.reserve_list_size == 2
    positions = sorted(
        p
        for p in Application.objects.filter(call=call).values_list("reserve_position", flat=True)
        if p
    )
    assert positions == [1, 2]


def test_a_post_without_confirmation_decides_nothing(world: World) -> None:
    call = closed_call_with_run(world)
    answer = world.client_for("coordinator").post(
        f"/utlysningar/{call.pk}/beslut/", {"reserves": "2"}
    )
    assert answer.status_code == 200
    assert not Decision.objects.exists()


def test_after_closing_the_form_no_longer_says_the_application_can_change(world: World) -> None:
    call = decided_call(world)
    ada = by_name(call, "Ada")
    Call.objects.filter(pk=call.pk).update(non_managers_only=False)
    page = applicant_user(world, ada).get(f"/utlysningar/{call.pk}/ansok/")
    html = page.content.decode()
    assert "kan du fortfarande ändra" not in html
    assert f"/ansokningar/{ada.pk}/min/" in html
