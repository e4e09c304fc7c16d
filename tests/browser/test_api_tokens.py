"""API tokens in the browser: HR creates a token from the start page, copies it (shown once),
uses it, and revokes it; the page passes axe in each state; the API docs open for staff."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from plantskola.api.models import ApiToken
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_coordinator_journey import log_in
from tests.conftest import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_world(live_server: Any) -> World:
    return build_world()


def test_hr_creates_uses_and_revokes_a_token(
    live_server: Any, live_world: World, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, base, "hr")
    page.goto(f"{base}/")
    page.locator("main a[href='/organisationer/host/api-nycklar/']").click()
    expect(page.locator("h1")).to_contain_text("API-nycklar")
    axe_check.check(page, "api-tokens-empty")

    page.locator("main form button[type=submit]").last.click()  # nothing filled in
    expect(page.locator(".error-summary")).to_be_visible()
    axe_check.check(page, "api-tokens-errors")

    page.locator("#id_name").fill("Heroma nattlig")
    page.get_by_label("roster:write", exact=False).check()
    page.locator("main form button[type=submit]").last.click()
    secret = page.locator("#new-token").input_value()
    assert secret.startswith("psk_")
    axe_check.check(page, "api-tokens-created")

    api = context.request
    people = f"{base}/api/v1/organisations/host/people"
    denied = api.get(people, headers={"Authorization": f"Bearer {secret}"})
    assert denied.status == 403 and denied.json()["code"] == "auth.scope_missing"

    page.get_by_role("button", name="Återkalla ”Heroma nattlig”").click()
    expect(page.locator(".message")).to_contain_text("återkallades")
    expect(page.locator("main table")).to_contain_text("Återkallad")
    axe_check.check(page, "api-tokens-revoked")
    assert ApiToken.objects.get().revoked_at is not None
    gone = api.get(people, headers={"Authorization": f"Bearer {secret}"})
    assert gone.status == 401

    page.goto(f"{base}/api/v1/docs")
    expect(page.locator("#swagger-ui")).to_contain_text("Plantskola API")
    context.close()
