"""Single sign-on against a real OpenID Connect provider on loopback.

The provider is panva's oidc-provider (npm, pinned in tests/oidc/package.json, installed with
`npm ci` by `make test` or by the fixture below), run with the machine's Node by
tests/oidc/provider.mjs. The tests walk the whole authorization-code flow: Plantskola's
button, the provider's login and consent forms (with a `requests` session standing in for the
browser there), the callback, and Plantskola's back-channel token exchange, ID-token signature
check against the provider's JWKS and userinfo request.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests
from django.http import HttpResponse
from django.test import Client

from plantskola.core.models import OrganisationSSO, Person, SSOIdentity, User
from tests.conftest import World

pytestmark = pytest.mark.django_db

OIDC_DIR = Path(__file__).resolve().parents[1] / "oidc"
CLIENT_ID = "plantskola-test"
REDIRECT_URI = "http://testserver/logga-in/sso/tillbaka/"
CALLBACK = "/logga-in/sso/tillbaka/"

# The provider's accounts: the login name is the subject. The world's host organisation has
# Pia (user "participant"), Hanna (user "hr"), Kim (user "coordinator") and Erik (no user).
ACCOUNTS = {
    "entra-pia": {"email": "pia.deltagare@host.example", "email_verified": True},
    "entra-hanna": {"email": "hanna.personal@host.example", "email_verified": True},
    "entra-erik": {"email": "erik.anställd@host.example", "email_verified": True},
    "entra-olle": {"email": "olle.utomstående@other.example", "email_verified": True},
    "entra-unverified": {"email": "pia.deltagare@host.example", "email_verified": False},
    "entra-pia-twin": {"email": "pia.deltagare@host.example", "email_verified": True},
    "entra-kim": {"email": "someone.else@host.example", "employee_number": "H104"},
}


@dataclass
class RunningProvider:
    issuer: str
    client_secret: str


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[RunningProvider]:
    if not (OIDC_DIR / "node_modules" / "oidc-provider").is_dir():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],  # noqa: S607
            cwd=OIDC_DIR,
            check=True,
            timeout=300,
        )
    port = _free_port()
    secret = secrets.token_urlsafe(24)
    env = {
        **os.environ,
        "OIDC_PORT": str(port),
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": secret,
        "OIDC_REDIRECT_URI": REDIRECT_URI,
        "OIDC_ACCOUNTS": json.dumps(ACCOUNTS),
    }
    process = subprocess.Popen(
        ["node", "provider.mjs"],  # noqa: S607
        cwd=OIDC_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    issuer = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, "the OIDC provider stopped: " + process.stdout.read()  # type: ignore[union-attr]  # stdout=PIPE
            try:
                requests.get(f"{issuer}/.well-known/openid-configuration", timeout=2)
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline, "the OIDC provider did not start"
                time.sleep(0.2)
        yield RunningProvider(issuer=issuer, client_secret=secret)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def host_sso(world: World, oidc_provider: RunningProvider) -> OrganisationSSO:
    return OrganisationSSO.objects.create(
        organisation=world.host,
        issuer=oidc_provider.issuer,
        client_id=CLIENT_ID,
        client_secret=oidc_provider.client_secret,
    )


def sso_login(client: Client, login: str, slug: str = "host", next_url: str = "") -> HttpResponse:
    """Click "Logga in med …", log in at the provider as `login`, consent, come back."""
    start = client.get(f"/logga-in/sso/{slug}/" + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302, start
    browser = requests.Session()
    response = browser.get(start["Location"], allow_redirects=False, timeout=10)
    for _ in range(12):
        if response.status_code in (302, 303):
            location = urljoin(response.url, response.headers["Location"])
            if location.startswith(REDIRECT_URI):
                parts = urlsplit(location)
                return client.get(f"{parts.path}?{parts.query}")  # type: ignore[return-value]  # the test client's response is an HttpResponse
            response = browser.get(location, allow_redirects=False, timeout=10)
        else:
            assert response.status_code == 200, response.text
            action = re.search(r'<form[^>]*action="([^"]+)"', response.text)
            prompt = re.search(r'name="prompt" value="(\w+)"', response.text)
            assert action and prompt, response.text
            data = {"prompt": prompt.group(1)}
            if prompt.group(1) == "login":
                data |= {"login": login, "password": "whatever the municipality checks"}
            response = browser.post(
                urljoin(response.url, action.group(1)), data=data, allow_redirects=False, timeout=10
            )
    raise AssertionError("the provider never sent the browser back")


def test_login_page_lists_a_button_per_organisation_with_sso(host_sso: OrganisationSSO) -> None:
    html = Client().get("/logga-in/").content.decode()
    assert "Logga in med Värdkommun" in html
    assert 'href="/logga-in/sso/host/"' in html
    assert 'name="password"' in html  # local passwords remain


def test_first_login_links_the_roster_person_and_later_logins_use_issuer_and_subject(
    world: World, host_sso: OrganisationSSO
) -> None:
    client = Client()
    response = sso_login(client, "entra-pia", next_url="/mina-tillfallen/")
    assert response.status_code == 302
    assert response["Location"] == "/mina-tillfallen/"
    participant = world.user("participant")
    assert participant is not None
    assert client.session["_auth_user_id"] == str(participant.pk)
    assert client.get("/mina-tillfallen/").status_code == 200
    identity = SSOIdentity.objects.get()
    assert (identity.issuer, identity.subject, identity.user) == (
        host_sso.issuer,
        "entra-pia",
        participant,
    )

    # The roster's e-mail changes: the (issuer, subject) pair still finds her.
    Person.objects.filter(user=participant).update(email="pia.ny@host.example")
    client = Client()
    assert sso_login(client, "entra-pia").status_code == 302
    assert client.session["_auth_user_id"] == str(participant.pk)


def test_an_administrator_through_sso_is_not_asked_for_a_second_factor(
    world: World, host_sso: OrganisationSSO
) -> None:
    client = Client()
    sso_login(client, "entra-hanna")
    assert client.get("/personer/").status_code == 200


def test_a_person_without_a_user_gets_one(world: World, host_sso: OrganisationSSO) -> None:
    client = Client()
    sso_login(client, "entra-erik")
    world.employee.refresh_from_db()
    assert world.employee.user is not None
    assert client.session["_auth_user_id"] == str(world.employee.user.pk)
    assert not world.employee.user.has_usable_password()


@pytest.mark.parametrize(
    "login",
    [
        "entra-olle",  # a person, but of another organisation than the configuration's
        "entra-unverified",  # the provider does not vouch for the e-mail address
    ],
)
def test_logins_that_cannot_be_linked_are_refused_with_a_message(
    world: World, host_sso: OrganisationSSO, login: str
) -> None:
    client = Client()
    response = sso_login(client, login)
    assert response["Location"] == "/logga-in/"
    assert "_auth_user_id" not in client.session
    assert not SSOIdentity.objects.exists()
    html = client.get("/logga-in/").content.decode()
    assert "ingen enskild anställd" in html


def test_a_second_identity_with_the_same_email_does_not_reach_the_linked_user(
    world: World, host_sso: OrganisationSSO
) -> None:
    sso_login(Client(), "entra-pia")
    client = Client()
    response = sso_login(client, "entra-pia-twin")
    assert response["Location"] == "/logga-in/"
    assert "_auth_user_id" not in client.session
    assert SSOIdentity.objects.count() == 1
    assert "redan kopplad" in client.get("/logga-in/").content.decode()


def test_linking_by_employee_number(world: World, host_sso: OrganisationSSO) -> None:
    host_sso.match_on = OrganisationSSO.Match.EMPLOYEE_NUMBER
    host_sso.save()
    client = Client()
    sso_login(client, "entra-kim")
    coordinator = world.user("coordinator")
    assert coordinator is not None
    assert client.session["_auth_user_id"] == str(coordinator.pk)


def test_a_deactivated_user_is_logged_out_and_cannot_log_in_through_sso(
    world: World, host_sso: OrganisationSSO
) -> None:
    logged_in = Client()
    sso_login(logged_in, "entra-pia")
    assert logged_in.get("/mina-tillfallen/").status_code == 200
    User.objects.filter(username="participant").update(is_active=False)
    assert logged_in.get("/mina-tillfallen/").status_code == 302
    assert "_auth_user_id" not in logged_in.session
    client = Client()
    response = sso_login(client, "entra-pia")
    assert response["Location"] == "/logga-in/"
    assert "_auth_user_id" not in client.session


def test_the_client_secret_can_come_from_the_environment(
    world: World,
    host_sso: OrganisationSSO,
    oidc_provider: RunningProvider,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    host_sso.client_secret = ""
    host_sso.client_secret_env = "SSO_SECRET_HOST"
    host_sso.save()
    monkeypatch.setenv("SSO_SECRET_HOST", oidc_provider.client_secret)
    client = Client()
    assert sso_login(client, "entra-pia").status_code == 302
    assert "_auth_user_id" in client.session
    # A wrong secret: the provider refuses the token request, Plantskola says so.
    monkeypatch.setenv("SSO_SECRET_HOST", "wrong")
    client = Client()
    assert sso_login(client, "entra-pia")["Location"] == "/logga-in/"
    assert "_auth_user_id" not in client.session
    assert "lyckades inte" in client.get("/logga-in/").content.decode()


def test_an_unreachable_provider_gives_a_clear_message(world: World) -> None:
    OrganisationSSO.objects.create(
        organisation=world.partner,
        issuer=f"http://127.0.0.1:{_free_port()}",
        client_id="x",
        client_secret="y",
    )
    client = Client()
    response = client.get("/logga-in/sso/partner/")
    assert response["Location"] == "/logga-in/"
    assert "svarar inte" in client.get("/logga-in/").content.decode()
