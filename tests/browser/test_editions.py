"""Editions from editions (issue 14 point 8): the coordinator copies last year's edition with
a preview of its sessions' new dates, and makes two grouping drafts with the engine in the
task queue, compares them and applies one after the confirmation; axe on every page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from plantskola.programmes.models import Edition, GroupingDraft, Participant
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_coordinator_journey import log_in
from tests.conftest import World, build_world
from tests.programmes.test_grouping import GroupingEdition, build_grouping_edition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_world(live_server: Any) -> World:
    return build_world()


@pytest.fixture
def live_grouping(live_server: Any) -> tuple[World, GroupingEdition]:
    world = build_world()
    return world, build_grouping_edition(world.host, world.programme)


def test_coordinator_copies_an_edition_after_a_preview(
    live_server: Any, live_world: World, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    world = live_world
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, base, "coordinator")

    page.goto(f"{base}/program/{world.programme.pk}/")
    page.locator(f"main a[href='/program/{world.programme.pk}/omgangar/kopiera/']").click()
    expect(page.locator("#id_source")).to_be_visible()
    axe_check.check(page, "edition-copy")
    page.locator("#id_name").fill("Omgång 2027")
    page.locator("#id_start_date").fill("2027-08-31")
    page.locator("main form[method=get] button[type=submit]").click()
    preview = page.locator("#preview-heading")
    expect(preview).to_be_visible()
    table = page.locator("main table")
    expect(table).to_contain_text("2026-12-03")
    expect(table).to_contain_text("2027-12-02")
    axe_check.check(page, "edition-copy-preview")
    assert not Edition.objects.filter(name="Omgång 2027").exists()

    page.locator("main form[method=post] button[type=submit]").click()
    new = Edition.objects.get(name="Omgång 2027")
    expect(page).to_have_url(f"{base}/omgangar/{new.pk}/", timeout=15_000)
    expect(page.locator("h1")).to_contain_text("Omgång 2027")
    axe_check.check(page, "edition-copied")
    assert new.sessions.count() == 2 and not new.participants.exists()
    context.close()


def _make_draft(page: Any, base: str, edition_pk: int, name: str, groups: str) -> None:
    page.goto(f"{base}/omgangar/{edition_pk}/grupper/motor/")
    page.locator("#id_draft_name").fill(name)
    page.locator("#id_group_count").fill(groups)
    page.locator("#id_time_limit").fill("1")
    page.locator("main form.grouping-form button[type=submit]").click()
    # The engine runs in the task queue; the draft's page shows its groups when it is done.
    expect(page.locator("form[action$='/tillampa/'] button")).to_be_visible(timeout=30_000)
    expect(page.locator("h1")).to_have_text(name)


def test_coordinator_makes_two_drafts_compares_them_and_applies_one(
    live_server: Any,
    live_grouping: tuple[World, GroupingEdition],
    browser: Browser,
    axe_check: AccessibilityChecker,
) -> None:
    _world, ge = live_grouping
    edition = ge.edition
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, base, "coordinator")

    page.goto(f"{base}/omgangar/{edition.pk}/grupper/motor/")
    axe_check.check(page, "grouping-start-drafts")
    _make_draft(page, base, edition.pk, "Tre grupper", "3")
    axe_check.check(page, "grouping-draft")
    _make_draft(page, base, edition.pk, "Fyra grupper", "4")
    assert not Participant.objects.filter(edition=edition, group__isnull=False).exists()

    page.locator(f"main a[href='/omgangar/{edition.pk}/grupper/utkast/']").last.click()
    axe_check.check(page, "grouping-drafts")
    for draft in GroupingDraft.objects.filter(edition=edition):
        page.locator(f"#compare-{draft.pk}").check()
    page.locator("main form button[type=submit]").click()
    table = page.locator("main table")
    expect(table).to_contain_text("Tre grupper")
    expect(table).to_contain_text("8, 8, 8, 8")
    axe_check.check(page, "grouping-compare")

    page.locator("main table a", has_text="Tre grupper").click()
    page.locator("form[action$='/tillampa/'] button").click()
    expect(page.locator("main table")).to_be_visible()
    expect(page.locator("main")).to_contain_text("32")
    axe_check.check(page, "grouping-apply-confirm")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{base}/omgangar/{edition.pk}/", timeout=15_000)
    expect(page.locator(".messages")).to_contain_text("32")
    axe_check.check(page, "grouping-applied")
    assert not Participant.objects.filter(edition=edition, group__isnull=True).exists()
    assert edition.groups.count() == 3
    context.close()
