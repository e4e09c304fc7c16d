"""Bearer-token authentication of the API: the token, whether it still works, its rate
limit, and when it was last used."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from plantskola.api.models import ApiToken
from plantskola.api.tokens.selectors import token_find
from plantskola.api.tokens.services import api_token_touch
from plantskola.api.v1.problems import ApiProblem
from plantskola.core.ratelimit import hit


def api_rate() -> tuple[int, int]:
    limit, window = settings.API_TOKEN_RATE
    return int(limit), int(window)


class TokenAuth(HttpBearer):
    """`Authorization: Bearer psk_…`. A missing header is answered by the API's
    `AuthenticationError` handler; a token that does not work raises a problem saying why."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_find(token)
        if found is None:
            raise ApiProblem(401, "auth.invalid_token", _("The API token is not valid."))
        if found.revoked_at is not None:
            raise ApiProblem(401, "auth.revoked_token", _("The API token has been revoked."))
        if not found.is_usable():
            raise ApiProblem(
                401,
                "auth.expired_token",
                _("The API token expired on %(date)s.") % {"date": found.expires_on.isoformat()},
            )
        limit, window = api_rate()
        wait = hit(f"api-token:{found.pk}", limit=limit, window=window)
        if wait is not None:
            raise ApiProblem(
                429,
                "rate_limited",
                _(
                    "Too many requests with this token: at most %(limit)d per %(window)d "
                    "seconds. Try again in %(wait)d seconds."
                )
                % {"limit": limit, "window": window, "wait": wait},
                headers={"Retry-After": str(wait)},
            )
        api_token_touch(token=found)
        return found


def request_token(request: HttpRequest) -> ApiToken:
    """The token `TokenAuth` accepted for this request."""
    token = request.auth  # type: ignore[attr-defined]  # set by django-ninja
    if not isinstance(token, ApiToken):
        raise TypeError("an API endpoint without TokenAuth")
    return token
