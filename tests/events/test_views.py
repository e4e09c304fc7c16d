"""Pages of the leadership days and cafés: the manager registers and cancels, the organiser
invites, lists registrations (with dietary needs) and seats the leadership day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries, DjangoCaptureOnCommitCallbacks

from plantskola.core.models import OutgoingEmail
from plantskola.events import services
from plantskola.events.models import Event, Registration
from tests.conftest import World
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db


def test_the_manager_sees_the_invitation_and_registers_with_dietary_needs(world: World) -> None:
    event = make_event(world.host, capacity=1)
    client = world.client_for("manager")
    page = client.get("/evenemang/")
    assert event.title in page.content.decode()
    detail = client.get(f"/evenemang/{event.pk}/").content.decode()
    assert f'action="/evenemang/{event.pk}/anmal/"' in detail
    response = client.post(f"/evenemang/{event.pk}/anmal/", {"dietary_needs": "Vegetarisk"})
    assert response.status_code == 302
    registration = Registration.objects.get(event=event, person=world.manager_person)
    assert registration.status == "registered"
    assert registration.dietary_needs == "Vegetarisk"
    again = client.post(f"/evenemang/{event.pk}/anmal/", {}, follow=True).content.decode()
    assert Registration.objects.filter(event=event).count() == 1
    assert "errorlist" not in again  # the message is a message, not a form error
    response = client.post(f"/evenemang/{event.pk}/avanmal/", follow=True)
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_dietary_needs_are_shown_only_to_organisers(world: World) -> None:
    event = make_event(world.host)
    services.registration_create(event=event, person=world.manager_person, dietary_needs="Nötter")
    organiser = world.client_for("coordinator").get(f"/evenemang/{event.pk}/anmalningar/")
    assert "Nötter" in organiser.content.decode()
    assert world.client_for("manager").get(f"/evenemang/{event.pk}/anmalningar/").status_code == 403


def test_registration_after_closing_is_refused_with_a_message(world: World) -> None:
    today = timezone.localdate()
    event = make_event(
        world.host,
        registration_opens=today - dt.timedelta(days=5),
        registration_closes=today - dt.timedelta(days=1),
    )
    client = world.client_for("manager")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "has closed" in client.get(f"/evenemang/{event.pk}/").content.decode()
    response = client.post(f"/evenemang/{event.pk}/anmal/", {}, follow=True)
    assert not Registration.objects.exists()
    assert response.status_code == 200


def test_a_draft_is_hidden_from_the_target_group(world: World) -> None:
    event = make_event(world.host, status=Event.Status.DRAFT)
    assert world.client_for("manager").get(f"/evenemang/{event.pk}/").status_code == 404
    assert world.client_for("hr").get(f"/evenemang/{event.pk}/").status_code == 200


def test_the_organiser_sends_invitations(
    world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    event = make_event(world.host)
    client = world.client_for("hr")
    preview = client.get(f"/evenemang/{event.pk}/bjud-in/")
    assert preview.status_code == 200
    assert 'name="expected" value="1"' in preview.content.decode()
    assert not mail.outbox  # the preview sends nothing
    # A count that no longer holds is refused, and nothing is sent.
    with django_capture_on_commit_callbacks(execute=True):
        stale = client.post(f"/evenemang/{event.pk}/bjud-in/", {"expected": "356"})
    assert stale.status_code == 302 and stale["Location"].endswith("/bjud-in/")
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/evenemang/{event.pk}/bjud-in/", {"expected": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"/evenemang/{event.pk}/massatgard/"
    job_page = client.get(response["Location"]).content.decode()
    assert 'id="job-progress"' in job_page and 'value="1"' in job_page
    assert [m.to for m in mail.outbox] == [[world.manager_person.email]]
    assert f"/evenemang/{event.pk}/" in mail.outbox[0].body
    assert OutgoingEmail.objects.filter(template_key="event_invitation").count() == 1


def test_the_organiser_creates_an_event_for_chosen_units(world: World) -> None:
    today = timezone.localdate()
    data = {
        "organisation": world.host.pk,
        "kind": "cafe",
        "title": "Ledarskapscafé om förändring",
        "theme": "Förändring börjar alltid med avslut",
        "date": (today + dt.timedelta(days=40)).isoformat(),
        "start_time": "13:00",
        "end_time": "15:30",
        "capacity": "25",
        "registration_opens": today.isoformat(),
        "registration_closes": (today + dt.timedelta(days=30)).isoformat(),
        "audience": "units",
        "target_units": [world.unit_id],
        "managers_only": "",
        "table_size": "8",
        "status": "published",
    }
    response = world.client_for("coordinator").post("/evenemang/nytt/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get(title="Ledarskapscafé om förändring")
    # Erik and Pia work in Hemtjänst Norr; the café is for everyone there.
    assert world.client_for("participant").get(f"/evenemang/{event.pk}/").status_code == 200
    assert world.client_for("manager").get(f"/evenemang/{event.pk}/").status_code == 404


def test_an_event_for_units_of_another_organisation_is_refused(world: World) -> None:
    today = timezone.localdate()
    response = world.client_for("coordinator").post(
        "/evenemang/nytt/",
        {
            "organisation": world.host.pk,
            "kind": "cafe",
            "title": "Fel",
            "date": (today + dt.timedelta(days=40)).isoformat(),
            "start_time": "15:00",
            "end_time": "13:00",
            "registration_opens": today.isoformat(),
            "registration_closes": (today + dt.timedelta(days=50)).isoformat(),
            "audience": "units",
            "target_units": [world.other_unit_id],
            "table_size": "10",
            "status": "published",
        },
    )
    assert response.status_code == 400
    assert not Event.objects.exists()


def test_raising_the_capacity_in_the_form_moves_the_waiting_list_up(
    world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    event = make_event(world.host, capacity=1)
    Registration.objects.create(
        event=event, person=world.employee, registered_at=timezone.now()
    )  # someone holds the only seat
    waiting = services.registration_create(event=event, person=world.manager_person)
    assert waiting.status == "waiting"
    client = world.client_for("hr")
    form = client.get(f"/evenemang/{event.pk}/redigera/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "target_units"}
    for key in ("date", "registration_opens", "registration_closes"):
        data[key] = data[key].isoformat()
    data.update(capacity="2", start_time="13:00", end_time="15:30", managers_only="on")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/evenemang/{event.pk}/redigera/", data)
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == "registered"
    assert len(mail.outbox) == 1


def test_the_organiser_seats_the_leadership_day_and_the_manager_sees_the_table(
    world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    event = make_event(world.host, kind=Event.Kind.LEADERSHIP_DAY)
    services.registration_create(event=event, person=world.manager_person)
    # Erik and Pia report to Maria: she sits apart from both, so two tables of at most two.
    Registration.objects.create(event=event, person=world.employee, registered_at=timezone.now())
    client = world.client_for("coordinator")
    together = client.post(f"/evenemang/{event.pk}/bordsplacering/", {"table_size": "2"})
    assert together.status_code == 400  # one table for two who must sit apart
    assert (
        "could not be made" in together.content.decode()
        or "kunde inte" in together.content.decode()
    )
    Registration.objects.create(
        event=event, person=world.participant.person, registered_at=timezone.now()
    )
    response = client.post(
        f"/evenemang/{event.pk}/bordsplacering/", {"table_size": "2", "mix_gender": "on"}
    )
    # A proposal first: the changes, nothing saved yet.
    assert response.status_code == 302
    assert response["Location"] == f"/evenemang/{event.pk}/bordsplacering/andringar/"
    changes = client.get(response["Location"]).content.decode()
    assert 'id="seating-moves"' in changes and "Maria Chef" in changes
    assert not Registration.objects.filter(event=event, table_number__isnull=False).exists()
    with django_capture_on_commit_callbacks(execute=True):
        applied = client.post(response["Location"])
    assert applied.status_code == 302
    assert applied["Location"] == f"/evenemang/{event.pk}/massatgard/"
    page = client.get(f"/evenemang/{event.pk}/bordsplacering/").content.decode()
    assert "Maria Chef" in page and 'id="table-1"' in page
    tables = dict(Registration.objects.filter(event=event).values_list("person_id", "table_number"))
    assert tables[world.employee.pk] == tables[world.participant.person_id]
    assert tables[world.manager_person.pk] != tables[world.employee.pk]
    mine = world.client_for("manager").get(f"/evenemang/{event.pk}/").content.decode()
    assert 'id="your-table"' in mine


def test_seating_with_nobody_registered_shows_a_form_error(world: World) -> None:
    event = make_event(world.host, kind=Event.Kind.LEADERSHIP_DAY)
    response = world.client_for("hr").post(
        f"/evenemang/{event.pk}/bordsplacering/", {"table_size": "10"}
    )
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


def test_past_cafes_keep_their_theme_and_notes(world: World) -> None:
    past = make_event(
        world.host,
        date=dt.date(2014, 11, 20),
        registration_opens=dt.date(2014, 10, 1),
        registration_closes=dt.date(2014, 11, 19),
        notes="Vi pratade om beslutsnivåer.",
    )
    page = world.client_for("manager").get("/evenemang/tidigare/").content.decode()
    assert past.theme in page and "beslutsnivåer" in page
    assert past.title not in world.client_for("manager").get("/evenemang/").content.decode()


def test_the_event_list_query_count_does_not_grow_with_events(
    world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for n in range(10):
        make_event(world.host, title=f"Café {n}")
    client = world.client_for("manager")
    client.get("/evenemang/")
    # 13 whatever the number of events (the main menu's network entry costs one of them).
    with django_assert_max_num_queries(13):
        client.get("/evenemang/")
