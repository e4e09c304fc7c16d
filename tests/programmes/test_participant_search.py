"""The coordinator's search for people to add to an edition (found by the crawler,
tests/core/test_crawler.py): the host's own roster is searched freely, a partner
organisation's people are found only by their whole name, e-mail address or employee number,
so the host cannot browse a partner's roster."""

from __future__ import annotations

from django.urls import reverse

from plantskola.core.models import Person
from tests.conftest import World


def _partner_employee(world: World) -> Person:
    return Person.objects.create(
        organisation=world.partner,
        employee_number="P777",
        first_name="Rut",
        last_name="Rosterqvist",
        email="rut.rosterqvist@partner.example",
    )


def _search(world: World, q: str) -> str:
    url = reverse("programmes:participant_list", args=[world.edition.pk])
    response = world.client_for("coordinator").get(url, {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def test_a_partners_roster_cannot_be_browsed(world: World) -> None:
    _partner_employee(world)
    assert "Rut Rosterqvist" not in _search(world, "example")
    assert "Rut Rosterqvist" not in _search(world, "Rosterqvist")
    assert "Rut Rosterqvist" not in _search(world, "rut.roster")


def test_a_named_partner_employee_is_found_by_e_mail_or_employee_number(world: World) -> None:
    _partner_employee(world)
    assert "Rut Rosterqvist" in _search(world, "Rut.Rosterqvist@partner.example")
    assert "Rut Rosterqvist" in _search(world, "p777")


def test_the_hosts_own_people_are_found_by_part_of_a_name(world: World) -> None:
    assert "Erik Anställd" in _search(world, "anst")
    assert "Erik Anställd" in _search(world, "host.example")


def test_a_named_partner_employee_is_found_by_their_whole_name(world: World) -> None:
    _partner_employee(world)
    assert "Rut Rosterqvist" in _search(world, "rut rosterqvist")
    # Part of the name is not enough: that would be browsing.
    assert "Rut Rosterqvist" not in _search(world, "Rut Roster")
    assert "Rut Rosterqvist" not in _search(world, "Rut")
