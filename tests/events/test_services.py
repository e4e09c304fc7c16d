"""Registration with capacity and a waiting list, cancellation, seating and purging."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone, translation
from pytest_django import DjangoCaptureOnCommitCallbacks

from plantskola.composition.checker import check
from plantskola.core.models import Organisation, Person
from plantskola.events import selectors, services
from plantskola.events.models import Event, Registration
from plantskola.events.seating.selectors import seating_tables
from plantskola.events.seating.services import event_seat
from tests.conftest import World
from tests.events.conftest import build_managers, make_event

LINK = "http://testserver/evenemang/1/"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The messages are matched in English (the msgids); the interface is Swedish."""
    with translation.override("en"):
        yield


@pytest.fixture
def org(db: None) -> Organisation:
    return Organisation.objects.create(name="Kungsbacka kommun", slug="kungsbacka")


@pytest.fixture
def managers(org: Organisation) -> list[Person]:
    return build_managers(org, administrations=4, per_administration=5)


def test_a_manager_registers_with_dietary_needs(world: World) -> None:
    event = make_event(world.host)
    registration = services.registration_create(
        event=event, person=world.manager_person, dietary_needs=" Vegetarisk "
    )
    assert registration.status == Registration.Status.REGISTERED
    assert registration.dietary_needs == "Vegetarisk"


def test_registration_is_refused_twice_for_the_same_person(world: World) -> None:
    event = make_event(world.host)
    services.registration_create(event=event, person=world.manager_person)
    with pytest.raises(ValidationError, match="already registered"):
        services.registration_create(event=event, person=world.manager_person)
    assert Registration.objects.filter(event=event).count() == 1


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [(3, 10, "Registration opens"), (-10, -1, "has closed")],
)
def test_registration_is_refused_before_opening_and_after_closing(
    world: World, opens: int, closes: int, message: str
) -> None:
    today = timezone.localdate()
    event = make_event(
        world.host,
        registration_opens=today + dt.timedelta(days=opens),
        registration_closes=today + dt.timedelta(days=closes),
    )
    with pytest.raises(ValidationError, match=message):
        services.registration_create(event=event, person=world.manager_person)
    assert not Registration.objects.exists()


def test_people_outside_the_target_group_cannot_register(world: World) -> None:
    event = make_event(world.host)  # all managers; the employee is not one
    with pytest.raises(ValidationError, match="not in the target group"):
        services.registration_create(event=event, person=world.employee)


def test_chosen_units_include_their_sub_units(world: World) -> None:
    event = make_event(world.host, audience=Event.Audience.UNITS, managers_only=False)
    unit = world.manager_person.unit
    assert unit is not None
    event.target_units.add(unit)  # Socialförvaltningen
    people = set(selectors.event_target_people(event=event))
    assert world.employee in people  # in Hemtjänst Norr, a sub-unit
    assert world.manager_person in people
    event.managers_only = True
    event.save()
    assert set(selectors.event_target_people(event=event)) == {world.manager_person}


def test_a_full_event_puts_newcomers_on_the_waiting_list(
    org: Organisation, managers: list[Person]
) -> None:
    event = make_event(org, capacity=2)
    first, second, third, fourth = (
        services.registration_create(event=event, person=p) for p in managers[:4]
    )
    assert [r.status for r in (first, second)] == ["registered"] * 2
    assert [r.status for r in (third, fourth)] == ["waiting"] * 2
    assert selectors.waiting_position(registration=third) == 1
    assert selectors.waiting_position(registration=fourth) == 2


def test_a_cancellation_moves_the_first_on_the_waiting_list_up_with_an_email(
    org: Organisation,
    managers: list[Person],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    event = make_event(org, capacity=1)
    first = services.registration_create(event=event, person=managers[0], dietary_needs="Glutenfri")
    waiting = services.registration_create(event=event, person=managers[1])
    later = services.registration_create(event=event, person=managers[2])
    with django_capture_on_commit_callbacks(execute=True):
        moved = services.registration_cancel(registration=first, link=LINK)
    assert moved == waiting
    first.refresh_from_db()
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert first.status == "cancelled" and first.dietary_needs == ""
    assert waiting.status == "registered"
    assert later.status == "waiting"
    # The one who cancelled is told, and the one who moved up.
    assert [m.to for m in mail.outbox] == [[managers[0].email], [managers[1].email]]
    message = mail.outbox[1]
    assert "väntelistan" in message.body and LINK in message.body
    assert event.title in message.subject


def test_cancelling_a_waiting_place_moves_nobody(org: Organisation, managers: list[Person]) -> None:
    event = make_event(org, capacity=1)
    services.registration_create(event=event, person=managers[0])
    waiting = services.registration_create(event=event, person=managers[1])
    assert services.registration_cancel(registration=waiting, link=LINK) is None
    with pytest.raises(ValidationError, match="already cancelled"):
        services.registration_cancel(registration=waiting, link=LINK)


def test_a_cancelled_person_may_register_again_at_the_back_of_the_queue(
    org: Organisation, managers: list[Person]
) -> None:
    event = make_event(org, capacity=1)
    first = services.registration_create(event=event, person=managers[0])
    services.registration_cancel(registration=first, link=LINK)
    services.registration_create(event=event, person=managers[1])
    again = services.registration_create(event=event, person=managers[0])
    assert again.pk == first.pk
    assert again.status == "waiting"


def test_raising_the_capacity_moves_people_up(org: Organisation, managers: list[Person]) -> None:
    event = make_event(org, capacity=1)
    for person in managers[:3]:
        services.registration_create(event=event, person=person)
    event.capacity = 2
    event.save()
    moved = services.event_update_capacity(event=event, link=LINK)
    assert [r.person for r in moved] == [managers[1]]


def test_invitations_go_to_the_whole_target_group_by_email(
    org: Organisation,
    managers: list[Person],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    event = make_event(org)
    with django_capture_on_commit_callbacks(execute=True):
        count = services.event_invite(event=event, link=LINK)
    assert count == len(managers) == len(mail.outbox)
    assert {m.to[0] for m in mail.outbox} == {p.email for p in managers}
    assert "inbjuden" in mail.outbox[0].body and LINK in mail.outbox[0].body
    event.refresh_from_db()
    assert event.invitations_sent_at is not None


def test_a_draft_is_not_sent(org: Organisation, managers: list[Person]) -> None:
    event = make_event(org, status=Event.Status.DRAFT)
    with pytest.raises(ValidationError, match="Publish"):
        services.event_invite(event=event, link=LINK)


def test_dietary_needs_are_deleted_after_the_event(
    org: Organisation, managers: list[Person], capsys: pytest.CaptureFixture[str]
) -> None:
    today = timezone.localdate()
    past = make_event(org, date=today + dt.timedelta(days=2))
    future = make_event(org, date=today + dt.timedelta(days=20))
    services.registration_create(event=past, person=managers[0], dietary_needs="Laktosfri")
    services.registration_create(event=future, person=managers[1], dietary_needs="Vegansk")
    assert services.event_purge_dietary_needs(today=today) == (0, 0)
    assert services.event_purge_dietary_needs(today=today + dt.timedelta(days=3)) == (1, 1)
    assert Registration.objects.get(event=past).dietary_needs == ""
    assert Registration.objects.get(event=future).dietary_needs == "Vegansk"
    call_command("purge_dietary_needs", "--today", (today + dt.timedelta(days=30)).isoformat())
    assert "1 registration(s) of 1 event(s)" in capsys.readouterr().out
    assert not Registration.objects.exclude(dietary_needs="").exists()


def test_seating_respects_table_size_and_keeps_managers_apart_from_their_boss(
    org: Organisation, managers: list[Person]
) -> None:
    event = make_event(org, kind=Event.Kind.LEADERSHIP_DAY, capacity=None)
    for person in managers:
        services.registration_create(event=event, person=person)
    seating = event_seat(event=event, table_size=4, time_limit=2)
    result = check(seating.instance, seating.solution)
    assert result.ok, result.violations
    assert seating.instance["apart"]  # every unit manager and their chief
    assert seating.tables == 5
    registrations = Registration.objects.filter(event=event).select_related("person")
    table = {r.person_id: r.table_number for r in registrations}
    assert set(table.values()) == {1, 2, 3, 4, 5}
    for r in registrations:
        assert r.person.manager_id is None or table[r.person_id] != table[r.person.manager_id]
    for t in seating_tables(event=event):
        assert len(t.people) <= 4
        # Four administrations, four seats: the engine mixes them fully.
        assert all(count == 1 for _, count in t.per_administration)
    event.refresh_from_db()
    assert event.seating_bound is not None
    assert event.seating_percent == pytest.approx(100 * result.objective / event.seating_bound)


def test_seating_needs_at_least_two_registered(org: Organisation, managers: list[Person]) -> None:
    event = make_event(org, kind=Event.Kind.LEADERSHIP_DAY)
    services.registration_create(event=event, person=managers[0])
    with pytest.raises(ValidationError, match="At least two"):
        event_seat(event=event, table_size=10)
