"""Running a confirmed mass action on an event (called by `tasks.run_event_job`): the
invitations one message at a time with progress, or a re-seating applied whole."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from plantskola.events.models import EventJob
from plantskola.events.seating.services import seating_apply
from plantskola.events.services import event_invite


def _progress(job: EventJob) -> Callable[[int], None]:
    def report(done: int) -> None:
        job.done = done
        job.save(update_fields=["done"])

    return report


def _work(job: EventJob) -> str:
    if job.kind == EventJob.Kind.INVITE:
        sent = event_invite(event=job.event, link=job.params["link"], progress=_progress(job))
        return _("%(count)s invitations were queued for sending.") % {"count": sent}
    params = job.params
    seated = seating_apply(
        event=job.event,
        table_of={int(k): int(v) for k, v in params["tables"].items()},
        objective=params["objective"],
        bound=params["bound"],
        table_size=params["table_size"],
    )
    return _("%(count)s people were seated at their tables.") % {"count": seated}


def event_job_run(*, job_id: str) -> EventJob:
    job = EventJob.objects.select_related("event__organisation").get(pk=job_id)
    if job.status != EventJob.Status.PENDING:
        return job  # a proposal not confirmed, or already run (a task delivered twice)
    job.status = EventJob.Status.RUNNING
    job.save(update_fields=["status"])
    try:
        message = _work(job)
    except ValidationError as exc:
        job.status = EventJob.Status.FAILED
        job.message = " ".join(exc.messages)[:300]
    else:
        job.status = EventJob.Status.DONE
        job.done = job.total
        job.message = message[:300]
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "done", "message", "finished_at"])
    return job
