"""The coordinator schedules a two-day module for all five groups in one form (two days per
group), confirms how many get the invitation, sees each day on the edition page ("dag 1 av
2"), is warned about a holiday, opens the completion page and their calendar page; every page
passes axe."""

from __future__ import annotations

import datetime as dt
from typing import Any

import icalendar
import pytest
from playwright.sync_api import Browser, expect

from plantskola.programmes.calendar.selectors import token_hash
from plantskola.programmes.models import BulkJob, CalendarFeed, Group, Module, Session
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_coordinator_journey import log_in
from tests.conftest import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_world(live_server: Any) -> World:
    world = build_world()
    for n in range(2, 6):
        Group.objects.create(edition=world.edition, name=f"Grupp {n}", order=n)
    Module.objects.create(edition=world.edition, order=2, name="Klar ledare", length_days=2)
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

    module = Module.objects.get(edition=edition, name="Klar ledare")
    page.locator("#id_module").select_option(str(module.pk))
    page.locator("#id_start_time").fill("09:00")
    page.locator("#id_end_time").fill("16:00")
    page.locator("#id_place").fill("Conventum")
    page.locator("#id_address").fill("Fabriksgatan 1, Örebro")
    groups = list(Group.objects.filter(edition=edition))
    # A missing date for one group: a clear message, nothing saved.
    # Two days per group: the second ends at noon in another room.
    for i, group in enumerate(groups):
        if i < len(groups) - 1:
            page.locator(f"#id_date_{group.pk}_1").fill(f"2027-01-{11 + 2 * i:02d}")
        page.locator(f"#id_date_{group.pk}_2").fill(f"2027-01-{12 + 2 * i:02d}")
        page.locator(f"#id_end_{group.pk}_2").fill("12:00")
        page.locator(f"#id_place_{group.pk}_2").fill("Rum 2")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator(f"#group-{groups[-1].pk} .errorlist")).to_contain_text(groups[-1].name)
    axe_check.check(page, "schedule-module-errors")
    assert not Session.objects.filter(module=module).exists()

    page.locator(f"#id_date_{groups[-1].pk}_1").fill("2027-01-19")
    page.locator("main form button[type=submit]").click()
    # Before anything is saved: how many get the invitation (Grupp 1's two participants).
    expect(page.locator("#schedule-invitations")).to_contain_text("2 deltagare får en inbjudan")
    axe_check.check(page, "schedule-module-invitations")
    assert not Session.objects.filter(module=module).exists()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Inbjudningar")
    job = BulkJob.objects.get(kind=BulkJob.Kind.INVITE)
    assert job.total == 2
    axe_check.check(page, "schedule-invitations-job")

    page.goto(f"{base}/omgangar/{edition.pk}/")
    table = page.locator("#sessions + .table-wrap")
    for group in groups:
        expect(table).to_contain_text(f"{module.name} – {group.name}")
    expect(table).to_contain_text("Klar ledare, dag 1 av 2")
    expect(table).to_contain_text("Klar ledare, dag 2 av 2")
    axe_check.check(page, "edition-after-schedule")
    assert Session.objects.filter(module=module).count() == 10
    first_day = Session.objects.filter(module=module, group=groups[0]).order_by("date").first()
    assert first_day is not None
    page.goto(f"{base}/tillfallen/{first_day.pk}/")
    expect(page.locator("main")).to_contain_text("dag 1 av 2")
    expect(page.locator("main ol.module-days li")).to_have_count(2)
    axe_check.check(page, "session-detail-days")

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
    expect(page.locator("#schedule-invitations")).to_be_visible()
    page.locator("#id_save_anyway").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Inbjudningar")
    page.goto(f"{base}/omgangar/{edition.pk}/")
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
    assert f"{module.name} – Grupp 1" in summaries
    assert f"{module.name} – Grupp 2" not in summaries
    assert "Julavslutning" in summaries
    days = sorted(
        (e.decoded("dtstart"), e.decoded("dtend"))
        for e in cal.walk("VEVENT")
        if str(e["summary"]) == f"{module.name} – Grupp 1"
    )
    # The two-day module is two events, each within its own day.
    assert [(start.date(), end.date()) for start, end in days] == [
        (dt.date(2027, 1, 11), dt.date(2027, 1, 11)),
        (dt.date(2027, 1, 12), dt.date(2027, 1, 12)),
    ]
    assert days[1][1].hour == 12
    anonymous.close()
