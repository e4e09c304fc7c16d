"""The e-mail task. It takes a primary key, calls `email_send`, and after a failure enqueues
itself again with back-off (so the retry lives here, beside the task it enqueues)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from plantskola.core.mail.sending import email_send, retry_delay


@task()
def send_email(email_id: int) -> None:
    email = email_send(email_id=email_id)
    delay = retry_delay(email)
    if delay is not None:
        transaction.on_commit(
            lambda: send_email.using(run_after=timezone.now() + delay).enqueue(email_id)
        )
