"""The network directory: who finds whom, opt-in contact details, the profile form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plantskola.access.programmes import network_participants_for_user
from plantskola.core.models import Organisation, Person
from plantskola.programmes.models import Edition, NetworkProfile, Participant, Programme
from tests.conftest import World
from tests.html import main_region

pytestmark = pytest.mark.django_db


def _names(w: World, role: str) -> set[str]:
    user = w.users[role]
    assert user is not None
    return {p.person.first_name for p in network_participants_for_user(user)}


def _alumnus(
    w: World,
    first: str,
    *,
    org: Organisation | None = None,
    programme: Programme | None = None,
    status: str = "completed",
) -> Participant:
    org = org or w.host
    person = Person.objects.create(
        organisation=org,
        employee_number=f"N-{first}",
        first_name=first,
        last_name="Alumn",
        email=f"{first.lower()}@example.se",
        title="Enhetschef",
    )
    programme = programme or w.programme
    edition, _ = Edition.objects.get_or_create(
        programme=programme,
        name="Omgång 2019",
        defaults={"start_date": dt.date(2019, 9, 1), "end_date": dt.date(2020, 6, 1)},
    )
    return Participant.objects.create(edition=edition, person=person, status=status)


def test_participant_finds_peers_and_alumni_of_the_same_programme_only(world: World) -> None:
    _alumnus(world, "Alva")
    other_programme = Programme.objects.create(organisation=world.host, name="Annat program")
    _alumnus(world, "Otto", programme=other_programme)
    assert _names(world, "participant") == {"Pia", "Per", "Alva"}


def test_withdrawn_invited_departed_and_unlisted_people_are_not_in_the_directory(
    world: World,
) -> None:
    _alumnus(world, "Wilma", status="withdrawn")
    _alumnus(world, "Inez", status="invited")
    gone = _alumnus(world, "Gustav")
    Person.objects.filter(pk=gone.person_id).update(is_active=False)
    hidden = _alumnus(world, "Hedda")
    NetworkProfile.objects.create(person=hidden.person, listed=False)
    assert _names(world, "participant") == {"Pia", "Per"}
    assert _names(world, "admin") == {"Pia", "Per"}


def test_partner_staff_see_only_their_own_people_in_shared_programmes(world: World) -> None:
    assert _names(world, "partner") == {"Per"}
    assert _names(world, "hr") == {"Pia", "Per"}
    assert _names(world, "coordinator") == {"Pia", "Per"}
    assert _names(world, "outsider") == set()
    assert _names(world, "manager") == set()


def test_contact_details_only_where_the_person_opted_in(world: World) -> None:
    alva = _alumnus(world, "Alva")
    _alumnus(world, "Bror")
    NetworkProfile.objects.create(
        person=alva.person, share_email=True, phone="070-123 45 67", share_phone=False
    )
    page = (
        world.client_for("participant")
        .get(reverse("programmes:network_directory"))
        .content.decode()
    )
    assert "alva@example.se" in page
    assert "070-123 45 67" not in page
    assert "bror@example.se" not in page
    assert "Bror" in page


def test_filters_narrow_the_directory(world: World) -> None:
    _alumnus(world, "Alva")
    client = world.client_for("participant")
    page = client.get(reverse("programmes:network_directory"), {"year": 2019}).content.decode()
    page = main_region(page)
    assert "Alva" in page and "Pia" not in page
    page = client.get(reverse("programmes:network_directory"), {"q": "deltag"}).content.decode()
    page = main_region(page)
    assert "Pia" in page and "Alva" not in page
    page = client.get(
        reverse("programmes:network_directory"), {"organisation": world.partner.pk}
    ).content.decode()
    page = main_region(page)
    assert "Per" in page and "Pia" not in page
    # A programme the user cannot see is not a choice: the filter says so and lists nothing new.
    hidden = Programme.objects.create(organisation=world.other, name="Hemligt")
    response = client.get(reverse("programmes:network_directory"), {"programme": hidden.pk})
    assert response.status_code == 200
    assert "Hemligt" not in response.content.decode()


def test_directory_query_count_does_not_grow_with_rows(world: World) -> None:
    client = world.client_for("participant")
    client.get(reverse("programmes:network_directory"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("programmes:network_directory"))
    for i in range(30):
        alumnus = _alumnus(world, f"Person{i}")
        NetworkProfile.objects.create(person=alumnus.person, share_email=True)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("programmes:network_directory"))
    assert response.content.decode().count("mailto:") == 30
    assert len(many) == len(few)


def test_profile_opt_in_and_a_phone_without_number_is_refused(world: World) -> None:
    client = world.client_for("participant")
    response = client.post(
        reverse("programmes:network_profile"), {"listed": "on", "share_phone": "on", "phone": ""}
    )
    assert response.status_code == 200
    assert not NetworkProfile.objects.exists()
    response = client.post(
        reverse("programmes:network_profile"),
        {"listed": "on", "share_phone": "on", "phone": "070-111 22 33", "presentation": "Hej"},
    )
    assert response.status_code == 302
    profile = NetworkProfile.objects.get(person=world.participant.person)
    assert profile.share_phone and profile.phone == "070-111 22 33" and not profile.share_email
    page = world.client_for("hr").get(reverse("programmes:network_directory")).content.decode()
    assert "070-111 22 33" in page and "Hej" in page
