"""Reading API tokens: by the secret a request presents (only its hash is stored)."""

from __future__ import annotations

from plantskola.api.models import ApiToken
from plantskola.programmes.calendar.selectors import token_hash

# What every token begins with, so a leaked one is recognised (secret scanners, logs).
TOKEN_PREFIX = "psk_"  # noqa: S105 - a prefix, not a secret


def token_find(secret: str) -> ApiToken | None:
    """The token with this secret, revoked and expired ones included (the caller tells them
    apart, to say why a token no longer works)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    return (
        ApiToken.objects.select_related("organisation")
        .filter(token_hash=token_hash(secret))
        .first()
    )
