"""Reads of e-mail templates and the outbox."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.template import Context, Template
from django_stubs_ext import StrOrPromise

from plantskola.access.base import UserLike
from plantskola.access.core import outbox_for_user
from plantskola.core.mail.templates import DEFAULT_TEMPLATES
from plantskola.core.models import EmailTemplate, Organisation, OutgoingEmail


def template_for(*, organisation: Organisation | None, key: str) -> tuple[str, str]:
    """The subject and body for `key`: the organisation's own version, else the default."""
    if organisation is not None:
        own = EmailTemplate.objects.filter(organisation=organisation, key=key).first()
        if own is not None:
            return own.subject, own.body
    default = DEFAULT_TEMPLATES[key]
    return default.subject, default.body


@dataclass(frozen=True)
class TemplateRow:
    key: str
    description: StrOrPromise
    customised: bool


def template_rows(*, organisation: Organisation) -> list[TemplateRow]:
    """Every e-mail Plantskola can send, and whether the organisation has its own wording."""
    own = set(EmailTemplate.objects.filter(organisation=organisation).values_list("key", flat=True))
    return [
        TemplateRow(key=key, description=t.description, customised=key in own)
        for key, t in sorted(DEFAULT_TEMPLATES.items())
    ]


def outbox_list(*, user: UserLike, status: str = "") -> QuerySet[OutgoingEmail]:
    """The user's outbox, newest first, with only `status` when it is one of the statuses."""
    emails = outbox_for_user(user)
    if status in OutgoingEmail.Status.values:
        emails = emails.filter(status=status)
    return emails


def email_render(
    *, organisation: Organisation | None, key: str, context: dict[str, Any]
) -> tuple[str, str]:
    """The subject and body of e-mail `key` as `email_queue` would queue them, for a preview
    before a mass send."""
    subject, body = template_for(organisation=organisation, key=key)
    render = Template(subject).render(Context(context, autoescape=False))
    text = Template(body).render(Context(context, autoescape=False))
    return render.strip().replace("\n", " "), text
