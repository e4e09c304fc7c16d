"""Mass actions on an event, after a preview and a confirmation: the invitations to the target
group, and a re-seating (first a proposal, shown as the moves it makes). The confirmed job is
run by the task worker (`events/running.py`) and its page shows the progress."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plantskola.core.models import User
from plantskola.events import selectors
from plantskola.events.models import Event, EventJob, Registration
from plantskola.events.seating.services import seating_propose
from plantskola.events.services import event_invitation_check
from plantskola.events.tasks import run_event_job

KEEP_FOR = dt.timedelta(days=7)


def _queue(job: EventJob) -> None:
    transaction.on_commit(lambda: run_event_job.enqueue(str(job.pk)))


@transaction.atomic
def event_invitations_request(*, event: Event, link: str, expected: int, user: User) -> EventJob:
    """Queue the invitations the organiser confirmed for `expected` recipients; refused if
    the recipients changed since the preview."""
    event_invitation_check(event=event)
    count = selectors.event_invitation_recipients(event=event).count()
    if count == 0:
        raise ValidationError(_("Nobody in the target group has an e-mail address."))
    if count != expected:
        raise ValidationError(
            _(
                "The target group has changed since the preview: %(now)s would get the "
                "invitation now. Check the message again before you send."
            )
            % {"now": count}
        )
    EventJob.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()
    job = EventJob.objects.create(
        event=event,
        kind=EventJob.Kind.INVITE,
        params={"link": link},
        total=count,
        requested_by=user,
    )
    _queue(job)
    return job


def _keep_numbers(groups: list[list[str]], current: dict[int, int]) -> dict[int, list[str]]:
    """Number the new tables so that as many people as possible keep their table number (the
    engine numbers its groups at random): greedily, the largest overlap first."""
    overlaps = sorted(
        (
            (-sum(1 for pid in group if current.get(int(pid)) == number), g, number)
            for g, group in enumerate(groups)
            for number in set(current.values())
        ),
    )
    numbered: dict[int, list[str]] = {}
    used_groups: set[int] = set()
    for negative, g, number in overlaps:
        if negative == 0 or g in used_groups or number in numbered or number > len(groups):
            continue
        numbered[number] = groups[g]
        used_groups.add(g)
    free = (n for n in range(1, len(groups) + 1) if n not in numbered)
    for g, group in enumerate(groups):
        if g not in used_groups:
            numbered[next(free)] = group
    return dict(sorted(numbered.items()))


@transaction.atomic
def event_seating_propose(
    *, event: Event, table_size: int, mix_gender: bool, mix_age: bool, user: User
) -> EventJob:
    """Make tables with the engine and keep them as a proposal to confirm; an earlier
    proposal for the event that was never confirmed is replaced."""
    solution = seating_propose(
        event=event, table_size=table_size, mix_gender=mix_gender, mix_age=mix_age
    )
    EventJob.objects.filter(
        event=event, kind=EventJob.Kind.SEATING, status=EventJob.Status.PROPOSED
    ).delete()
    current = {
        person_id: table
        for person_id, table in Registration.objects.filter(
            event=event, status=Registration.Status.REGISTERED
        ).values_list("person_id", "table_number")
        if table is not None
    }
    tables = {
        str(person_id): n
        for n, table in _keep_numbers(solution["groups"], current).items()
        for person_id in table
    }
    return EventJob.objects.create(
        event=event,
        kind=EventJob.Kind.SEATING,
        status=EventJob.Status.PROPOSED,
        params={
            "tables": tables,
            "objective": solution["objective"],
            "bound": solution["bound"],
            "table_size": table_size,
        },
        total=len(tables),
        requested_by=user,
    )


@transaction.atomic
def event_seating_confirm(*, job: EventJob) -> EventJob:
    """Apply a proposal (queued); refused when someone registered or cancelled since."""
    job = EventJob.objects.select_for_update().get(pk=job.pk)
    if job.kind != EventJob.Kind.SEATING or job.status != EventJob.Status.PROPOSED:
        raise ValidationError(_("This seating has already been applied or replaced."))
    registered = set(
        Registration.objects.filter(
            event_id=job.event_id, status=Registration.Status.REGISTERED
        ).values_list("person_id", flat=True)
    )
    if registered != {int(k) for k in job.params["tables"]}:
        raise ValidationError(
            _(
                "The registrations have changed since the tables were made. Make the tables "
                "again and check the changes before you apply them."
            )
        )
    job.status = EventJob.Status.PENDING
    job.save(update_fields=["status"])
    _queue(job)
    return job
