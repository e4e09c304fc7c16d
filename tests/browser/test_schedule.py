"""The coordinator schedules a module for all five groups in one form, sees the sessions on the
edition page, is warned about a holiday, opens the completion page and their calendar page;
every page passes axe."""

from __future__ import annotations

import datetime as dt
from typing import Any

import icalendar
import pytest
from playwright.sync_api import Browser, expect

from plantskola.programmes.calendar.selectors import token_hash
from plantskola.programmes.models import CalendarFeed, Group, Session
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_coordinator_journey import log_in
from tests.conftest import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_world(live_server: Any) -> World:
    world = build_world()
    for n in range(2, 6):
        Group.objects.create(edition=world.edition, name=f"Grupp {n}", order=n)
    return world


def test_coordinator_schedules_a_module_for_five_groups_and_opens_completion(
    live_server: Any, live_world: World, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    base = live_server.url
    edition = live_world.edition
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, base, "coordinator")

    page.goto(f"{base}/omgangar/{edition.pk}/")
    page.locator(f"a[href='/omgangar/{edition.pk}/schemalagg/']").click()
    expect(page.locator("h1")).to_be_visible()
    axe_check.check(page, "schedule-module")

    page.locator("#id_module").select_option(str(live_world.module.pk))
    page.locator("#id_start_time").fill("09:00")
    page.locator("#id_end_time").fill("16:00")
    page.locator("#id_place").fill("Conventum")
    page.locator("#id_address").fill("Fabriksgatan 1, Örebro")
    groups = list(Group.objects.filter(edition=edition))
    # A missing date for one group: a clear message, nothing saved.
    for i, group in enumerate(groups[:-1]):
        page.locator(f"#id_date_{group.pk}").fill(f"2027-01-{11 + i:02d}")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator(f"#group-{groups[-1].pk} .errorlist")).to_contain_text(groups[-1].name)
    axe_check.check(page, "schedule-module-errors")
    assert not Session.objects.filter(date__year=2027, module=live_world.module).exists()

    page.locator(f"#id_date_{groups[-1].pk}").fill("2027-01-15")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#sessions")).to_be_visible()
    table = page.locator("#sessions + .table-wrap")
    for group in groups:
        expect(table).to_contain_text(f"{live_world.module.name} – {group.name}")
    axe_check.check(page, "edition-after-schedule")
    assert Session.objects.filter(module=live_world.module, date__year=2027).count() == 5

    # A new session on Christmas Day: warned, nothing saved, then saved anyway.
    page.goto(f"{base}/omgangar/{edition.pk}/tillfallen/nytt/")
    page.locator("#id_title").fill("Julavslutning")
    page.locator("#id_date").fill("2026-12-25")
    page.locator("#id_start_time").fill("10:00")
    page.locator("#id_end_time").fill("12:00")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#schedule-warnings")).to_contain_text("2026-12-25")
    axe_check.check(page, "session-create-warnings")
    assert not Session.objects.filter(title="Julavslutning").exists()
    page.locator("#id_save_anyway").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#sessions + .table-wrap")).to_contain_text("Julavslutning")

    page.locator(f"a[href='/omgangar/{edition.pk}/genomforande/']").click()
    expect(page.locator("#completion")).to_contain_text("Pia Deltagare")
    axe_check.check(page, "completion")

    # The address is made on request and shown once (only its hash is stored).
    page.goto(f"{base}/min-kalender/")
    axe_check.check(page, "my-calendar-none")
    page.get_by_role("button", name="Skapa min kalenderadress").click()
    address = page.locator("#feed-url").input_value()
    assert address.endswith(".ics")
    axe_check.check(page, "my-calendar")
    context.close()

    # The address works without logging in, as a calendar client fetches it.
    feed = CalendarFeed.objects.get(person__user=live_world.users["coordinator"])
    assert feed.token_hash == token_hash(address.rsplit("/kalender/", 1)[1].removesuffix(".ics"))
    participant_page = browser.new_page()
    log_in(participant_page, base, "participant")
    participant_page.goto(f"{base}/min-kalender/")
    participant_page.get_by_role("button", name="Skapa min kalenderadress").click()
    feed_url = participant_page.locator("#feed-url").input_value()
    participant_page.close()
    anonymous = browser.new_context()
    response = anonymous.request.get(feed_url)
    assert response.status == 200
    cal = icalendar.Calendar.from_ical(response.body())
    summaries = {str(e["summary"]) for e in cal.walk("VEVENT")}
    assert f"{live_world.module.name} – Grupp 1" in summaries
    assert f"{live_world.module.name} – Grupp 2" not in summaries
    assert "Julavslutning" in summaries
    first = next(e for e in cal.walk("VEVENT") if str(e["summary"]).endswith("Grupp 1"))
    assert first.decoded("dtstart").date() == dt.date(2027, 1, 11)
    anonymous.close()
