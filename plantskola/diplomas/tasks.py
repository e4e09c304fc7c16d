"""The diplomas' task: the participant's e-mail about an issued diploma (see `mail.py`)."""

from __future__ import annotations

from django_tasks import task

from plantskola.diplomas.mail import diploma_issued_email_queue


@task()
def diploma_issued_notify(diploma_id: int, site_url: str) -> None:
    diploma_issued_email_queue(diploma_id=diploma_id, site_url=site_url)
