"""A fixed-window rate limit for public pages (diploma verification), counted per client
address in the cache. Over the limit the page answers 429 with a Swedish explanation and a
Retry-After header, and does no work."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_address(request: HttpRequest) -> str:
    """The address the request came from: REMOTE_ADDR, or, behind `TRUSTED_PROXY_COUNT`
    reverse proxies, the address the outermost of them saw — the N-th entry from the right
    of X-Forwarded-For (each proxy appends the address it was connected from; whatever a
    client puts further left is not trusted). The login lockout uses the same address."""
    remote = str(request.META.get("REMOTE_ADDR", "unknown"))
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if part.strip()
    ]
    return forwarded[-proxies] if len(forwarded) >= proxies else remote


def hit(key: str, *, limit: int, window: int) -> int | None:
    """Count one hit; return the seconds to wait when over the limit, else None."""
    now = int(time.time())
    start = now - now % window
    cache_key = f"ratelimit:{key}:{start}"
    cache.add(cache_key, 0, timeout=window + 5)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window + 5)
        count = 1
    if count > limit:
        return start + window - now
    return None


def rate_limited(
    scope: str, rate: Callable[[], tuple[int, int]]
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Limit a view to `rate()` = (hits, window seconds) per client address."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            limit, window = rate()
            wait = hit(f"{scope}:{client_address(request)}", limit=limit, window=window)
            if wait is not None:
                minutes = max(1, -(-wait // 60))
                response = render(request, "429.html", {"minutes": minutes}, status=429)
                response["Retry-After"] = str(wait)
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def diploma_verify_rate() -> tuple[int, int]:
    limit, window = settings.DIPLOMA_VERIFY_RATE
    return int(limit), int(window)
