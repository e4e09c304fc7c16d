"""The events' mass-action task: takes the job's primary key and runs it."""

from __future__ import annotations

from django_tasks import task

from plantskola.events.running import event_job_run


@task()
def run_event_job(job_id: str) -> None:
    event_job_run(job_id=job_id)
