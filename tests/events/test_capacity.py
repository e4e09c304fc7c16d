"""Capacity one way everywhere, the events' side: the same rules as an edition's, a waiting
list beyond the places, and places left shown to participants only when it helps."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plantskola.core.models import Person
from plantskola.events import services
from plantskola.events.models import Event, Registration
from tests.conftest import World
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db


def other_managers(world: World, n: int) -> list[Person]:
    return [
        Person.objects.create(
            organisation=world.host,
            employee_number=f"E{i}",
            first_name=f"Chef{i}",
            last_name="Enhet",
            is_manager=True,
            unit=world.manager_person.unit,
        )
        for i in range(n)
    ]


def test_a_capacity_of_zero_is_refused(world: World) -> None:
    event = make_event(world.host, capacity=0)
    with pytest.raises(ValidationError) as caught:
        event.full_clean()
    assert "capacity" in caught.value.message_dict


def test_an_event_without_a_capacity_never_fills(world: World) -> None:
    event = make_event(world.host, capacity=None)
    for person in other_managers(world, 3):
        assert services.registration_create(event=event, person=person).status == "registered"
    assert not event.places.full


def test_cancelled_and_waiting_registrations_take_no_place(world: World) -> None:
    event = make_event(world.host, capacity=2)
    a, b, c = other_managers(world, 3)
    services.registration_create(event=event, person=a)
    services.registration_create(event=event, person=b)
    assert services.registration_create(event=event, person=c).status == "waiting"
    assert event.places.taken == 2
    services.registration_cancel(
        registration=Registration.objects.get(event=event, person=a), link="http://x/"
    )
    assert event.places.taken == 2  # c moved up into a's place
    assert Registration.objects.get(event=event, person=c).status == "registered"


def detail_text(world: World, event: Event, role: str) -> str:
    response = world.client_for(role).get(reverse("events:event_detail", args=[event.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_participant_sees_no_count_when_places_are_plenty(world: World) -> None:
    event = make_event(world.host, capacity=15)
    text = detail_text(world, event, "manager")
    assert "0 av 15" not in text
    assert "platser kvar" not in text.lower()


def test_a_participant_sees_the_places_left_when_few(world: World) -> None:
    event = make_event(world.host, capacity=3)
    services.registration_create(event=event, person=other_managers(world, 1)[0])
    assert "Bara 2 platser kvar" in detail_text(world, event, "manager")


def test_a_participant_sees_a_full_event_as_full(world: World) -> None:
    event = make_event(world.host, capacity=1)
    services.registration_create(event=event, person=other_managers(world, 1)[0])
    assert "väntelistan" in detail_text(world, event, "manager")


def test_the_organiser_sees_the_count(world: World) -> None:
    event = make_event(world.host, capacity=15)
    assert "0 av 15" in detail_text(world, event, "coordinator")


def test_lowering_the_capacity_below_the_registered_warns_the_organiser(world: World) -> None:
    event = make_event(world.host, capacity=3)
    for person in other_managers(world, 3):
        services.registration_create(event=event, person=person)
    client = world.client_for("coordinator")
    edit = client.get(reverse("events:event_update", args=[event.pk]))
    data = {
        k: v
        for k, v in edit.context["form"].initial.items()
        if v is not None and k != "target_units"
    }
    data.update({"capacity": 2, "organisation": world.host.pk})
    for key in ("date", "registration_opens", "registration_closes"):
        data[key] = getattr(event, key).isoformat()
    for key in ("start_time", "end_time"):
        data[key] = getattr(event, key).strftime("%H:%M")
    response = client.post(reverse("events:event_update", args=[event.pk]), data, follow=True)
    texts = [str(m) for m in response.context["messages"]]
    assert any("1" in t and "2" in t and "3" in t for t in texts), texts
    assert Registration.objects.filter(event=event, status="registered").count() == 3
