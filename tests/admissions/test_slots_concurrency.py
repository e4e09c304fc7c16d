"""Two applicants booking the same interview slot at the same moment: exactly one gets it
(PostgreSQL; the slot rows are locked with SELECT … FOR UPDATE while a booking is decided)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from plantskola.admissions.models import Application, Interview, InterviewSlot
from plantskola.admissions.slots import services as slots
from tests.admissions.factories import make_call, person_of
from tests.conftest import build_world

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite (the embedded demo database) has no row locks; this race is tested in "
        "CI's PostgreSQL phase, the database a municipality runs in production",
    ),
]


def test_two_applicants_cannot_book_the_same_slot() -> None:
    world = build_world()
    call = make_call(world)
    start = timezone.now() + dt.timedelta(days=10)
    (slot,) = slots.slots_publish(
        call=call,
        first_start=start,
        count=1,
        minutes=60,
        pause=0,
        place="Stadshuset",
        interviewers=[person_of(world, "hr")],
        bookable_until=start - dt.timedelta(days=1),
    )
    applications = [
        Application.objects.create(
            call=call,
            applicant=person,
            status="submitted",
            interview_invited_at=timezone.now(),
        )
        for person in (world.employee, world.participant.person)
    ]
    barrier = threading.Barrier(2)
    refused: list[ValidationError] = []
    errors: list[BaseException] = []

    def book(application: Application) -> None:
        try:
            barrier.wait()
            slots.slot_book(application=application, slot=slot)
        except ValidationError as exc:
            refused.append(exc)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(refused) == 1
    slot = InterviewSlot.objects.get(pk=slot.pk)
    assert slot.application_id in {a.pk for a in applications}
    assert Interview.objects.count() == 1
