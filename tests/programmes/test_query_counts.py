"""List pages issue the same number of SQL queries with 10 rows as with 1,000."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plantskola.core.models import Person
from plantskola.programmes.models import Edition, Participant, Programme, Session
from tests.conftest import World

pytestmark = pytest.mark.django_db


def add_people(world: World, n: int) -> list[Person]:
    start = Person.objects.count()
    people = [
        Person(
            organisation=world.host,
            employee_number=f"Q{start + i}",
            first_name=f"Förnamn{i}",
            last_name=f"Efternamn{i}",
            unit_id=world.unit_id,
            manager=world.manager_person,
        )
        for i in range(n)
    ]
    return Person.objects.bulk_create(people)


def add_participants(world: World, n: int) -> None:
    people = add_people(world, n)
    Participant.objects.bulk_create(
        Participant(edition=world.edition, person=p, group=world.group) for p in people
    )


def add_sessions(world: World, n: int) -> None:
    Session.objects.bulk_create(
        Session(
            edition=world.edition,
            group=world.group,
            title=f"Tillfälle {i}",
            date=dt.date(2026, 12, 1) + dt.timedelta(days=i),
            start_time=dt.time(9),
            end_time=dt.time(12),
        )
        for i in range(n)
    )


def add_programmes(world: World, n: int) -> None:
    start = Programme.objects.count()
    programmes = Programme.objects.bulk_create(
        Programme(organisation=world.host, name=f"Program {start + i}") for i in range(n)
    )
    Edition.objects.bulk_create(
        Edition(
            programme=p,
            name="Omgång 1",
            start_date=dt.date(2026, 1, 1),
            end_date=dt.date(2026, 6, 1),
        )
        for p in programmes
    )


def count_queries(world: World, role: str, url: str) -> int:
    client = world.client_for(role)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


CASES: list[tuple[str, str, Callable[[World, int], object], Callable[[World], str]]] = [
    ("hr", "people", add_people, lambda w: "/personer/"),
    ("manager", "people-as-manager", add_people, lambda w: "/personer/"),
    ("hr", "unit-people", add_people, lambda w: f"/enheter/{w.unit_id}/"),
    (
        "coordinator",
        "participants",
        add_participants,
        lambda w: f"/omgangar/{w.edition.pk}/deltagare/",
    ),
    (
        "partner",
        "participants-as-partner",
        add_participants,
        lambda w: f"/omgangar/{w.edition.pk}/deltagare/",
    ),
    ("coordinator", "edition-sessions", add_sessions, lambda w: f"/omgangar/{w.edition.pk}/"),
    ("participant", "my-sessions", add_sessions, lambda w: "/mina-tillfallen/"),
    ("coordinator", "programmes", add_programmes, lambda w: "/program/"),
    ("leader", "attendance", add_participants, lambda w: f"/tillfallen/{w.session.pk}/narvaro/"),
    ("coordinator", "home", add_programmes, lambda w: "/"),
]


@pytest.mark.parametrize(("role", "name", "grow", "url"), CASES, ids=[c[1] for c in CASES])
def test_list_page_query_count_does_not_grow_with_rows(
    world: World,
    role: str,
    name: str,
    grow: Callable[[World, int], object],
    url: Callable[[World], str],
) -> None:
    grow(world, 10)
    small = count_queries(world, role, url(world))
    grow(world, 990)
    large = count_queries(world, role, url(world))
    assert small == large, f"{name}: {small} queries with 10 rows, {large} with 1,000"
