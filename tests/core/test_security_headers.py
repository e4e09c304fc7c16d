"""The security headers on every kind of response: a page, an error, a download, a redirect
and a static file."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import World
from tests.evaluations.helpers import session_survey

EXPECTED = {
    "Permissions-Policy": (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
        "interest-cohort=(), browsing-topics=()"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def _assert_headers(response: object, what: str) -> None:
    headers = response.headers  # type: ignore[attr-defined]  # any HttpResponse kind
    for name, value in EXPECTED.items():
        assert headers.get(name) == value, f"{what}: {name} is {headers.get(name)!r}"


@pytest.mark.django_db
def test_every_kind_of_response_carries_the_security_headers(world: World) -> None:
    coordinator = world.client_for("coordinator")
    survey = session_survey(world)
    responses = {
        "page": (coordinator.get("/"), 200),
        "not found": (world.client_for("outsider").get(f"/omgangar/{world.edition.pk}/"), 404),
        "download": (
            coordinator.get(reverse("evaluations:survey_export_xlsx", args=[survey.pk])),
            200,
        ),
        "redirect": (Client().get("/"), 302),
        "static file": (Client().get("/static/css/plantskola.css"), 200),
        "forbidden post": (Client(enforce_csrf_checks=True).post("/logga-in/", {}), 403),
    }
    for what, (response, status) in responses.items():
        assert response.status_code == status, what
        _assert_headers(response, what)
    # Pages and errors also forbid framing in their Content-Security-Policy.
    for what in ("page", "not found", "redirect"):
        assert "frame-ancestors 'none'" in responses[what][0]["Content-Security-Policy"], what
