"""Module surveys that open by themselves N days after the module's last day (configurable
per programme), with invitations, a reminder and a closing date."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from plantskola.evaluations import services
from plantskola.evaluations.models import Survey
from plantskola.evaluations.schedule.models import SurveySchedule
from plantskola.evaluations.schedule.services import module_surveys_open
from plantskola.programmes.models import Session
from tests.conftest import World
from tests.evaluations.helpers import template

pytestmark = pytest.mark.django_db
LAST_DAY = dt.date(2026, 12, 3)  # the world's module: one session, Grupp 1


def schedule(world: World, **extra: Any) -> SurveySchedule:
    return SurveySchedule.objects.create(
        programme=world.programme, template=template(world), **extra
    )


def run(today: dt.date, capture: Any) -> list[Survey]:
    with capture(execute=True):
        return module_surveys_open(today=today)


def test_the_survey_opens_the_set_number_of_days_after_the_last_day(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    schedule(world, open_after_days=2, open_for_days=10)
    assert run(LAST_DAY + dt.timedelta(days=1), django_capture_on_commit_callbacks) == []
    (survey,) = run(LAST_DAY + dt.timedelta(days=2), django_capture_on_commit_callbacks)
    assert survey.module == world.module and survey.target == Survey.Target.MODULE
    assert survey.opens_on == dt.date(2026, 12, 5)
    assert survey.closes_on == dt.date(2026, 12, 14)
    assert survey.invitations_sent_on == dt.date(2026, 12, 5)
    invited = sorted(m.to[0] for m in mail.outbox)
    assert invited == sorted(
        [world.participant.person.email, world.partner_participant.person.email]
    )


def test_opening_is_idempotent(world: World, django_capture_on_commit_callbacks: Any) -> None:
    schedule(world)
    day = LAST_DAY + dt.timedelta(days=1)
    assert len(run(day, django_capture_on_commit_callbacks)) == 1
    assert run(day, django_capture_on_commit_callbacks) == []
    assert run(day + dt.timedelta(days=1), django_capture_on_commit_callbacks) == []
    assert Survey.objects.filter(module=world.module).count() == 1


def test_a_missed_day_catches_up_while_the_survey_would_still_be_open(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    schedule(world, open_after_days=1, open_for_days=5)
    (survey,) = run(LAST_DAY + dt.timedelta(days=3), django_capture_on_commit_callbacks)
    assert survey.opens_on == LAST_DAY + dt.timedelta(days=1)
    assert survey.closes_on == LAST_DAY + dt.timedelta(days=5)


def test_nothing_opens_after_the_window_or_without_a_schedule(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    assert run(LAST_DAY + dt.timedelta(days=1), django_capture_on_commit_callbacks) == []
    schedule(world, open_after_days=1, open_for_days=5)
    assert run(LAST_DAY + dt.timedelta(days=6), django_capture_on_commit_callbacks) == []
    SurveySchedule.objects.update(enabled=False)
    assert run(LAST_DAY + dt.timedelta(days=2), django_capture_on_commit_callbacks) == []


def test_a_module_of_several_days_waits_for_its_last_day(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    Session.objects.create(
        edition=world.edition,
        module=world.module,
        title="Del av en helhet, dag 2",
        date=dt.date(2026, 12, 10),
        start_time=dt.time(8, 30),
        end_time=dt.time(12),
    )
    schedule(world, open_after_days=1)
    assert run(LAST_DAY + dt.timedelta(days=1), django_capture_on_commit_callbacks) == []
    assert len(run(dt.date(2026, 12, 11), django_capture_on_commit_callbacks)) == 1


def test_those_who_have_not_answered_get_a_reminder(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    schedule(world, open_after_days=1, open_for_days=14)
    opened_on = LAST_DAY + dt.timedelta(days=1)
    run(opened_on, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reminded = services.surveys_remind(today=opened_on + dt.timedelta(days=3))
    assert reminded == 2
    assert all("Påminnelse" in m.subject for m in mail.outbox)


def test_a_module_survey_cannot_open_before_the_module_has_taken_place(world: World) -> None:
    Session.objects.create(
        edition=world.edition,
        module=world.module,
        title="Del av en helhet, dag 2",
        date=dt.date(2099, 1, 10),
        start_time=dt.time(9),
        end_time=dt.time(16),
    )
    with pytest.raises(ValidationError, match="2099-01-10"):
        services.survey_create(
            template=template(world),
            title="För tidigt",
            target=world.module,
            opens_on=dt.date(2099, 1, 9),
            closes_on=dt.date(2099, 1, 20),
        )
    assert not Survey.objects.exists()


def test_a_session_survey_cannot_open_before_the_session(world: World) -> None:
    later = Session.objects.create(
        edition=world.edition,
        module=world.module,
        title="Uppföljning",
        date=dt.date(2099, 2, 3),
        start_time=dt.time(9),
        end_time=dt.time(12),
    )
    with pytest.raises(ValidationError, match="2099-02-03"):
        services.survey_create(
            template=template(world),
            title="För tidigt",
            target=later,
            opens_on=dt.date(2099, 2, 2),
            closes_on=dt.date(2099, 2, 20),
        )
    assert not Survey.objects.exists()
    survey = services.survey_create(
        template=template(world),
        title="Samma dag",
        target=later,
        opens_on=later.date,
        closes_on=dt.date(2099, 2, 20),
    )
    assert survey.session == later


def test_the_command_opens_what_is_due(world: World) -> None:
    schedule(world)
    call_command("open_evaluations", "--today", "2026-12-04")
    assert Survey.objects.filter(module=world.module).exists()


def test_the_coordinator_sets_the_schedule(world: World) -> None:
    t = template(world)
    client = world.client_for("coordinator")
    url = reverse("evaluations:survey_schedule", args=[world.programme.pk])
    assert client.get(url).status_code == 200
    bad = client.post(
        url, {"enabled": "on", "template": t.pk, "open_after_days": 2, "open_for_days": 0}
    )
    assert bad.status_code == 400
    assert not SurveySchedule.objects.exists()
    ok = client.post(
        url, {"enabled": "on", "template": t.pk, "open_after_days": 2, "open_for_days": 10}
    )
    assert ok.status_code == 302
    saved = SurveySchedule.objects.get(programme=world.programme)
    assert (saved.template, saved.open_after_days, saved.open_for_days) == (t, 2, 10)
