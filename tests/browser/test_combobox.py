"""The searchable select in a real browser: HR filters the people by a unit found by typing,
with the keyboard only (arrows, Enter, Escape), the live region says how many matched, and
the page passes axe with the list open."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from plantskola.core.models import OrgUnit
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_coordinator_journey import log_in
from tests.conftest import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_world(live_server: Any) -> World:
    return build_world()


def test_hr_finds_a_unit_by_typing_and_chooses_it_with_the_keyboard(
    live_server: Any, live_world: World, page: Page, axe_check: AccessibilityChecker
) -> None:
    base = live_server.url
    log_in(page, base, "hr")
    page.goto(f"{base}/personer/")
    field = page.get_by_role("combobox", name="Enhet (med underenheter)")
    field.fill("norr")
    option = page.get_by_role("option", name="Hemtjänst Norr (SOC-1)")
    expect(option).to_be_visible()
    expect(field).to_have_attribute("aria-expanded", "true")
    expect(page.locator("[data-status]")).to_have_text("1 träff.")
    axe_check.check(page, "combobox-open")

    field.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    expect(field).to_have_attribute("aria-activedescendant", option.get_attribute("id") or "")
    field.press("Enter")
    expect(field).to_have_value("Hemtjänst Norr (SOC-1)")
    expect(field).to_have_attribute("aria-expanded", "false")
    unit = OrgUnit.objects.get(code="SOC-1")
    expect(page.locator("#id_unit_value")).to_have_value(str(unit.pk))

    page.get_by_role("button", name="Filtrera").click()
    results = page.locator("#person-results")
    expect(results).to_contain_text("Erik Anställd")
    expect(results).not_to_contain_text("Hanna Personal")

    # Escape closes the list; with the list closed it clears the field.
    field.fill("hr-av")
    expect(page.get_by_role("option", name="HR-avdelningen (KLF)")).to_be_visible()
    field.press("Escape")
    expect(field).to_have_attribute("aria-expanded", "false")
    field.press("Escape")
    expect(field).to_have_value("")
