"""HR records a manager post with an internal and an external applicant and the outcome, and
sees the statistics computed from the records on the recruitment statistics page; every page
passes axe."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from plantskola.insights.models import ManagerPost, PostApplicant
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_coordinator_journey import log_in
from tests.browser.test_insights import assert_chart_drawn
from tests.conftest import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_world(live_server: Any) -> World:
    w = build_world()
    edition = w.programme.editions.create(
        name="Omgång 2023", start_date=dt.date(2023, 1, 10), end_date=dt.date(2023, 6, 30)
    )
    edition.participants.create(person=w.employee, status="completed")
    return w


def test_hr_records_a_post_with_applicants_and_sees_the_statistics(
    live_server: Any, live_world: World, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    base = live_server.url
    w = live_world
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, base, "hr")

    # From the insights' start page to the (empty) list of manager posts.
    page.goto(f"{base}/insikter/")
    page.locator(f"a[href='/insikter/{w.host.pk}/chefstjanster/']").click()
    expect(page.locator("main table")).to_be_visible()
    axe_check.check(page, "posts-list")

    # Record the post.
    page.locator(f"a[href='/insikter/{w.host.pk}/chefstjanster/ny/']").click()
    axe_check.check(page, "posts-create")
    page.locator("#id_title").fill("Enhetschef Hemtjänst Syd")
    page.locator("#id_unit").select_option(label="\u2003Hemtjänst Norr")
    page.locator("#id_opened_on").fill("2025-09-01")
    page.locator("#id_closed_on").fill("2025-10-15")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Enhetschef Hemtjänst Syd")
    post = ManagerPost.objects.get()

    # An internal applicant by employee number, and an external one.
    add = f"form[action='/insikter/chefstjanster/{post.pk}/sokande/ny/']"
    page.locator(f"{add} #id_employee_number").fill("H101")
    page.locator(f"{add} #id_applied_on").fill("2025-09-10")
    page.locator(f"{add} button[type=submit]").click()
    expect(page.locator("main table")).to_contain_text("Erik Anställd")
    page.locator(f"{add} #id_name").fill("Ester Extern")
    page.locator(f"{add} #id_gender").select_option("woman")
    page.locator(f"{add} #id_birth_year").fill("1985")
    page.locator(f"{add} #id_applied_on").fill("2025-09-12")
    page.locator(f"{add} button[type=submit]").click()
    expect(page.locator("main table")).to_contain_text("Ester Extern")
    axe_check.check(page, "posts-detail")

    # The outcome: the internal applicant (an alumnus) is hired.
    internal = PostApplicant.objects.get(internal=True)
    page.locator(f"a[href='/insikter/chefstjanster/sokande/{internal.pk}/']").click()
    axe_check.check(page, "posts-applicant")
    page.locator("#id_outcome").select_option("hired")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Enhetschef Hemtjänst Syd")
    internal.refresh_from_db()
    assert internal.outcome == "hired"

    # The statistics from the records, beside the (here absent) imported years.
    page.goto(f"{base}/insikter/{w.host.pk}/rekrytering/")
    recorded = page.locator("section.recorded")
    expect(recorded.locator("#year-records")).to_have_text("2025-09-10 – 2025-09-12")
    alumni = recorded.locator("table:has(caption#alumni-table-records)")
    expect(alumni.locator("td")).to_have_text(["1", "100 %", "100 %"])
    assert_chart_drawn(
        page.locator("svg[aria-labelledby='groups-records-title groups-records-desc']")
    )
    assert_chart_drawn(
        page.locator("svg[aria-labelledby='hires-records-title hires-records-desc']")
    )
    axe_check.check(page, "posts-recruitment-statistics")

    # A period without applications says so.
    page.locator("#id_date_from").fill("2026-01-01")
    page.locator("section.recorded form button[type=submit]").click()
    expect(page.locator("section.recorded #year-records")).to_have_count(0)
    context.close()
