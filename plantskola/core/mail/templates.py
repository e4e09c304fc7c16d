"""The e-mails Plantskola can send: the default texts in code, registered by each feature."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class DefaultTemplate:
    description: StrOrPromise
    subject: str
    body: str


#: The e-mails Plantskola can send. Features register theirs with
#: `services.register_template`; the texts are Swedish because they go to Swedish staff; HR
#: can change them per organisation.
DEFAULT_TEMPLATES: dict[str, DefaultTemplate] = {
    "test": DefaultTemplate(
        description=_("Test message from the outbox page"),
        subject="Testmeddelande från Plantskola",
        body="Hej!\n\nDetta är ett testmeddelande från Plantskola, skickat av {{ sender }}.\n",
    ),
}
