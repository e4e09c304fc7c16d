"""Who sees the insights: HR of the organisation everything, coordinators the pipeline of the
programmes they coordinate, nobody else anything; the pages' query counts do not grow."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from plantskola.core.models import User
from plantskola.programmes.models import Programme, ProgrammeRole
from tests.conftest import World, mark_two_factor_verified

pytestmark = pytest.mark.django_db


def _programme_coordinator(world: World) -> Client:
    user = User.objects.create_user(username="programkoordinator", password="x")  # noqa: S106
    ProgrammeRole.objects.create(user=user, programme=world.programme, role="coordinator")
    client = Client()
    client.force_login(user)
    mark_two_factor_verified(client)
    return client


def test_a_programme_coordinator_sees_only_their_programmes_pipeline(world: World) -> None:
    Programme.objects.create(organisation=world.host, name="Ett annat program")
    client = _programme_coordinator(world)
    home = client.get("/insikter/")
    assert home.status_code == 200 and "Värdkommun" in home.content.decode()
    page = client.get(f"/insikter/{world.host.pk}/chefsforsorjning/").content.decode()
    assert "Sveriges viktigaste chefsjobb" in page
    assert "Ett annat program" not in page
    assert client.get(f"/insikter/{world.host.pk}/rekrytering/").status_code == 403
    assert client.get(f"/insikter/{world.host.pk}/karriarhandelser/").status_code == 403
    assert client.get(f"/insikter/{world.partner.pk}/chefsforsorjning/").status_code == 404


def test_a_course_leader_sees_no_insights(world: World) -> None:
    client = world.client_for("leader")
    assert client.get("/insikter/").status_code == 403
    assert client.get(f"/insikter/{world.host.pk}/chefsforsorjning/").status_code == 404


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_pipeline_page_makes_as_many_queries_for_more_editions(world: World) -> None:
    client = world.client_for("hr")
    url = f"/insikter/{world.host.pk}/chefsforsorjning/"
    few = _count(client, url)
    for year in (2021, 2022, 2023):
        edition = world.programme.editions.create(
            name=f"Omgång {year}",
            start_date=dt.date(year, 1, 10),
            end_date=dt.date(year, 6, 30),
        )
        edition.participants.create(person=world.employee, status="completed")
        edition.participants.create(person=world.manager_person, status="completed")
    assert _count(client, url) == few
