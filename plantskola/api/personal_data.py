"""What the API app holds about people (see plantskola/core/declarations.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plantskola.api.models import ScimUser
from plantskola.core.declarations import Erasure, Ground, declare

declare(
    ScimUser,
    subject="person_id",
    fields=("user_name", "external_id", "department", "created_at"),
    category=_("Account provisioned by the organisation's identity provider (SCIM)"),
    purpose=_("Logging in to Plantskola"),
    ground=Ground.CONTRACT,
    retention=_("While the identity provider provisions the account"),
    erasure=Erasure.DELETE,
)
