"""Two-factor authentication, proved with fresh password logins and real TOTP codes."""

from __future__ import annotations

import re
import time

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.fixtures import Settings

from plantskola.core.twofactor import TWO_FACTOR_SESSION_KEY
from plantskola.programmes.models import ProgrammeRole
from tests.conftest import PASSWORD, World

pytestmark = pytest.mark.django_db


def password_login(username: str) -> Client:
    client = Client()
    response = client.post("/logga-in/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    """The code an authenticator app shows now (offset in steps of 30 s)."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset)
    return f"{code:06d}"


def enrol(client: Client) -> tuple[TOTPDevice, list[str]]:
    page = client.get("/logga-in/tvastegs/").content.decode()
    user_id = client.session["_auth_user_id"]
    device = TOTPDevice.objects.get(user_id=user_id, confirmed=False)
    secret = re.search(r'class="otp-secret">([A-Z2-7 ]+)<', page)
    assert secret is not None
    response = client.post("/logga-in/tvastegs/", {"token": code_for(device)})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", response.content.decode())
    return device, codes


@pytest.mark.parametrize("role", ["hr", "coordinator", "admin"])
def test_administrators_reach_only_the_two_factor_pages_until_they_enrol(
    world: World, role: str
) -> None:
    client = password_login(role)
    for path in ["/", "/personer/", f"/omgangar/{world.edition.pk}/", "/admin/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/logga-in/tvastegs/")
    page = client.get("/logga-in/tvastegs/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html  # the QR code, inline
    assert 'class="otp-secret"' in html  # and the secret as text
    assert 'href="/personer/"' not in html  # no menu before the second factor
    # Logging out is always possible.
    assert client.post("/logga-ut/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_enrolment_with_a_real_code_then_a_code_at_every_login(world: World) -> None:
    client = password_login("hr")
    key_after_password = client.session.session_key
    device, codes = enrol(client)
    device.refresh_from_db()
    assert device.confirmed
    assert len(codes) == 10 and len(set(codes)) == 10
    # The session key rotated again after the second step.
    assert client.session.session_key != key_after_password
    assert client.get("/personer/").status_code == 200

    # Next login: a code is asked for, the wrong one is refused.
    client = password_login("hr")
    assert client.get("/").headers["Location"].startswith("/logga-in/kod/")
    response = client.post("/logga-in/kod/", {"token": "000000"})
    assert response.status_code == 200
    assert "Koden stämmer inte" in response.content.decode()
    assert client.get("/personer/").status_code == 302
    # Enrolment cannot be restarted to get a new secret around the code.
    assert client.get("/logga-in/tvastegs/")["Location"] == "/logga-in/kod/"
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, last_t=-1)
    key_before_code = client.session.session_key
    response = client.post("/logga-in/kod/?next=/personer/", {"token": code_for(device)})
    assert response.status_code == 302
    assert response["Location"] == "/personer/"
    assert client.session.session_key != key_before_code
    assert client.get("/personer/").status_code == 200


def test_a_backup_code_works_once(world: World) -> None:
    client = password_login("coordinator")
    _device, codes = enrol(client)
    client = password_login("coordinator")
    assert client.post("/logga-in/kod/", {"token": codes[0]}).status_code == 302
    assert client.get("/personer/").status_code == 200
    assert not StaticToken.objects.filter(token=codes[0]).exists()
    client = password_login("coordinator")
    assert client.post("/logga-in/kod/", {"token": codes[0]}).status_code == 200
    assert client.get("/personer/").status_code == 302


def test_a_wrong_first_code_confirms_nothing(world: World) -> None:
    client = password_login("hr")
    client.get("/logga-in/tvastegs/")
    response = client.post("/logga-in/tvastegs/", {"token": "123"})
    assert response.status_code == 200
    assert "Koden stämde inte" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert client.session[TWO_FACTOR_SESSION_KEY] == "pending"


def test_programme_coordinators_must_also_use_two_factor(world: World) -> None:
    ProgrammeRole.objects.create(
        user=world.user("participant"), programme=world.programme, role="coordinator"
    )
    client = password_login("participant")
    assert client.get("/").headers["Location"].startswith("/logga-in/tvastegs/")


@pytest.mark.parametrize("role", ["participant", "manager", "leader", "steering"])
def test_other_users_are_not_asked(world: World, role: str) -> None:
    client = password_login(role)
    assert client.get("/").status_code == 200
    assert client.get("/logga-in/kod/").status_code == 302


def test_the_demo_setting_turns_it_off_and_says_so(world: World, settings: Settings) -> None:
    settings.OTP_REQUIRED = False
    assert "Demoläge" in Client().get("/logga-in/").content.decode()
    client = password_login("hr")
    assert client.get("/personer/").status_code == 200


def test_repeated_wrong_codes_are_throttled(world: World) -> None:
    """django-otp's throttling: after a wrong code the device waits before it checks again,
    so even the right code is refused at once after a run of wrong ones."""
    client = password_login("hr")
    device, _codes = enrol(client)
    client = password_login("hr")
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    for _ in range(3):
        client.post("/logga-in/kod/", {"token": "000000"})
    assert client.post("/logga-in/kod/", {"token": code_for(device)}).status_code == 200
    assert client.get("/personer/").status_code == 302


def test_codes_are_checked_with_the_devices_clock_window(world: World) -> None:
    """An authenticator a step behind is accepted (tolerance 1), the device's rule."""
    client = password_login("hr")
    device, _codes = enrol(client)
    client = password_login("hr")
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=int(time.time()) // 30 - 5)
    assert client.post("/logga-in/kod/", {"token": code_for(device, offset=-1)}).status_code == 302
