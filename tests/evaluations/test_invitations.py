"""Invitations and reminders by e-mail (outbox templates, task queue); the command is
idempotent."""

from __future__ import annotations

import datetime as dt
import io

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks

from plantskola.core.models import OutgoingEmail
from plantskola.evaluations.models import ResponseToken
from tests.conftest import World
from tests.evaluations.helpers import add_participants, answer, session_survey


def _remind(day: dt.date) -> str:
    out = io.StringIO()
    call_command("remind_evaluations", f"--today={day.isoformat()}", stdout=out)
    return out.getvalue()


def test_invitations_go_to_every_respondent_and_reminders_only_to_those_who_have_not_answered(
    world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    survey = session_survey(world)
    extra = add_participants(world, world.group, 2)
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client_for("coordinator").post(
            reverse("evaluations:survey_send", args=[survey.pk])
        )
    assert response.status_code == 302
    # Grupp 1: Pia, Per (partner) and the two extra; tokens for all, made up front.
    assert ResponseToken.objects.filter(survey=survey).count() == 4
    assert len(mail.outbox) == 4
    invitation = mail.outbox[0]
    assert (
        "Utvärdering" in invitation.subject
        and f"/utvarderingar/{survey.pk}/svara/" in invitation.body
    )
    assert "anonym" in invitation.body
    answer(survey, world.participant.person, 5)
    answer(survey, extra[0], 4)
    mail.outbox.clear()
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        assert _remind(today).startswith("0")  # too early: invited today
    with django_capture_on_commit_callbacks(execute=True):
        assert _remind(today + dt.timedelta(days=3)).startswith("2")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.partner_participant.person.email, extra[1].email]
    )
    assert all(m.subject.startswith("Påminnelse") for m in mail.outbox)
    # Idempotent: again the same day, and the next days, nothing; a week later once more.
    with django_capture_on_commit_callbacks(execute=True):
        assert _remind(today + dt.timedelta(days=3)).startswith("0")
        assert _remind(today + dt.timedelta(days=5)).startswith("0")
    with django_capture_on_commit_callbacks(execute=True):
        assert _remind(today + dt.timedelta(days=10)).startswith("2")
    # After closing, nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert _remind(survey.closes_on + dt.timedelta(days=1)).startswith("0")
    assert OutgoingEmail.objects.filter(template_key="evaluation_reminder").count() == 4


def test_a_closed_survey_sends_no_invitations(world: World) -> None:
    survey = session_survey(world)
    survey.opens_on = timezone.localdate() - dt.timedelta(days=10)
    survey.closes_on = timezone.localdate() - dt.timedelta(days=1)
    survey.save()
    world.client_for("coordinator").post(reverse("evaluations:survey_send", args=[survey.pk]))
    assert not OutgoingEmail.objects.exists()
    assert survey.invitations_sent_on is None
