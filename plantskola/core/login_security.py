"""Login throttling and the login log (django-axes), as the README's "Login security" says:

- five failures lock a username *from one address* for an hour (`AXES_FAILURE_LIMIT`), and
  twenty failures lock the username *from every address* for an hour
  (`AXES_USERNAME_FAILURE_LIMIT`): many addresses no longer give unlimited guesses, and one
  address behind a shared proxy cannot lock out everybody behind it with five;
- the client's address is `REMOTE_ADDR`, or, behind `TRUSTED_PROXY_COUNT` reverse proxies,
  the address the outermost of them saw (counted from the right of `X-Forwarded-For`, the
  part a client cannot forge);
- the login log (attempts, failures, successful logins: username, address, browser) is kept
  for `LOGIN_LOG_RETENTION_DAYS` days and then deleted by `plantskola weed`; erasing a person
  deletes their records at once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db.models import Q, Sum
from django.http import HttpRequest

from plantskola.core.ratelimit import client_address

__all__ = ["LoginLockoutHandler", "client_ip", "forget_login_records", "weed_login_log"]


def client_ip(request: HttpRequest) -> str | None:
    """The client's address for the login log (`client_address`), or None for a request that
    came from no address at all (a login made in code, e.g. the test client's force_login):
    the log's address column holds addresses only."""
    if not request.META.get("REMOTE_ADDR"):
        return None
    return client_address(request)


class LoginLockoutHandler(AxesDatabaseHandler):  # type: ignore[misc]
    """Axes' database handler with two limits: `AXES_FAILURE_LIMIT` per username and address
    (the first of `AXES_LOCKOUT_PARAMETERS`), `AXES_USERNAME_FAILURE_LIMIT` per username from
    all addresses (the second)."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        counts = [
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        per_address = counts[0] if counts else 0
        per_username = counts[1] if len(counts) > 1 else 0
        if per_username >= settings.AXES_USERNAME_FAILURE_LIMIT:
            return max(per_address, int(get_failure_limit(request, credentials)))
        return int(per_address)


def weed_login_log(now: dt.datetime, *, days: int | None = None) -> dict[str, int]:
    """Delete login records older than the retention period; counts per kind."""
    keep = settings.LOGIN_LOG_RETENTION_DAYS if days is None else days
    cutoff = now - dt.timedelta(days=keep)
    return {
        "logins": AccessLog.objects.filter(attempt_time__lt=cutoff).delete()[0],
        "failures": AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()[0],
        "attempts": AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()[0],
    }


def forget_login_records(usernames: list[str]) -> int:
    """Delete every login record of these usernames (any case): for erasure."""
    q = Q()
    for name in {u for u in usernames if u}:
        q |= Q(username__iexact=name)
    if not q:
        return 0
    return sum(
        model.objects.filter(q).delete()[0]
        for model in (AccessLog, AccessFailureLog, AccessAttempt)
    )
