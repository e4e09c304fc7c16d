"""Managers whose reference is missing get one reminder shortly before the deadline."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from plantskola.admissions.models import Application, Reference
from tests.admissions.factories import make_call
from tests.conftest import World

pytestmark = pytest.mark.django_db


def requested(w: World, *, status: str = "requested") -> Reference:
    call = make_call(w)
    application = Application.objects.create(
        call=call, applicant=w.participant.person, status="submitted", manager=w.manager_person
    )
    return Reference.objects.create(
        application=application,
        manager=w.manager_person,
        token_hash="x",
        expires_on=call.reference_deadline,
        status=status,
    )


def test_a_missing_reference_is_reminded_once_near_the_deadline(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    reference = requested(world)
    deadline = reference.expires_on
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_references", today=deadline - dt.timedelta(days=10), stdout=out)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_references", today=deadline - dt.timedelta(days=2), stdout=out)
        call_command("remind_references", today=deadline - dt.timedelta(days=1), stdout=out)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [world.manager_person.email]
    assert "Påminnelse" in mail.outbox[0].subject
    reference.refresh_from_db()
    assert reference.reminders_sent == 1


def test_given_references_are_not_reminded(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    reference = requested(world, status="given")
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "remind_references",
            today=reference.expires_on - dt.timedelta(days=1),
            stdout=StringIO(),
        )
    assert mail.outbox == []
