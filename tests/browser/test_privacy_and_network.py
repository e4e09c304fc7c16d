"""In the browser: a participant finds peers in the network directory and opts in to show a
phone number; HR reads the audit log, makes a register extract and opens the record of
processing; an anonymous visitor who looks up too many diploma codes is told to wait. axe on
every page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, expect
from pytest_django import Settings

from plantskola.core.models import AuditEntry
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_coordinator_journey import log_in
from tests.conftest import World, build_world
from tests.privacy.seed import seed_everywhere

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_world(live_server: Any) -> World:
    world = build_world()
    seed_everywhere(world)
    return world


def test_network_directory_and_opt_in(
    live_server: Any, live_world: World, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, base, "participant")
    page.locator("nav a", has_text="Nätverk").click()
    expect(page.locator("h1")).to_have_text("Nätverk")
    expect(page.locator("main table")).to_contain_text("Per Partner")
    axe_check.check(page, "network-directory")
    page.locator("main a", has_text="Min nätverksprofil").click()
    axe_check.check(page, "network-profile")
    page.get_by_label("visa mitt telefonnummer i tjänsten").check()
    page.locator("main button[type=submit]").click()
    expect(page.locator(".errorlist")).to_contain_text("Skriv det telefonnummer")
    axe_check.check(page, "network-profile-error")
    page.get_by_label("telefon i tjänsten").fill("070-123 45 67")
    page.locator("main button[type=submit]").click()
    expect(page.locator("main table")).to_contain_text("070-123 45 67")
    context.close()


def test_hr_audit_log_register_extract_and_record_of_processing(
    live_server: Any, live_world: World, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    base = live_server.url
    person = live_world.participant.person
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    log_in(page, base, "hr")
    page.goto(f"{base}/personer/{person.pk}/")
    page.locator("main a", has_text="Registerutdrag").click()
    expect(page.locator("h1")).to_contain_text("Registerutdrag för Pia Deltagare")
    expect(page.locator("main table")).to_contain_text("Ansökningar")
    axe_check.check(page, "register-extract")
    with page.expect_download() as download:
        page.locator("main button", has_text="Hämta som PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert AuditEntry.objects.filter(action="export", subject_person_id=person.pk).exists()

    page.goto(f"{base}/")
    page.locator("main a", has_text="Logg").first.click()
    expect(page.locator("h1")).to_contain_text("Logg för Värdkommun")
    page.get_by_label("Vems uppgifter").fill("Deltagare")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main table")).to_contain_text("Exporterat")
    axe_check.check(page, "audit-log")

    page.goto(f"{base}/")
    page.locator("main a", has_text="Register över behandlingar").first.click()
    expect(page.locator("main table")).to_contain_text("Chefsreferenser om personen")
    axe_check.check(page, "records-of-processing")
    context.close()


def test_too_many_diploma_lookups_are_refused_politely(
    live_server: Any,
    live_world: World,
    browser: Browser,
    axe_check: AccessibilityChecker,
    settings: Settings,
) -> None:
    settings.DIPLOMA_VERIFY_RATE = (2, 600)
    base = live_server.url
    page = browser.new_page()
    for _ in range(3):
        page.goto(f"{base}/diplom/verifiera/ABCDEFGHJKMN/")
    expect(page.locator("h1")).to_have_text("För många förfrågningar")
    expect(page.locator("main")).to_contain_text(re.compile(r"Försök igen om \d+ minut"))
    axe_check.check(page, "rate-limited")
    page.close()
