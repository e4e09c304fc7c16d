"""Capacity one way everywhere: empty = no limit, a number = places (at least 1), withdrawn
never count, overbooking warned about; the edition's side."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from plantskola.core.models import Person
from plantskola.programmes.capacity import Places
from plantskola.programmes.enrolment.selectors import Who
from plantskola.programmes.forms import EditionForm
from plantskola.programmes.models import Participant
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_empty_means_no_limit() -> None:
    places = Places(capacity=None, taken=500)
    assert not places.limited and not places.full and places.left is None and places.over == 0
    assert not places.few_left


def test_a_number_is_that_many_places() -> None:
    assert Places(capacity=15, taken=15).full
    assert Places(capacity=15, taken=14).left == 1
    assert Places(capacity=15, taken=17).over == 2
    assert Places(capacity=15, taken=17).left == 0
    assert Places(capacity=15, taken=3).after_adding(13).over == 1


def test_places_left_are_worth_telling_only_when_few() -> None:
    assert not Places(capacity=100, taken=10).few_left
    assert Places(capacity=100, taken=80).few_left  # 20 left: a fifth
    assert Places(capacity=15, taken=10).few_left  # 5 left
    assert not Places(capacity=15, taken=9).few_left
    assert not Places(capacity=15, taken=15).few_left  # full: the waiting list is the news


def edition_data(world: World, capacity: str) -> dict[str, Any]:
    e = world.edition
    return {
        "name": e.name,
        "start_date": e.start_date.isoformat(),
        "end_date": e.end_date.isoformat(),
        "capacity": capacity,
        "status": e.status,
        "min_attendance_percent": e.min_attendance_percent,
    }


def test_a_capacity_of_zero_is_refused_with_a_message(world: World) -> None:
    form = EditionForm(edition_data(world, "0"), instance=world.edition, programme=world.programme)
    assert not form.is_valid()
    assert "at least 1" in str(form.errors["capacity"]) or "minst 1" in str(form.errors["capacity"])
    empty = EditionForm(edition_data(world, ""), instance=world.edition, programme=world.programme)
    assert empty.is_valid()
    assert empty.cleaned_data["capacity"] is None


def test_withdrawn_participants_take_no_place(world: World) -> None:
    assert world.edition.places.taken == 2
    Participant.objects.filter(pk=world.participant.pk).update(status="withdrawn")
    assert world.edition.places.taken == 1
    page = world.client_for("coordinator").get(
        reverse("programmes:edition_detail", args=[world.edition.pk])
    )
    assert page.context["participant_count"] == 1
    listing = world.client_for("coordinator").get(
        reverse("programmes:programme_detail", args=[world.programme.pk])
    )
    assert [e.participant_count for e in listing.context["editions"]] == [1]


def test_adding_beyond_the_capacity_warns(world: World) -> None:
    world.edition.capacity = 2
    world.edition.save(update_fields=["capacity"])
    client = world.client_for("coordinator")
    response = client.post(
        reverse("programmes:participant_add", args=[world.edition.pk]),
        {"person": world.employee.pk},
        follow=True,
    )
    texts = [str(m) for m in response.context["messages"]]
    assert any("3" in t and "2" in t for t in texts[1:]), texts
    assert world.edition.places.over == 1


def test_the_rule_preview_warns_of_overbooking(world: World) -> None:
    world.edition.capacity = 2
    world.edition.save(update_fields=["capacity"])
    page = world.client_for("coordinator").get(
        reverse("programmes:enrolment_rule", args=[world.edition.pk]), {"who": Who.MANAGERS}
    )
    assert page.context["preview"].count == 1
    assert page.context["places"].over == 1
    Person.objects.filter(pk=world.manager_person.pk).update(is_manager=False)
    page = world.client_for("coordinator").get(
        reverse("programmes:enrolment_rule", args=[world.edition.pk]), {"who": Who.MANAGERS}
    )
    assert page.context["places"].over == 0
