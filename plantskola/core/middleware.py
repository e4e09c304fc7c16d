from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from plantskola.core import twofactor


class SwedishFirstLocaleMiddleware:
    """Swedish unless the user chose another language with the language switcher.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would show an
    English interface to anyone whose browser happens to be set to English; the product is
    Swedish first, so only an explicit choice (the language cookie) changes it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        available = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SessionLimitsMiddleware:
    """Ends a session after SESSION_IDLE_TIMEOUT seconds without a request and at the latest
    SESSION_ABSOLUTE_TIMEOUT seconds after login, whatever the activity.

    The last-seen time is written at most once a minute, so an active user's session is not
    saved on every request. A session from before these limits (no login time) is ended too,
    and so is the session of a user who has been deactivated since logging in.
    """

    WRITE_EVERY = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated and SESSION_KEY in request.session:
            # The session names a user who no longer logs in (deactivated or removed): end it.
            request.session.flush()
        elif request.user.is_authenticated:
            now = int(time.time())
            login_at = request.session.get(twofactor.LOGIN_AT_SESSION_KEY)
            last_seen = request.session.get(twofactor.LAST_SEEN_SESSION_KEY, login_at)
            if login_at is None or now - login_at > settings.SESSION_ABSOLUTE_TIMEOUT:
                return self._end(request, _("Your session has ended. Please log in again."))
            if last_seen is None or now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                return self._end(request, _("You were logged out after a while without activity."))
            if now - last_seen >= self.WRITE_EVERY:
                request.session[twofactor.LAST_SEEN_SESSION_KEY] = now
        return self.get_response(request)

    @staticmethod
    def _end(request: HttpRequest, message: str) -> HttpResponse:
        logout(request)
        messages.info(request, message)
        return HttpResponseRedirect(
            reverse("core:login") + "?" + urlencode({"next": request.get_full_path()})
        )


class TwoFactorMiddleware:
    """Until a user who must give a second factor has given it, only the two-factor pages,
    logout, the language switch and static files answer; everything else sends them there."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and twofactor.is_pending(request):
            allowed = {
                reverse("core:otp_setup"),
                reverse("core:otp_verify"),
                reverse("core:logout"),
                reverse("set_language"),
            }
            if request.path not in allowed and not request.path.startswith(settings.STATIC_URL):
                target = (
                    "core:otp_verify"
                    if twofactor.confirmed_totp_device(request.user) is not None
                    else "core:otp_setup"
                )
                query = urlencode({"next": request.get_full_path()})
                return HttpResponseRedirect(f"{reverse(target)}?{query}")
        return self.get_response(request)


class NulCharacterMiddleware:
    """A NUL character in the address is refused with 400 before any view reads it. No one
    types one; a probe does, and PostgreSQL refuses to compare a string that holds one, so a
    search field given `%00` would otherwise end in a server error. Form fields are covered
    by Django's own validator; the API (`/api/`) checks its paths, parameters and JSON bodies
    in its schemas and selectors and answers in problem documents."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            return self.get_response(request)  # the API checks its input at the edge itself
        query = request.GET
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in query.getlist(key)) for key in query
        ):
            raise SuspiciousOperation("NUL character in the request's address")
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """The headers Django's SecurityMiddleware does not set, on every response: pages, errors,
    downloads, redirects and (placed before WhiteNoise) static files.

    `Permissions-Policy` refuses the browser features in PERMISSIONS_POLICY (an empty list of
    origins: for nobody). `X-Frame-Options` is set here too because static files never reach
    Django's XFrameOptionsMiddleware; pages also say it with CSP `frame-ancestors 'none'`.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if not getattr(response, "xframe_options_exempt", False):
            response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        return response


class NoStoreMiddleware:
    """Pages are never kept by browsers or proxies: nearly every page shows personal data, and
    a shared computer's back button must not bring it back after logging out. A view that sets
    its own Cache-Control keeps it; static files are served before this (WhiteNoise)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-store, private"
        return response
