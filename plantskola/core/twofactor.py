"""Two-factor authentication (TOTP with django-otp) and the session's login state.

Who must give a second factor: superusers, HR administrators and coordinators (organisation
role or programme role) who logged in with a local password, while `OTP_REQUIRED` is on.
Whoever came through single sign-on is not asked: the organisation's identity provider does
MFA.

The state lives in the session, written once at login (`user_logged_in`), so checking it costs
no query per request:
- `TWO_FACTOR_SESSION_KEY`: "pending" until the second factor is given, then "verified";
  "not_required" for everyone else; "sso" after single sign-on.
- `LOGIN_AT_SESSION_KEY` / `LAST_SEEN_SESSION_KEY`: for the session limits (middleware).
"""

from __future__ import annotations

import time
from base64 import b32encode
from io import BytesIO
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from plantskola.core.models import OrganisationRole, User

TWO_FACTOR_SESSION_KEY = "plantskola_two_factor"
LOGIN_AT_SESSION_KEY = "plantskola_login_at"
LAST_SEEN_SESSION_KEY = "plantskola_last_seen"
SSO_BACKEND = "plantskola.core.sso.OrganisationOIDCBackend"

PENDING = "pending"
VERIFIED = "verified"
NOT_REQUIRED = "not_required"
SSO = "sso"

BACKUP_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator"
BACKUP_DEVICE_NAME = "Backup codes"


def requires_two_factor(user: User) -> bool:
    """Whether this user, logging in with a local password, must give a second factor."""
    if not settings.OTP_REQUIRED:
        return False
    if user.is_superuser:
        return True
    if user.organisation_roles.filter(
        role__in=[OrganisationRole.Role.HR_ADMIN, OrganisationRole.Role.COORDINATOR]
    ).exists():
        return True
    return user.programme_roles.filter(role="coordinator").exists()


def login_state(user: User, backend: str | None) -> str:
    if backend == SSO_BACKEND:
        return SSO
    return PENDING if requires_two_factor(user) else NOT_REQUIRED


@receiver(user_logged_in)
def _record_login(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    """Django's login() has just rotated the session key; note when, and what is still owed."""
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[LOGIN_AT_SESSION_KEY] = now
    request.session[LAST_SEEN_SESSION_KEY] = now
    request.session[TWO_FACTOR_SESSION_KEY] = login_state(user, getattr(user, "backend", None))


def is_pending(request: HttpRequest) -> bool:
    return request.session.get(TWO_FACTOR_SESSION_KEY) == PENDING


def confirmed_totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def enrolment_device(user: User) -> TOTPDevice:
    """The unconfirmed authenticator device a user is enrolling (one, reused until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// URL as an inline SVG (no external service sees the secret)."""
    image = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=8, border=2
    )
    buffer = BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    # Drop the XML declaration: the SVG goes inline into the HTML page.
    return svg[svg.index("<svg") :]


def secret_for_display(device: TOTPDevice) -> str:
    """The secret in base32 in groups of four, for typing into an app by hand."""

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def mark_verified(request: HttpRequest, device: Device) -> None:
    """The second factor is given: a new session key (as after the password step) and the
    session is marked verified."""
    otp_login(request, device)
    request.session.cycle_key()
    request.session[TWO_FACTOR_SESSION_KEY] = VERIFIED


@transaction.atomic
def confirm_enrolment(request: HttpRequest, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the authenticator with a code from it and issue new backup codes.

    Returns the backup codes (shown once) or None when the code is wrong (nothing changes)."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if device.confirmed or not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    codes = issue_backup_codes(device.user)
    mark_verified(request, device)
    return codes


def issue_backup_codes(user: User) -> list[str]:
    """Replace the user's backup codes with new single-use ones."""
    static, _created = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    static.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=c) for c in codes])
    return codes


def verify_login_code(request: HttpRequest, user: User, token: str) -> bool:
    """Check a code from the authenticator or a backup code (which is used up)."""
    token = "".join(token.split())
    for device in [confirmed_totp_device(user), *StaticDevice.objects.filter(user=user)]:
        if device is None or not device.confirmed:
            continue
        allowed, _details = device.verify_is_allowed()
        if allowed and device.verify_token(token):
            mark_verified(request, device)
            return True
    return False
