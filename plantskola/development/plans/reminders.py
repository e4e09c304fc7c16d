"""Follow-up reminders: 3 and 6 months after an edition ends, the participant (and the manager
they shared their plan with) is asked to follow the plan up; `plantskola remind_plans` sends
them, each once."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse

from plantskola.core.mail.services import email_queue
from plantskola.development.plans.mail import kind_word
from plantskola.development.plans.models import DevelopmentPlan, PlanAction, PlanReminder
from plantskola.development.plans.services import plan_kind_for
from plantskola.privacy.weeding import add_months
from plantskola.programmes.models import Participant

REMINDER_MONTHS = (3, 6)
# A reminder goes out on the first run of `remind_plans` on or after its day, but not if the
# run is more than this late: old editions (and the demo's) do not get a flood of reminders.
REMINDER_GRACE_DAYS = 30


def reminders_due(*, today: dt.date) -> list[tuple[Participant, int]]:
    """(participant, months) whose follow-up falls due by `today` and has not been sent."""
    earliest_end = add_months(today, -max(REMINDER_MONTHS)) - dt.timedelta(days=REMINDER_GRACE_DAYS)
    participants = (
        Participant.objects.filter(
            edition__end_date__gte=earliest_end,
            edition__end_date__lt=today,
            status__in=[Participant.Status.ACTIVE, Participant.Status.COMPLETED],
        )
        .select_related("person", "edition__programme__organisation")
        .order_by("pk")
    )
    sent = set(
        PlanReminder.objects.filter(participant__in=participants).values_list(
            "participant_id", "months"
        )
    )
    due = []
    for participant in participants:
        for months in REMINDER_MONTHS:
            day = add_months(participant.edition.end_date, months)
            if day <= today <= day + dt.timedelta(days=REMINDER_GRACE_DAYS):
                if (participant.pk, months) not in sent:
                    due.append((participant, months))
    return due


def _progress(plan: DevelopmentPlan | None) -> int:
    if plan is None:
        return 0
    actions = PlanAction.objects.filter(goal__plan=plan)
    total = actions.count()
    return round(100 * actions.filter(done=True).count() / total) if total else 0


def plan_reminders_send(*, today: dt.date, site_url: str) -> int:
    """Send every follow-up reminder due by `today`, each once; returns how many went out.

    Each reminder is its own transaction: the `PlanReminder` row and its e-mails commit
    together, so a second run (or a concurrent one) never sends the same reminder again."""
    count = 0
    base = site_url.rstrip("/")
    for participant, months in reminders_due(today=today):
        try:
            with transaction.atomic():
                PlanReminder.objects.create(participant=participant, months=months)
                _send_reminder(participant, months, base)
        except IntegrityError:
            continue  # another run sent it
        count += 1
    return count


def _send_reminder(participant: Participant, months: int, base: str) -> None:
    edition = participant.edition
    organisation = edition.programme.organisation
    plan = DevelopmentPlan.objects.filter(participant=participant).select_related("manager").first()
    kind = plan.kind if plan is not None else plan_kind_for(participant)
    kind_label = kind_word(kind)
    context: dict[str, object] = {
        "months": months,
        "edition": edition.name,
        "programme": edition.programme.name,
        "organisation": organisation.name,
        "plan_kind": kind_label,
        "progress": _progress(plan),
        "has_plan": plan is not None,
    }
    person = participant.person
    if person.email:
        email_queue(
            organisation=organisation,
            key="plan_followup",
            to=[person.email],
            context={
                **context,
                "name": person.first_name,
                "url": base + reverse("development:my_development"),
            },
        )
    if plan is not None and plan.share_with_manager and plan.manager and plan.manager.email:
        email_queue(
            organisation=organisation,
            key="plan_followup_manager",
            to=[plan.manager.email],
            context={
                **context,
                "name": plan.manager.first_name,
                "participant": person.full_name,
                "url": base + reverse("development:plan_detail", args=[plan.pk]),
            },
        )
