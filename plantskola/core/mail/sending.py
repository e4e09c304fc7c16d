"""Sending one queued e-mail: the work the `send_email` task does."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone

from plantskola.core.models import OutgoingEmail

MAX_ATTEMPTS = 5


def email_send(*, email_id: int) -> OutgoingEmail:
    """Send one queued e-mail now; on failure record the error (the task retries)."""
    email = OutgoingEmail.objects.get(pk=email_id)
    if email.status == OutgoingEmail.Status.SENT:
        return email
    message = EmailMessage(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[a.strip() for a in email.to.split(",") if a.strip()],
    )
    for filename, content, mimetype in email.attachments:
        message.attach(filename, content, mimetype)
    email.attempts += 1
    try:
        message.send(fail_silently=False)
    except Exception as exc:  # noqa: BLE001 - any transport error is recorded and retried
        email.status = OutgoingEmail.Status.FAILED
        email.last_error = f"{type(exc).__name__}: {exc}"[:1000]
        email.save(update_fields=["status", "last_error", "attempts"])
        return email
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = timezone.now()
    email.last_error = ""
    email.save(update_fields=["status", "sent_at", "last_error", "attempts"])
    return email


def retry_delay(email: OutgoingEmail) -> dt.timedelta | None:
    """How long to wait before sending a failed e-mail again (back-off); None when it was sent
    or has used up its attempts."""
    if email.status != OutgoingEmail.Status.FAILED or email.attempts >= MAX_ATTEMPTS:
        return None
    return dt.timedelta(minutes=2**email.attempts)
