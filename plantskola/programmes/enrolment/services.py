"""Writes of the mass actions: a confirmed action becomes a job in the task queue."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from plantskola.core.models import User
from plantskola.programmes.enrolment.tasks import run_bulk_job
from plantskola.programmes.models import BulkJob, Edition

KEEP_FOR = dt.timedelta(days=7)


@transaction.atomic
def bulk_job_request(
    *, edition: Edition, kind: str, params: dict[str, Any], total: int, user: User
) -> BulkJob:
    """Queue a confirmed mass action; the worker runs it after commit. Jobs older than a
    week are deleted on the way (their lists of ids are of no use after that)."""
    BulkJob.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()
    job = BulkJob.objects.create(
        edition=edition, kind=kind, params=params, total=total, requested_by=user
    )
    transaction.on_commit(lambda: run_bulk_job.enqueue(str(job.pk)))
    return job
