"""The mass-action task: takes the job's primary key and runs it."""

from __future__ import annotations

from django_tasks import task

from plantskola.programmes.enrolment.running import bulk_job_run


@task()
def run_bulk_job(job_id: str) -> None:
    bulk_job_run(job_id=job_id)
