from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.hashers import identify_hasher, make_password
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client, override_settings

import plantskola.settings as project_settings
from tests.conftest import PASSWORD, World, mark_two_factor_verified

ROOT = Path(__file__).resolve().parents[2]


def test_deploy_check_passes_with_debug_off_and_https_on(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECURE_HTTPS": "true",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "plantskola.example",
        "PLANTSKOLA_VAR_DIR": str(tmp_path),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' harness only
    result = subprocess.run(
        [sys.executable, "-m", "plantskola", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _production_env(tmp_path: Path, **changes: str | None) -> dict[str, str]:
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECURE_HTTPS": "true",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "plantskola.example",
        "PLANTSKOLA_VAR_DIR": str(tmp_path),
    }
    for name in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", *changes):
        env.pop(name, None)
    env.update({name: value for name, value in changes.items() if value is not None})
    return env


def test_deploy_check_fails_without_a_secret_key(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "plantskola", "check", "--deploy"],
        cwd=ROOT,
        env=_production_env(tmp_path, SECRET_KEY=None),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "plantskola.E001" in result.stderr and "SECRET_KEY is not set" in result.stderr


def test_a_server_reached_from_other_machines_refuses_to_start_insecurely(tmp_path: Path) -> None:
    """gunicorn and runserver load plantskola.wsgi: with DEBUG off, a public host name and
    the development key it stops with the reason; on this machine only (the defaults, `make
    demo`) and with proper production settings it starts."""

    def start(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", "import plantskola.wsgi"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    refused = start(_production_env(tmp_path, SECRET_KEY=None))
    assert refused.returncode != 0 and "refuses to start" in refused.stderr
    assert "SECRET_KEY is not set" in refused.stderr
    local = _production_env(tmp_path, SECRET_KEY=None, SECURE_HTTPS=None, ALLOWED_HOSTS=None)
    assert start(local).returncode == 0
    proper = start(_production_env(tmp_path))
    assert proper.returncode == 0, proper.stderr


PRODUCTION = {
    "DEBUG": False,
    "SECRET_KEY": "a-proper-production-key-" + "q7Zp" * 10,
    "ALLOWED_HOSTS": ["plantskola.example"],
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
}


@pytest.mark.parametrize(
    ("change", "check_id"),
    [
        ({"SECRET_KEY": project_settings.DEVELOPMENT_SECRET_KEY}, "plantskola.E001"),
        ({"SECRET_KEY": "django-insecure-" + "k" * 50}, "plantskola.E001"),
        ({"ALLOWED_HOSTS": ["*"]}, "plantskola.E002"),
        ({"ALLOWED_HOSTS": ["plantskola.example", "*"]}, "plantskola.E002"),
        ({"SESSION_COOKIE_SECURE": False, "CSRF_COOKIE_SECURE": False}, "plantskola.E003"),
    ],
)
def test_deploy_check_fails_on_insecure_production_settings(
    change: dict[str, object], check_id: str
) -> None:
    with override_settings(**{**PRODUCTION, **change}), pytest.raises(SystemCheckError) as error:
        call_command("check", deploy=True, tags=["plantskola_production"], verbosity=0)
    assert check_id in str(error.value)


def test_deploy_check_passes_with_proper_production_settings_and_ignores_debug() -> None:
    with override_settings(**PRODUCTION):
        call_command("check", deploy=True, tags=["plantskola_production"], verbosity=0)
    with override_settings(DEBUG=True, SECRET_KEY=project_settings.DEVELOPMENT_SECRET_KEY):
        call_command("check", deploy=True, tags=["plantskola_production"], verbosity=0)


def test_passwords_are_hashed_with_argon2() -> None:
    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=project_settings.PASSWORD_HASHERS):
        assert identify_hasher(make_password("x" * 12)).algorithm == "argon2"


@pytest.mark.django_db
def test_login_is_locked_after_repeated_failures(world: World) -> None:
    client = Client()
    for _ in range(5):
        client.post("/logga-in/", {"username": "hr", "password": "wrong"})
    response = client.post("/logga-in/", {"username": "hr", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_forms_refuse_posts_without_csrf_token(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("coordinator"))
    mark_two_factor_verified(client)
    response = client.post(f"/omgangar/{world.edition.pk}/grupper/ny/", {"name": "X", "order": 1})
    assert response.status_code == 403


@pytest.mark.django_db
def test_errors_show_a_generic_page_without_details(world: World) -> None:
    client = world.client_for("outsider")
    response = client.get(f"/omgangar/{world.edition.pk}/")
    assert response.status_code == 404
    assert "Traceback" not in response.content.decode()
    assert world.edition.name not in response.content.decode()


@pytest.mark.django_db
def test_interface_is_swedish_even_when_the_browser_asks_for_english(world: World) -> None:
    client = world.client_for("hr")
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "sv"
    assert '<html lang="sv">' in response.content.decode()


@pytest.mark.django_db
def test_english_can_be_chosen_with_the_language_switcher(world: World) -> None:
    client = world.client_for("hr")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    response = client.get("/")
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


def test_pages_carry_a_content_security_policy_and_are_not_stored(world: World) -> None:
    response = world.client_for("participant").get("/")
    policy = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in policy
        and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    )
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "no-store" in response["Cache-Control"]
    login_page = Client().get("/logga-in/")
    assert "no-store" in login_page["Cache-Control"]


def test_templates_have_no_inline_scripts_or_event_handler_attributes() -> None:
    """The policy refuses inline scripts; a template that relied on one would silently break."""
    import re

    offenders = []
    for template in (ROOT / "plantskola").rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            offenders.append(f"{template}: inline <script>")
        if re.search(r"\son[a-z]+\s*=\s*[\"']", text):
            offenders.append(f"{template}: event-handler attribute")
        if "javascript:" in text:
            offenders.append(f"{template}: javascript: URL")
    assert not offenders, "\n".join(offenders)


@pytest.mark.django_db
def test_a_nul_character_in_a_page_address_is_a_bad_request_not_a_server_error(
    world: World,
) -> None:
    client = world.client_for("hr")
    for address in ("/personer/?q=a%00b", "/personer/?a%00=1", "/personer%00/"):
        response = client.get(address)
        assert response.status_code == 400, address
        assert "Felaktig begäran" in response.content.decode(), address
    assert client.get("/personer/?q=ab").status_code == 200
