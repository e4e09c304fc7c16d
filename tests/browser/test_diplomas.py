"""Diplomas in the browser: the coordinator issues them for an edition, downloads the PDF for
the ceremony and revokes one; the participant finds theirs; anyone verifies a code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from plantskola.diplomas.models import Diploma
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_coordinator_journey import log_in
from tests.conftest import World, build_world
from tests.diplomas.helpers import complete, host_settings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_world(live_server: Any) -> World:
    world = build_world()
    host_settings(world)
    complete(world.participant, world.partner_participant)
    return world


def test_coordinator_issues_downloads_and_revokes_and_anyone_verifies(
    live_server: Any, live_world: World, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    base = live_server.url
    edition = live_world.edition
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    log_in(page, base, "coordinator")

    page.goto(f"{base}/omgangar/{edition.pk}/")
    page.locator(f"main a[href='/omgangar/{edition.pk}/diplom/']").click()
    expect(page.locator("h1")).to_contain_text(edition.name)
    axe_check.check(page, "diploma-list-before")
    # A mass action: who gets a diploma and an e-mail, with the count, before anything is done.
    page.locator(f"main a[href='/omgangar/{edition.pk}/diplom/utfarda/']").click()
    expect(page.locator("#issue-count")).to_contain_text("2")
    assert not Diploma.objects.exists()
    axe_check.check(page, "diploma-issue-confirm")
    page.locator(f"form[action='/omgangar/{edition.pk}/diplom/utfarda/'] button").click()
    expect(page.locator(".message")).to_be_visible()
    diplomas = {d.recipient_name: d for d in Diploma.objects.all()}
    assert set(diplomas) == {"Pia Deltagare", "Per Partner"}
    table = page.locator("main table")
    for d in diplomas.values():
        expect(table).to_contain_text(d.display_code)
    axe_check.check(page, "diploma-list-issued")

    # The PDF for the ceremony is made by the task worker; its page offers the download.
    page.locator(f"form[action='/omgangar/{edition.pk}/diplom/alla.pdf'] button").click()
    expect(page.locator("h1")).to_contain_text(edition.name)
    download_link = page.locator("#document-status a")
    expect(download_link).to_be_visible()
    axe_check.check(page, "document-ready")
    with page.expect_download() as download_info:
        download_link.click()
    path = download_info.value.path()
    content = Path(path).read_bytes()
    assert content.startswith(b"%PDF") and len(content) > 5000
    response = page.request.get(base + download_link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert len(response.body()) > 5000
    page.goto(f"{base}/omgangar/{edition.pk}/diplom/")

    # Revoke Per's diploma with a reason.
    per = diplomas["Per Partner"]
    page.locator(f"a[href='/diplom/{per.pk}/aterkalla/']").click()
    axe_check.check(page, "diploma-revoke")
    page.locator("#id_reason").fill("Utfärdat av misstag")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main table")).to_contain_text("Utfärdat av misstag")
    per.refresh_from_db()
    assert not per.is_valid

    page.goto(f"{base}/organisationer/{live_world.host.slug}/diplominstallningar/")
    expect(page.locator("#id_signatory1_name")).to_have_value("Karin Ek")
    axe_check.check(page, "diploma-settings")
    context.close()

    # The participant finds their own diploma.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, base, "participant")
    page.goto(f"{base}/mina-diplom/")
    pia = diplomas["Pia Deltagare"]
    expect(page.locator("main table")).to_contain_text(pia.display_code)
    axe_check.check(page, "my-diplomas")
    context.close()

    # Anyone verifies a code, without logging in.
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{base}/diplom/verifiera/")
    axe_check.check(page, "diploma-verify-form")
    page.locator("#id_code").fill(pia.display_code.lower())
    page.locator("main form button[type=submit]").click()
    result = page.locator(".verify-result")
    expect(result).to_contain_text("Pia Deltagare")
    expect(result).to_contain_text(live_world.programme.name)
    axe_check.check(page, "diploma-verify-valid")

    page.goto(f"{base}/diplom/verifiera/{per.code}/")
    expect(page.locator(".verify-result.revoked")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Per Partner")
    axe_check.check(page, "diploma-verify-revoked")

    page.goto(f"{base}/diplom/verifiera/ABCDEFGHJKMN/")
    expect(page.locator(".verify-result.unknown")).to_be_visible()
    axe_check.check(page, "diploma-verify-unknown")
    context.close()
