"""The demo as its users meet it: Örebro's coordinator, a participant, a manager and partner
staff, in a real Chromium on the real demo data; every page passes axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from plantskola.demo.loader import DEMO_PASSWORD, demo_load
from plantskola.programmes.models import Attendance, Edition, Session
from tests.browser.conftest import AccessibilityChecker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OREBRO = "Sveriges viktigaste chefsjobb"


@pytest.fixture
def demo(live_server: Any) -> Any:
    demo_load()
    return live_server


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/logga-in/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_be_visible()


def test_orebro_coordinator_opens_the_programme_and_takes_attendance(
    demo: Any, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    base = demo.url
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, base, "koordinator")
    axe_check.check(page, "demo-home-koordinator")
    page.get_by_role("link", name=OREBRO).first.click()
    axe_check.check(page, "demo-orebro-programme")
    edition = Edition.objects.get(programme__name=OREBRO)
    page.get_by_role("link", name=edition.name).first.click()
    modules = page.locator("#modules + .table-wrap tbody tr")
    expect(modules).to_have_count(4)
    for name in ["Del av en helhet", "Klar ledare", "Säker chef", "Initiativrik utvecklare"]:
        expect(page.locator("#modules + .table-wrap")).to_contain_text(name)
    expect(page.locator("#modules + .table-wrap caption")).to_contain_text("6")
    for n in range(1, 6):
        expect(page.locator("main")).to_contain_text(f"Grupp {n}")
    axe_check.check(page, "demo-orebro-edition")

    session = (
        Session.objects.filter(edition=edition, group__name="Grupp 1").order_by("date").first()
    )
    assert session is not None
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = phone.new_page()
    log_in(page, base, "koordinator")
    page.goto(f"{base}/tillfallen/{session.pk}/narvaro/")
    rows = page.locator(".attendance-list > li")
    expect(rows).to_have_count(22)
    axe_check.check(page, "demo-attendance-phone")
    first = rows.first
    absent = first.locator("button").nth(1)
    absent.click()
    expect(rows.first.locator("button").nth(1)).to_have_attribute("aria-pressed", "true")
    participant_id = int((first.get_attribute("id") or "").split("-")[-1])
    attendance = Attendance.objects.get(session=session, participant_id=participant_id)
    assert attendance.status == Attendance.Status.ABSENT


@pytest.mark.parametrize(
    ("username", "sees", "does_not_see"),
    [
        ("deltagare", [OREBRO], ["Ledarlabbet", "Växthuset"]),
        ("partner", ["Växthuset"], [OREBRO, "Ledarlabbet"]),
        ("kursledare", [OREBRO], ["Ledarlabbet", "Växthuset"]),
    ],
)
def test_each_role_sees_its_own_programmes_only(
    demo: Any,
    page: Page,
    axe_check: AccessibilityChecker,
    username: str,
    sees: list[str],
    does_not_see: list[str],
) -> None:
    log_in(page, demo.url, username)
    page.goto(f"{demo.url}/program/")
    main = page.locator("main")
    for name in sees:
        expect(main).to_contain_text(name)
    for name in does_not_see:
        expect(main).not_to_contain_text(name)
    axe_check.check(page, f"demo-programmes-{username}")
    page.goto(f"{demo.url}/mina-tillfallen/")
    axe_check.check(page, f"demo-my-sessions-{username}")


def test_manager_sees_the_people_of_their_units(
    demo: Any, page: Page, axe_check: AccessibilityChecker
) -> None:
    log_in(page, demo.url, "chef")
    axe_check.check(page, "demo-home-chef")
    page.goto(f"{demo.url}/personer/")
    expect(page.locator("main table tbody tr").first).to_be_visible()
    axe_check.check(page, "demo-people-chef")
    page.goto(f"{demo.url}/enheter/")
    axe_check.check(page, "demo-units-chef")
