"""Running a queued mass action (called by `tasks.run_bulk_job`): the work, whole or not at
all, then the job's outcome for its progress page."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plantskola.core.models import User
from plantskola.programmes.attendance.services import attendance_all_present_except
from plantskola.programmes.introduction.services import new_managers_propose
from plantskola.programmes.invitations.services import (
    participants_invite,
    sessions_scheduled_notify,
)
from plantskola.programmes.models import BulkJob, Group, Participant, Session
from plantskola.programmes.services import participants_enrol, participants_set_status


def _work(job: BulkJob) -> str:
    params = job.params
    if job.kind == BulkJob.Kind.ENROL:
        group = Group.objects.filter(edition=job.edition, pk=params.get("group_id") or 0).first()
        added = participants_enrol(
            edition=job.edition, person_ids=list(params["person_ids"]), group=group
        )
        return _("%(count)s participants were added.") % {"count": added}
    if job.kind == BulkJob.Kind.STATUS:
        changed = participants_set_status(
            edition=job.edition,
            participant_ids=list(params["participant_ids"]),
            status=params["status"],
            reason=params.get("reason", ""),
        )
        return _("%(count)s participants were changed.") % {"count": changed}
    session = Session.objects.get(edition=job.edition, pk=params["session_id"])
    recorded_by = User.objects.filter(pk=job.requested_by_id or 0).first()
    count = attendance_all_present_except(
        session=session,
        participant_ids=list(params["participant_ids"]),
        absent_ids=list(params.get("absent_ids", [])),
        recorded_by=recorded_by,
    )
    return _("Attendance was recorded for %(count)s participants.") % {"count": count}


def _progress(job: BulkJob) -> Callable[[int], None]:
    def report(done: int) -> None:
        job.done = done
        job.save(update_fields=["done"])

    return report


def _invite_to_sessions(job: BulkJob, session_ids: list[int]) -> str:
    """Invitations to newly scheduled sessions (days): one message per person."""
    sent = sessions_scheduled_notify(
        session_ids=list(
            Session.objects.filter(edition=job.edition, pk__in=session_ids).values_list(
                "pk", flat=True
            )
        ),
        base_url=job.params.get("base_url", ""),
        progress=_progress(job),
    )
    return _("%(count)s invitations were queued for sending.") % {"count": sent}


def _invite(job: BulkJob, participant_ids: list[int]) -> str:
    """Invitations, one transaction each so the page shows them going out."""
    sent = participants_invite(
        edition=job.edition,
        participant_ids=participant_ids,
        base_url=job.params.get("base_url", ""),
        progress=_progress(job),
    )
    return _("%(count)s invitations were queued for sending.") % {"count": sent}


def _introduce(job: BulkJob) -> str:
    """New managers proposed for the introduction: enrolled, invited, their managers told."""
    added = new_managers_propose(
        organisation=job.edition.programme.organisation,
        edition=job.edition,
        person_ids=list(job.params["person_ids"]),
        base_url=job.params.get("base_url", ""),
        progress=_progress(job),
    )
    return _("%(count)s new managers were enrolled and invited.") % {"count": added}


def bulk_job_run(*, job_id: str) -> BulkJob:
    job = BulkJob.objects.select_related("edition__programme__organisation").get(pk=job_id)
    if job.status != BulkJob.Status.PENDING:
        return job  # already run (a task delivered twice changes nothing)
    job.status = BulkJob.Status.RUNNING
    job.save(update_fields=["status"])
    try:
        if job.kind == BulkJob.Kind.INVITE and "session_ids" in job.params:
            message = _invite_to_sessions(job, list(job.params["session_ids"]))
        elif job.kind == BulkJob.Kind.INVITE:
            message = _invite(job, list(job.params["participant_ids"]))
        elif job.kind == BulkJob.Kind.INTRODUCE:
            message = _introduce(job)
        else:
            with transaction.atomic():
                message = _work(job)
            if job.kind == BulkJob.Kind.ENROL and job.params.get("invite"):
                added = Participant.objects.filter(
                    edition=job.edition, person_id__in=list(job.params["person_ids"])
                ).values_list("pk", flat=True)
                message += " " + _invite(job, list(added))
    except ValidationError as exc:
        job.status = BulkJob.Status.FAILED
        job.message = " ".join(exc.messages)[:300]
    else:
        job.status = BulkJob.Status.DONE
        job.done = job.total
        job.message = message[:300]
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "done", "message", "finished_at"])
    return job
