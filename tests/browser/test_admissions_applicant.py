"""Issue 21 point 6 in a real browser: the applicant finds their application from the menu and
the start page, follows its timeline to the decision, reads what they submitted, downloads the
interview, and declines the place after a confirmation; the coordinator offers it to the first
reserve. Every page passes axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from plantskola.admissions.models import Application
from plantskola.core.models import User
from tests.admissions.factories import decided_call
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_admissions_selection import log_in
from tests.conftest import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_applicant_timeline_and_declined_place_offered_to_the_reserve(
    live_server: Any, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    world = build_world()
    call = decided_call(world)
    ada = Application.objects.get(call=call, applicant__first_name="Ada")
    bo = Application.objects.get(call=call, applicant__first_name="Bo")
    assert ada.applicant is not None
    ada.applicant.user = User.objects.create_user(username="ada", password=PASSWORD)
    ada.applicant.save(update_fields=["user"])
    base = live_server.url

    page = browser.new_context(accept_downloads=True).new_page()
    log_in(page, base, "ada")
    expect(page.locator("main")).to_contain_text("Dina ansökningar")
    axe_check.check(page, "home-with-application")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Mina ansökningar"
    ).click()
    expect(page.locator("main")).to_contain_text("Beslut: Antagen")
    axe_check.check(page, "my-applications-timeline")
    page.get_by_role("link", name=call.title).click()
    main = page.locator("main")
    expect(main).to_contain_text("Referens lämnad")
    expect(main).to_contain_text("Stadshuset")
    expect(main).to_contain_text("Ada vill leda")
    axe_check.check(page, "own-application")
    with page.expect_download() as download:
        page.get_by_role("link", name="Lägg till intervjun i din kalender (.ics)").click()
    assert download.value.suggested_filename == "intervju.ics"
    page.get_by_role("link", name="Tacka nej till platsen").click()
    expect(page.locator("h1")).to_have_text("Vill du tacka nej till platsen?")
    axe_check.check(page, "place-decline-confirm")
    page.get_by_role("button", name="Ja, tacka nej").click()
    expect(page.locator(".messages")).to_contain_text("Du har tackat nej")
    expect(page.locator("main")).to_contain_text("Tackade nej till platsen")

    coordinator = browser.new_context().new_page()
    log_in(coordinator, base, "coordinator")
    coordinator.goto(f"{base}/utlysningar/{call.pk}/beslutet/")
    axe_check.check(coordinator, "decision-declined-place")
    coordinator.get_by_role(
        "button", name="Erbjud platsen till reserv nummer 1, Bo Sökande"
    ).click()
    expect(coordinator.locator(".messages")).to_contain_text("Bo Sökande är antagen")
    bo.refresh_from_db()
    ada.refresh_from_db()
    assert bo.outcome == "admitted" and ada.outcome == "not_admitted"
