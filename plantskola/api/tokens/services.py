"""Creating, revoking and using API tokens. A token is shown once, when it is created; only
its SHA-256 is stored, like the calendar feeds' tokens."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plantskola.api.models import ApiToken
from plantskola.api.tokens.selectors import TOKEN_PREFIX
from plantskola.core.audit.services import audit_record
from plantskola.core.models import AuditEntry, Organisation
from plantskola.programmes.calendar.selectors import token_hash

# Longest a token may live; a municipality renews its integrations at least once a year.
MAX_LIFETIME_DAYS = 366
# `last_used_at` is written at most this often per token, not on every request.
TOUCH_INTERVAL = datetime.timedelta(minutes=1)


@transaction.atomic
def api_token_create(
    *,
    organisation: Organisation,
    name: str,
    scopes: Iterable[str],
    expires_on: datetime.date,
) -> tuple[ApiToken, str]:
    """Create a token and return it with its secret, which is never shown again."""
    name = name.strip()
    chosen = sorted(set(scopes))
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Give the token a name, e.g. the system that will use it.")
    elif ApiToken.objects.filter(
        organisation=organisation, name=name, revoked_at__isnull=True
    ).exists():
        errors["name"] = _("The organisation already has a valid token with this name.")
    if not chosen or not set(chosen) <= set(ApiToken.Scope.values):
        errors["scopes"] = _("Choose at least one of the scopes listed.")
    if expires_on <= today:
        errors["expires_on"] = _("The expiry date must be after today.")
    elif expires_on > today + datetime.timedelta(days=MAX_LIFETIME_DAYS):
        errors["expires_on"] = _("A token may be valid for at most one year.")
    if errors:
        raise ValidationError(errors)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        organisation=organisation,
        name=name,
        token_hash=token_hash(secret),
        prefix=secret[: len(TOKEN_PREFIX) + 4],
        scopes=chosen,
        expires_on=expires_on,
    )
    audit_record(
        AuditEntry.Action.CREATE,
        object_type="api.apitoken",
        object_id=token.pk,
        organisation_id=organisation.pk,
        fields=["name", "scopes", "expires_on"],
        note=f"API token '{token.name}'",
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> None:
    """Stop a token from working, at once; it stays listed as revoked."""
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        AuditEntry.Action.UPDATE,
        object_type="api.apitoken",
        object_id=token.pk,
        organisation_id=token.organisation_id,
        fields=["revoked_at"],
        note=f"API token '{token.name}' revoked",
    )


def api_token_touch(*, token: ApiToken) -> None:
    """Record that the token was used now (at most once per `TOUCH_INTERVAL`)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_INTERVAL:
        token.last_used_at = now
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
