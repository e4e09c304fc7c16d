"""Writes of the e-mail feature: registering a feature's e-mail, queueing and retrying
e-mails, and HR's own wording of a template."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.template import Context, Template
from django_stubs_ext import StrOrPromise

from plantskola.core.mail.selectors import template_for
from plantskola.core.mail.tasks import send_email
from plantskola.core.mail.templates import DEFAULT_TEMPLATES, DefaultTemplate
from plantskola.core.models import EmailTemplate, Organisation, OutgoingEmail


def register_template(key: str, *, description: StrOrPromise, subject: str, body: str) -> None:
    """Make an e-mail known (at import of the feature that sends it), with its default text."""
    DEFAULT_TEMPLATES[key] = DefaultTemplate(description=description, subject=subject, body=body)


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
    transaction.on_commit(lambda: send_email.enqueue(email.pk))
    return email


@transaction.atomic
def email_retry(*, email: OutgoingEmail) -> None:
    """Send a failed e-mail again now (the outbox's retry button)."""
    email.status = OutgoingEmail.Status.QUEUED
    email.save(update_fields=["status"])
    transaction.on_commit(lambda: send_email.enqueue(email.pk))


@transaction.atomic
def email_template_save(*, organisation: Organisation, key: str, subject: str, body: str) -> None:
    """The organisation's own wording of e-mail `key`."""
    EmailTemplate.objects.update_or_create(
        organisation=organisation, key=key, defaults={"subject": subject, "body": body}
    )


@transaction.atomic
def email_template_reset(*, organisation: Organisation, key: str) -> None:
    """Back to the standard text of e-mail `key`."""
    EmailTemplate.objects.filter(organisation=organisation, key=key).delete()
