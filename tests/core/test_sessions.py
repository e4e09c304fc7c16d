"""Sessions: a new key at login, an end after inactivity and at an absolute maximum, and an end
when the user is deactivated. Times are moved by rewriting the session's timestamps."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

from plantskola.core.twofactor import LAST_SEEN_SESSION_KEY, LOGIN_AT_SESSION_KEY
from tests.conftest import PASSWORD, World

pytestmark = pytest.mark.django_db


def logged_in(username: str = "participant") -> Client:
    client = Client()
    assert (
        client.post("/logga-in/", {"username": username, "password": PASSWORD}).status_code == 302
    )
    return client


def shift(client: Client, **seconds_ago: int) -> None:
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[{"login_at": LOGIN_AT_SESSION_KEY, "last_seen": LAST_SEEN_SESSION_KEY}[key]] = (
            now - ago
        )
    session.save()


def test_login_gives_a_new_session_key_and_drops_the_old_one(world: World) -> None:
    client = Client()
    anonymous = client.session
    anonymous["probe"] = "before login"
    anonymous.save()
    old_key = anonymous.session_key
    client.post("/logga-in/", {"username": "participant", "password": PASSWORD})
    assert client.session.session_key != old_key
    assert not Session.objects.filter(session_key=old_key).exists()


def test_a_session_ends_after_the_idle_timeout(world: World) -> None:
    client = logged_in()
    shift(client, last_seen=settings.SESSION_IDLE_TIMEOUT + 1)
    response = client.get("/mina-tillfallen/")
    assert response.status_code == 302
    assert response["Location"] == "/logga-in/?next=%2Fmina-tillfallen%2F"
    assert "_auth_user_id" not in client.session
    assert "inaktiv en stund" in client.get(response["Location"]).content.decode()


def test_activity_keeps_the_session_and_is_noted(world: World) -> None:
    client = logged_in()
    shift(client, last_seen=settings.SESSION_IDLE_TIMEOUT - 60)
    assert client.get("/").status_code == 200
    assert int(time.time()) - client.session[LAST_SEEN_SESSION_KEY] < 60


def test_a_session_ends_at_the_absolute_maximum_however_active(world: World) -> None:
    client = logged_in()
    shift(client, login_at=settings.SESSION_ABSOLUTE_TIMEOUT + 1, last_seen=0)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/logga-in/")
    assert "_auth_user_id" not in client.session
    assert "Din session har upphört" in client.get(response["Location"]).content.decode()


def test_a_session_ends_when_the_user_is_deactivated(world: World) -> None:
    client = logged_in("manager")
    assert client.get("/personer/").status_code == 200
    user = world.user("manager")
    assert user is not None
    user.is_active = False
    user.save(update_fields=["is_active"])
    response = client.get("/personer/")
    assert response.status_code == 302
    assert response["Location"].startswith("/logga-in/")
    assert "_auth_user_id" not in client.session
    assert client.post("/logga-in/", {"username": "manager", "password": PASSWORD}).status_code == (
        200
    )


def test_the_limits_are_thirty_minutes_and_ten_hours_by_default() -> None:
    assert settings.SESSION_IDLE_TIMEOUT == 30 * 60
    assert settings.SESSION_ABSOLUTE_TIMEOUT == 10 * 60 * 60
    assert settings.SESSION_COOKIE_AGE <= settings.SESSION_ABSOLUTE_TIMEOUT
