"""Login throttling per username and per address, the client address behind a proxy, weeding
of the login log and its erasure, and the erasure of stored mail files."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core import mail
from django.core.management import call_command
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone

from plantskola.core.mail.files import forget_mail_files
from plantskola.core.models import Person
from plantskola.core.ratelimit import client_address
from plantskola.privacy.erasure.services import erase_person
from tests.conftest import PASSWORD, World

LOGIN = "/logga-in/"


def _fail(username: str, address: str, forwarded: str = "") -> None:
    Client(REMOTE_ADDR=address, HTTP_X_FORWARDED_FOR=forwarded).post(
        LOGIN, {"username": username, "password": "fel"}
    )


def _can_log_in(username: str, address: str, forwarded: str = "") -> bool:
    client = Client(REMOTE_ADDR=address, HTTP_X_FORWARDED_FOR=forwarded)
    response = client.post(LOGIN, {"username": username, "password": PASSWORD})
    return response.status_code != 429 and "_auth_user_id" in client.session


@pytest.mark.django_db
def test_five_failures_lock_a_username_from_that_address_only(world: World) -> None:
    for _ in range(5):
        _fail("hr", "198.51.100.1")
    assert not _can_log_in("hr", "198.51.100.1")
    assert _can_log_in("hr", "198.51.100.2")  # the real HR administrator elsewhere


@pytest.mark.django_db
def test_twenty_failures_from_many_addresses_lock_the_username_everywhere(world: World) -> None:
    for i in range(19):
        _fail("hr", f"203.0.113.{i + 1}")  # one guess per address: under the per-address limit
    assert _can_log_in("hr", "192.0.2.50")  # 19: not yet
    for i in range(20, 40):
        _fail("coordinator", f"203.0.113.{i + 1}")
    assert not _can_log_in("coordinator", "192.0.2.51")
    assert not _can_log_in("coordinator", "203.0.113.99")
    assert _can_log_in("hr", "192.0.2.52")  # another username is not affected


def test_the_client_address_behind_trusted_proxies() -> None:
    factory = RequestFactory()
    forged = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7")
    assert client_address(forged) == "10.0.0.2"  # no proxy configured: forwarded is ignored
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert client_address(forged) == "198.51.100.7"  # what our proxy saw, not the forgery
        bare = factory.get("/", REMOTE_ADDR="10.0.0.2")
        assert client_address(bare) == "10.0.0.2"
    with override_settings(TRUSTED_PROXY_COUNT=2):
        two = factory.get(
            "/", REMOTE_ADDR="10.0.0.3", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.8, 10.0.0.2"
        )
        assert client_address(two) == "198.51.100.8"


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_one_client_cannot_lock_out_the_others(world: World) -> None:
    proxy = "10.0.0.2"
    for _ in range(5):
        _fail("hr", proxy, "198.51.100.9")
    assert not _can_log_in("hr", proxy, "198.51.100.9")
    assert _can_log_in("hr", proxy, "198.51.100.10")
    assert AccessAttempt.objects.filter(ip_address="198.51.100.9").exists()


@pytest.mark.django_db
def test_the_weed_command_deletes_login_records_after_the_retention_period(
    world: World,
) -> None:
    _fail("hr", "198.51.100.1")
    assert _can_log_in("coordinator", "198.51.100.1")
    old = timezone.now() - dt.timedelta(days=91)
    AccessLog.objects.create(username="gammal", ip_address="198.51.100.3", attempt_time=old)
    AccessFailureLog.objects.create(
        username="gammal", ip_address="198.51.100.3", attempt_time=old, locked_out=False
    )
    AccessAttempt.objects.create(
        username="gammal", ip_address="198.51.100.3", attempt_time=old, failures_since_start=1
    )
    for model in (AccessLog, AccessFailureLog, AccessAttempt):  # attempt_time is auto_now_add
        model.objects.filter(username="gammal").update(attempt_time=old)
    out = io.StringIO()
    call_command("weed", stdout=out)
    assert "Deleted login records older than 90 days: logins 1, failures 1, attempts 1." in (
        out.getvalue()
    )
    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        assert not model.objects.filter(username="gammal").exists()
    assert AccessLog.objects.filter(username="coordinator").exists()  # recent: kept
    assert AccessAttempt.objects.filter(username="hr").exists()
    out = io.StringIO()
    call_command("weed", "--dry-run", stdout=out)
    assert "login records" not in out.getvalue()  # a dry run deletes nothing


@pytest.mark.django_db
def test_erasure_deletes_the_login_log_and_stored_mail_files(
    world: World, tmp_path: Path, django_capture_on_commit_callbacks: object
) -> None:
    person = Person.objects.get(user__username="participant")
    email = person.email
    _fail("participant", "198.51.100.1")
    assert _can_log_in("participant", "198.51.100.1")
    _fail(email, "198.51.100.1")  # a login with the e-mail address
    _fail("hr", "198.51.100.1")
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(tmp_path),
    ):
        with mail.get_connection() as connection:
            mail.EmailMessage(
                "Välkommen", f"Hej {person.full_name}!", to=[email], connection=connection
            ).send()
            mail.EmailMessage(
                "Referens", "Hej Maria!", to=["maria.chef@host.example"], connection=connection
            ).send()
        mail.EmailMessage(
            "Schema",
            f"Hej {person.first_name} {person.last_name}, här är ditt schema: åäö",
            to=["annan@host.example"],
        ).send()
        assert len(list(tmp_path.iterdir())) == 2
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            erase_person(person, world.users["hr"], reason="Begäran")
    stored = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert len(list(tmp_path.iterdir())) == 1  # the file with only her message is gone
    assert b"maria.chef@host.example" in stored and email.encode() not in stored
    assert b"Schema" not in stored and b"Referens" in stored
    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        assert not model.objects.filter(username__in=["participant", email]).exists()
    assert AccessAttempt.objects.filter(username="hr").exists()


def test_forget_mail_files_without_a_folder_does_nothing(tmp_path: Path) -> None:
    import re

    assert forget_mail_files(re.compile("x"), tmp_path / "saknas") == 0


@pytest.mark.django_db
def test_a_login_from_no_address_is_logged_without_one(world: World) -> None:
    """force_login sends no REMOTE_ADDR; the log's address column (inet on PostgreSQL) must
    then hold nothing rather than a word."""
    client = Client()
    client.force_login(world.user("hr"))
    assert AccessLog.objects.filter(username="hr").values_list("ip_address", flat=True)[0] in (
        None,
        "",
    )
