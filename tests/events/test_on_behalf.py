"""Registration on behalf of others: a closest manager for the people of their unit subtree,
an organiser for anyone in the organisation; the search finds only those within reach."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks

from plantskola.core.models import Person
from plantskola.core.services import unit_create
from plantskola.events.models import Event, Registration
from tests.conftest import World
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db


def unit_event(world: World) -> Event:
    """A café for everyone (not only managers) in the host's units."""
    event = make_event(world.host, audience=Event.Audience.UNITS, managers_only=False)
    event.target_units.set(world.host.units.filter(parent__isnull=True))
    return event


def outside_person(world: World) -> Person:
    """A host employee outside the manager's unit subtree (HR's department)."""
    hr_unit = unit_create(organisation=world.host, code="EKO", name="Ekonomiavdelningen")
    return Person.objects.create(
        organisation=world.host,
        employee_number="H900",
        first_name="Ulla",
        last_name="Utanför",
        email="ulla@host.example",
        unit=hr_unit,
    )


def test_a_manager_registers_a_person_of_their_unit_who_gets_the_confirmation(
    world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    event = unit_event(world)
    url = reverse("events:event_register_others", args=[event.pk])
    client = world.client_for("manager")
    found = client.get(url, {"q": "Erik"}).content.decode()
    assert world.employee.full_name in found
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"person": world.employee.pk, "dietary_needs": "Laktosfri"})
    assert response.status_code == 302
    registration = Registration.objects.get(event=event, person=world.employee)
    assert registration.status == Registration.Status.REGISTERED
    assert registration.registered_by == world.manager_person
    assert registration.dietary_needs == "Laktosfri"
    (message,) = mail.outbox
    assert message.to == [world.employee.email]
    assert f"{world.manager_person.full_name} har anmält dig" in message.body
    assert any(str(a[0]).endswith(".ics") for a in message.attachments if not isinstance(a, str))


def test_a_manager_cannot_register_someone_outside_their_units(world: World) -> None:
    stranger = outside_person(world)  # in the target group, outside the manager's units
    event = unit_event(world)
    url = reverse("events:event_register_others", args=[event.pk])
    client = world.client_for("manager")
    assert stranger.full_name not in client.get(url, {"q": "Ulla"}).content.decode()
    response = client.post(url, {"person": stranger.pk})
    assert response.status_code == 404
    assert not Registration.objects.filter(person=stranger).exists()
    # Nor anyone of another organisation.
    other = Person.objects.filter(organisation=world.other).first()
    assert other is not None
    assert client.post(url, {"person": other.pk}).status_code == 404


def test_a_coordinator_registers_anyone_in_the_organisation(world: World) -> None:
    stranger = outside_person(world)  # in the target group, outside the manager's units
    event = unit_event(world)
    url = reverse("events:event_register_others", args=[event.pk])
    client = world.client_for("coordinator")
    assert stranger.full_name in client.get(url, {"q": "Utanför"}).content.decode()
    assert client.post(url, {"person": stranger.pk}).status_code == 302
    assert Registration.objects.filter(event=event, person=stranger).exists()
    other = Person.objects.filter(organisation=world.other).first()
    assert other is not None
    assert client.post(url, {"person": other.pk}).status_code == 404


def test_someone_outside_the_target_group_is_refused_with_a_message(world: World) -> None:
    event = make_event(world.host)  # all managers; the employee is not one
    url = reverse("events:event_register_others", args=[event.pk])
    client = world.client_for("coordinator")
    found = client.get(url, {"q": "Erik"}).content.decode()
    # Found, but without a button to register him.
    assert world.employee.full_name in found
    assert f'name="person" value="{world.employee.pk}"' not in found
    response = client.post(url, {"person": world.employee.pk}, follow=True)
    assert response.status_code == 200
    assert not Registration.objects.filter(event=event).exists()


def test_people_without_reach_get_no_page(world: World) -> None:
    event = unit_event(world)
    url = reverse("events:event_register_others", args=[event.pk])
    # Invited but not a manager: may register themselves, not others (403).
    assert world.client_for("participant").get(url).status_code == 403
    assert world.client_for("outsider").get(url).status_code == 404
