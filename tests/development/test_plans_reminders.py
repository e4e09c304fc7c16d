"""Follow-up reminders 3 and 6 months after the edition ends: each once, to the participant
and, when the plan is shared with them, to the closest manager; `remind_plans` is idempotent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from plantskola.core.models import EmailTemplate
from plantskola.development.plans.models import PlanReminder
from plantskola.development.plans.reminders import plan_reminders_send, reminders_due
from plantskola.privacy.weeding import add_months
from plantskola.programmes.models import Participant
from tests.conftest import World
from tests.development.plans_helpers import make_plan

SITE = "https://plantskola.example"
END = dt.date(2027, 6, 30)  # the World's edition ends here


Run = Callable[[dt.date], str]


@pytest.fixture
def run(django_capture_on_commit_callbacks: Any) -> Run:
    """`remind_plans --today DAY`; the e-mails, sent after commit, go out at once."""

    def _run(today: dt.date) -> str:
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("remind_plans", "--today", today.isoformat(), stdout=out)
        return out.getvalue()

    return _run


def test_add_months_keeps_the_day_or_takes_the_months_last() -> None:
    assert add_months(dt.date(2027, 6, 30), 3) == dt.date(2027, 9, 30)
    assert add_months(dt.date(2027, 11, 30), 3) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2027, 8, 31), 6) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2027, 1, 15), -3) == dt.date(2026, 10, 15)


def test_nothing_is_due_before_three_months(world: World, run: Run) -> None:
    assert run(dt.date(2027, 9, 29)).startswith("0 ")
    assert not mail.outbox


def test_three_months_after_the_end_each_participant_is_reminded_once(
    world: World, run: Run
) -> None:
    make_plan(world, with_manager=True)
    out = run(dt.date(2027, 9, 30))
    assert out.startswith("2 ")  # Pia and the partner's participant
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == [
        "Dags att följa upp din handlingsplan från Sveriges viktigaste chefsjobb",
        "Dags att följa upp din handlingsplan från Sveriges viktigaste chefsjobb",
        "Uppföljning av Pia Deltagares handlingsplan",
    ]
    to_pia = next(m for m in mail.outbox if m.to == ["pia.deltagare@host.example"])
    assert "3 månader" in to_pia.body and "50 % av dina aktiviteter" in to_pia.body
    assert "/min-utveckling/" in to_pia.body
    to_maria = next(m for m in mail.outbox if m.to == ["maria.chef@host.example"])
    assert "/planer/" in to_maria.body

    # Run again the same day and the next: nothing more.
    assert run(dt.date(2027, 9, 30)).startswith("0 ")
    assert run(dt.date(2027, 10, 5)).startswith("0 ")
    assert len(mail.outbox) == 3
    assert PlanReminder.objects.filter(months=3).count() == 2


def test_six_months_after_the_end_the_second_reminder_goes_once(world: World, run: Run) -> None:
    make_plan(world)  # not shared: the manager gets nothing
    run(dt.date(2027, 10, 1))
    mail.outbox.clear()
    assert run(dt.date(2027, 12, 30)).startswith("2 ")
    assert all("6 månader" in m.body for m in mail.outbox)
    assert {tuple(m.to) for m in mail.outbox} == {
        ("pia.deltagare@host.example",),
        ("per.partner@partner.example",),
    }
    assert run(dt.date(2027, 12, 31)).startswith("0 ")
    assert PlanReminder.objects.count() == 4


def test_a_late_first_run_sends_only_what_is_recent_and_old_editions_stay_quiet(
    world: World,
) -> None:
    # A year after the end both reminders are long past: none is sent.
    assert reminders_due(today=dt.date(2028, 7, 1)) == []
    # Four months after the end: the 3-month reminder is still sent (within the grace
    # period); after the grace period it is skipped.
    assert {m for _, m in reminders_due(today=add_months(END, 3) + dt.timedelta(days=30))} == {3}
    assert reminders_due(today=add_months(END, 3) + dt.timedelta(days=31)) == []


def test_withdrawn_participants_are_not_reminded(world: World, run: Run) -> None:
    Participant.objects.filter(pk=world.partner_participant.pk).update(status="withdrawn")
    assert run(dt.date(2027, 9, 30)).startswith("1 ")
    assert [m.to for m in mail.outbox] == [["pia.deltagare@host.example"]]


def test_the_organisations_own_wording_is_used(world: World, run: Run) -> None:
    EmailTemplate.objects.create(
        organisation=world.host,
        key="plan_followup",
        subject="Uppföljning efter {{ months }} månader",
        body="Hej {{ name }}, se {{ url }}",
    )
    run(dt.date(2027, 9, 30))
    assert {m.subject for m in mail.outbox} == {"Uppföljning efter 3 månader"}
    assert any(m.body.startswith("Hej Pia, se ") for m in mail.outbox)


@pytest.mark.parametrize("today", [dt.date(2027, 9, 30)])
def test_the_reminder_rows_are_unique_per_participant_and_milestone(
    world: World, today: dt.date
) -> None:
    assert plan_reminders_send(today=today, site_url=SITE) == 2
    assert plan_reminders_send(today=today, site_url=SITE) == 0


def test_hr_can_edit_the_plan_e_mails(world: World) -> None:
    client = world.client_for("hr")
    listing = client.get(
        reverse("core:email_template_list", args=[world.host.slug])
    ).content.decode()
    assert "Uppföljning av handlingsplanen eller färdplanen, till deltagaren" in listing
    for key in ("plan_followup", "plan_followup_manager", "plan_shared", "plan_commented"):
        response = client.get(reverse("core:email_template_edit", args=[world.host.slug, key]))
        assert response.status_code == 200, key
