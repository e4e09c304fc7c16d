"""The data steps of issue 21's migrations, run on today's models: interviewers already
booked join their call's pool (an applicant of the call never does), and calls made before
the life cycle count as published."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from plantskola.admissions.models import Application, Call, Interview, PoolMember
from tests.admissions.factories import make_call, person_of
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_booked_interviewers_join_the_pool_but_not_an_applicant(world: World) -> None:
    pool = importlib.import_module("plantskola.admissions.migrations.0007_interviewer_pool")
    call = make_call(world)
    PoolMember.objects.all().delete()
    application = Application.objects.create(
        call=call, applicant=world.participant.person, status="submitted"
    )
    Application.objects.create(call=call, applicant=person_of(world, "steering"))
    start = timezone.now() + dt.timedelta(days=3)
    interview = Interview.objects.create(
        application=application,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        place="Rum 1",
        uid="migration@plantskola",
    )
    interview.interviewers.add(
        person_of(world, "hr"), person_of(world, "leader"), person_of(world, "steering")
    )
    pool.pool_existing_interviewers(django_apps, None)
    roles = dict(PoolMember.objects.filter(call=call).values_list("person__last_name", "role"))
    assert roles == {"Personal": "hr", "Kursledare": "manager_recruiter"}


def test_calls_before_the_life_cycle_count_as_published(world: World) -> None:
    life_cycle = importlib.import_module("plantskola.admissions.migrations.0009_call_life_cycle")
    call = make_call(world)
    Call.objects.filter(pk=call.pk).update(published_at=None)
    life_cycle.publish_existing_calls(django_apps, None)
    call.refresh_from_db()
    assert call.published_at == call.opens_at
