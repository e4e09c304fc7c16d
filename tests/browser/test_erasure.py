"""HR corrects and erases a person in a real browser; the pages pass axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from plantskola.core.models import Person
from tests.browser.conftest import AccessibilityChecker
from tests.conftest import PASSWORD, World, build_world
from tests.privacy.seed import seed_everywhere

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hr_corrects_and_erases_a_person(
    live_server: Any, page: Page, axe_check: AccessibilityChecker
) -> None:
    world: World = build_world()
    person = seed_everywhere(world)
    page.goto(f"{live_server.url}/logga-in/")
    page.locator("#id_username").fill("hr")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()

    page.goto(f"{live_server.url}/personer/{person.pk}/")
    page.get_by_role("link", name="Rätta uppgifter").click()
    axe_check.check(page, "person-rectify")
    page.locator("#id_title").fill("Samordnare")
    page.get_by_role("button", name="Spara rättelserna").click()
    expect(page.locator("main")).to_contain_text("Samordnare")

    page.get_by_role("link", name="Radera", exact=True).click()
    expect(page.locator("main")).to_contain_text("Vad raderingen gör")
    axe_check.check(page, "person-erase")
    page.locator("#id_confirmation").fill("Erik Anställd")
    page.locator("#id_reason").fill("Begäran enligt art. 17")
    page.get_by_role("button", name="Radera personen").click()
    expect(page.locator("main")).to_contain_text("stämmer inte")
    axe_check.check(page, "person-erase-error")
    page.locator("#id_confirmation").fill("H102")
    page.get_by_role("button", name="Radera personen").click()
    expect(page.locator("h1")).to_have_text(f"Raderad person {person.pk}")
    assert Person.objects.get(pk=person.pk).email == ""
