"""A diploma is dated by the ceremony, else by the edition's last session; never the click."""

from __future__ import annotations

import datetime as dt

import pytest

from plantskola.diplomas.services import diploma_issue
from plantskola.diplomas.verification.selectors import diploma_verify
from plantskola.programmes.models import Session
from tests.conftest import World
from tests.diplomas.helpers import complete, host_settings

pytestmark = pytest.mark.django_db


def test_the_diploma_bears_the_ceremony_date(world: World) -> None:
    host_settings(world)
    complete(world.participant)
    diploma, _ = diploma_issue(participant=world.participant, issued_by=None)
    assert diploma.dated_on == dt.date(2027, 6, 10)  # the world's ceremony, "Avslutning"
    assert diploma_verify(code=diploma.code).issued_on == dt.date(2027, 6, 10)


def test_without_a_ceremony_the_last_day_of_the_last_session(world: World) -> None:
    Session.objects.filter(kind=Session.Kind.CEREMONY).delete()
    for day, end in ((11, dt.time(16, 30)), (12, dt.time(12))):  # one session per day
        Session.objects.create(
            edition=world.edition,
            title="Initiativrik utvecklare",
            date=dt.date(2027, 5, day),
            start_time=dt.time(8, 30),
            end_time=end,
        )
    host_settings(world)
    complete(world.participant)
    diploma, _ = diploma_issue(participant=world.participant, issued_by=None)
    assert diploma.dated_on == dt.date(2027, 5, 12)
    assert diploma.date_shown == dt.date(2027, 5, 12)
