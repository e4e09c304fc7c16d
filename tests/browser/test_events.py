"""A Kungsbacka-like manager registers for the leadership day and, after the organiser has
seated everyone with the engine, sees their table; the organiser opens the seating and the
table-list PDF. Every page passes axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from plantskola.events import services
from plantskola.events.models import Event, Registration
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_coordinator_journey import log_in
from tests.conftest import World, build_world
from tests.events.conftest import build_managers, make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_world(live_server: Any) -> World:
    return build_world()


def test_a_manager_registers_for_the_leadership_day_and_gets_a_table(
    live_server: Any, live_world: World, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    base = live_server.url
    w = live_world
    day = make_event(
        w.host,
        kind=Event.Kind.LEADERSHIP_DAY,
        title="Ledardagen 2027",
        theme="Att leda i utveckling",
        capacity=40,
    )
    for person in build_managers(w.host, administrations=3, per_administration=5):
        services.registration_create(event=day, person=person)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()

    # The manager finds the leadership day in the menu and registers.
    log_in(page, base, "manager")
    page.locator("nav a[href='/evenemang/']").click()
    expect(page.locator("main table")).to_contain_text("Ledardagen 2027")
    axe_check.check(page, "events-list-manager")
    page.get_by_role("link", name="Ledardagen 2027").click()
    axe_check.check(page, "event-detail-before-registering")
    page.locator("#id_dietary_needs").fill("Vegetarisk")
    page.locator(f"form[action='/evenemang/{day.pk}/anmal/'] button[type=submit]").click()
    expect(page.locator(f"form[action='/evenemang/{day.pk}/avanmal/']")).to_be_visible()
    axe_check.check(page, "event-detail-registered")
    assert Registration.objects.get(event=day, person=w.manager_person).status == "registered"
    page.goto(f"{base}/evenemang/tidigare/")
    axe_check.check(page, "events-archive")
    context.close()

    # The organiser seats everyone at tables of four and opens the table lists.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, base, "coordinator")
    page.goto(f"{base}/evenemang/{day.pk}/")
    axe_check.check(page, "event-detail-organiser")
    page.locator(f"a[href='/evenemang/{day.pk}/anmalningar/']").click()
    expect(page.locator("#dietary + p + .table-wrap")).to_contain_text("Vegetarisk")
    axe_check.check(page, "event-registrations")
    page.goto(f"{base}/evenemang/{day.pk}/bordsplacering/")
    axe_check.check(page, "event-seating-empty")
    page.locator("#id_table_size").fill("4")
    page.locator("main form button[type=submit]").click()
    # The proposal first: who moves from which table to which, then the confirmation.
    expect(page.locator("#seating-moves")).to_contain_text("Maria Chef")
    axe_check.check(page, "event-seating-changes")
    page.locator(f"form[action='/evenemang/{day.pk}/bordsplacering/andringar/'] button").click()
    expect(page.locator("#job-status .message")).to_be_visible()
    axe_check.check(page, "event-seating-job")
    page.goto(f"{base}/evenemang/{day.pk}/bordsplacering/")
    expect(page.locator("#table-4")).to_be_visible()
    expect(page.locator(".seating-tables")).to_contain_text("Maria Chef")
    axe_check.check(page, "event-seating")
    page.locator(f"form[action='/evenemang/{day.pk}/namnbrickor.pdf'] button").click()
    download_link = page.locator("#document-status a")
    expect(download_link).to_be_visible()
    axe_check.check(page, "event-badges-document")
    pdf = page.request.get(base + download_link.get_attribute("href"))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    page.goto(f"{base}/evenemang/nytt/")
    axe_check.check(page, "event-create")
    context.close()

    # Back to the manager: their table is on the event page.
    table = Registration.objects.get(event=day, person=w.manager_person).table_number
    assert table is not None
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    log_in(page, base, "manager")
    page.goto(f"{base}/evenemang/{day.pk}/")
    expect(page.locator("#your-table")).to_contain_text(str(table))
    axe_check.check(page, "event-detail-table-phone")
    context.close()
