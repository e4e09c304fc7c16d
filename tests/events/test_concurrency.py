"""Two people taking the last seat at the same moment: exactly one gets it (PostgreSQL; the
event row is locked with SELECT … FOR UPDATE while a registration is decided)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from plantskola.core.models import Organisation
from plantskola.events import services
from plantskola.events.models import Registration
from tests.events.conftest import build_managers, make_event

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need a database server"
    ),
]


def test_two_registrations_for_the_last_seat_cannot_both_succeed() -> None:
    org = Organisation.objects.create(name="Kungsbacka kommun", slug="kungsbacka")
    people = build_managers(org, administrations=1, per_administration=3)
    event = make_event(org, capacity=2)
    services.registration_create(event=event, person=people[0])
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def register(index: int) -> None:
        try:
            barrier.wait()
            services.registration_create(event=event, person=people[index])
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(i,)) for i in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    statuses = sorted(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses == ["registered", "registered", "waiting"]
