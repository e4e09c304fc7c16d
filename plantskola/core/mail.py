"""E-mail: editable templates, an outbox, and sending through the task queue.

Every e-mail Plantskola sends is rendered from a template (a default in code, which HR can
override per organisation), stored as an `OutgoingEmail`, and sent by a background task after
the surrounding transaction commits, so a slow mail server never blocks a page. A failed send
is retried with back-off and stays visible in the outbox.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template import Context, Template
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from plantskola.core.models import EmailTemplate, Organisation, OutgoingEmail

MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class DefaultTemplate:
    description: StrOrPromise
    subject: str
    body: str


#: The e-mails Plantskola can send. Features register theirs with `register_template`; the
#: texts are Swedish because they go to Swedish staff; HR can change them per organisation.
DEFAULT_TEMPLATES: dict[str, DefaultTemplate] = {
    "test": DefaultTemplate(
        description=_("Test message from the outbox page"),
        subject="Testmeddelande från Plantskola",
        body="Hej!\n\nDetta är ett testmeddelande från Plantskola, skickat av {{ sender }}.\n",
    ),
}


def register_template(key: str, *, description: StrOrPromise, subject: str, body: str) -> None:
    DEFAULT_TEMPLATES[key] = DefaultTemplate(description=description, subject=subject, body=body)


def template_for(*, organisation: Organisation | None, key: str) -> tuple[str, str]:
    """The subject and body for `key`: the organisation's own version, else the default."""
    if organisation is not None:
        own = EmailTemplate.objects.filter(organisation=organisation, key=key).first()
        if own is not None:
            return own.subject, own.body
    default = DEFAULT_TEMPLATES[key]
    return default.subject, default.body


def _render(text: str, context: dict[str, Any]) -> str:
    return Template(text).render(Context(context, autoescape=False))


@transaction.atomic
def email_queue(
    *,
    organisation: Organisation | None,
    key: str,
    to: list[str],
    context: dict[str, Any],
    attachments: list[tuple[str, str, str]] | None = None,
) -> OutgoingEmail:
    """Render template `key` and queue it; it is sent after the transaction commits.

    `attachments` are (filename, text content, MIME type), e.g. an `.ics` invitation.
    """
    subject, body = template_for(organisation=organisation, key=key)
    email = OutgoingEmail.objects.create(
        organisation=organisation,
        template_key=key,
        to=", ".join(to),
        subject=_render(subject, context).strip().replace("\n", " "),
        body=_render(body, context),
        attachments=[list(a) for a in attachments or []],
    )
    transaction.on_commit(lambda: _enqueue(email.pk))
    return email


def _enqueue(email_id: int, *, run_after: dt.datetime | None = None) -> None:
    from plantskola.core.tasks import send_email

    task = send_email.using(run_after=run_after) if run_after else send_email
    task.enqueue(email_id)


def email_send(*, email_id: int) -> OutgoingEmail:
    """Send one queued e-mail now; on failure record the error and schedule a retry."""
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
        if email.attempts < MAX_ATTEMPTS:
            delay = dt.timedelta(minutes=2**email.attempts)
            transaction.on_commit(lambda: _enqueue(email.pk, run_after=timezone.now() + delay))
        return email
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = timezone.now()
    email.last_error = ""
    email.save(update_fields=["status", "sent_at", "last_error", "attempts"])
    return email


@transaction.atomic
def email_retry(*, email: OutgoingEmail) -> None:
    """Send a failed e-mail again now (the outbox's retry button)."""
    email.status = OutgoingEmail.Status.QUEUED
    email.save(update_fields=["status"])
    transaction.on_commit(lambda: _enqueue(email.pk))
