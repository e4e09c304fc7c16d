"""System checks that keep an insecure configuration out of production.

With DEBUG off, `plantskola check --deploy` fails (errors, not warnings) on the development
secret key, on `ALLOWED_HOSTS` of `*` and on HTTPS left off. The same checks run when the WSGI
application starts (`plantskola/wsgi.py`, so gunicorn and `runserver`) as soon as the server is
meant to be reached from other machines (`serves_beyond_this_machine`): a production start with
a forgotten `SECRET_KEY` then refuses to start instead of going unnoticed. The test suite and
`make demo` run with DEBUG off too, but only on this machine, so they are not refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

TAG = "plantskola_production"
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


def _secret_key_is_insecure() -> bool:
    key = getattr(settings, "SECRET_KEY", "") or ""
    return key == settings.DEVELOPMENT_SECRET_KEY or key.startswith("django-insecure-")


@checks.register(checks.Tags.security, TAG, deploy=True)
def production_settings_check(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """The settings a production server must not run with; nothing while DEBUG is on."""
    if settings.DEBUG:
        return []
    errors: list[checks.CheckMessage] = []
    if _secret_key_is_insecure():
        errors.append(
            checks.Error(
                "SECRET_KEY is not set: the built-in development key is in use, and anyone who "
                "knows it can forge sessions and password-reset links.",
                hint="Set the SECRET_KEY environment variable to a long random value, e.g. "
                "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`.",
                id="plantskola.E001",
            )
        )
    if "*" in settings.ALLOWED_HOSTS:
        errors.append(
            checks.Error(
                "ALLOWED_HOSTS contains '*': any Host header is accepted, which lets links in "
                "e-mails and password resets point elsewhere.",
                hint="Set ALLOWED_HOSTS to the host names Plantskola is reached at, "
                "comma-separated, e.g. ALLOWED_HOSTS=plantskola.kommun.se.",
                id="plantskola.E002",
            )
        )
    if not (settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE):
        errors.append(
            checks.Error(
                "HTTPS is not configured: session and CSRF cookies would travel in clear text "
                "and HSTS is off.",
                hint="Serve Plantskola over HTTPS (for example behind a TLS-terminating reverse "
                "proxy that sets X-Forwarded-Proto) and set SECURE_HTTPS=true.",
                id="plantskola.E003",
            )
        )
    return errors


def serves_beyond_this_machine() -> bool:
    """Whether the settings say the server is reached from other machines: a host name that
    is not this machine's, trusted origins, a public site address or HTTPS. A deployment needs
    at least one of them to work at all (Django refuses other Host headers, and CSRF refuses
    posts from other origins); the defaults and `make demo` set none."""
    hosts = {host.lower() for host in settings.ALLOWED_HOSTS}
    site_host = (urlsplit(settings.SITE_URL).hostname or "").lower()
    return bool(
        hosts - LOOPBACK_HOSTS
        or settings.CSRF_TRUSTED_ORIGINS
        or (site_host and site_host not in LOOPBACK_HOSTS)
        or settings.SESSION_COOKIE_SECURE
    )


def refuse_insecure_start() -> None:
    """Raise ImproperlyConfigured, which stops gunicorn's workers and `runserver`, when a
    server reached from other machines runs with DEBUG off and an insecure setting."""
    if settings.DEBUG or not serves_beyond_this_machine():
        return
    messages = checks.run_checks(tags=[TAG], include_deployment_checks=True)
    serious = [m for m in messages if m.is_serious()]
    if serious:
        lines = "\n".join(f"- {m.msg} {m.hint}" for m in serious)
        raise ImproperlyConfigured(
            f"Plantskola refuses to start with insecure production settings:\n{lines}\n"
            "(See Configuration in README.md; `plantskola check --deploy` lists the same.)"
        )
