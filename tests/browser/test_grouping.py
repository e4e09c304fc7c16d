"""The coordinator makes groups with the engine for 32 managers from 4 administrations in 3
groups (a draft), moves one person (the score updates in place), and saves; axe on every
page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from plantskola.programmes.models import Group, Participant
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_coordinator_journey import log_in
from tests.conftest import World, build_world
from tests.programmes.test_grouping import GroupingEdition, build_grouping_edition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_grouping(live_server: Any) -> tuple[World, GroupingEdition]:
    world = build_world()
    return world, build_grouping_edition(world.host, world.programme)


def test_coordinator_makes_groups_moves_one_person_and_saves(
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

    page.goto(f"{base}/omgangar/{edition.pk}/")
    page.locator(f"main a[href='/omgangar/{edition.pk}/grupper/motor/']").click()
    expect(page.locator("#id_group_count")).to_be_visible()
    axe_check.check(page, "grouping-start")

    page.locator("#id_group_count").fill("3")
    page.locator("#id_time_limit").fill("2")
    page.locator("main form button[type=submit]").first.click()
    # The engine runs in the task queue and its groups become a draft; the coordinator takes
    # the draft to adjust it. The engine may take its whole time limit on a busy machine.
    adjust = page.locator("form[action$='/justera/'] button")
    expect(adjust).to_be_visible(timeout=30_000)
    axe_check.check(page, "grouping-draft")
    adjust.click()
    expect(page.locator("h1")).to_contain_text(edition.name, timeout=15_000)
    sections = page.locator("section.grouping-group")
    expect(sections).to_have_count(3)
    expect(page.locator("table.grouping-counts").first).to_contain_text("Socialförvaltningen")
    axe_check.check(page, "grouping-result")

    score = page.locator(".grouping-score dd").first
    before = score.inner_text()
    # Move a unit manager from a group of 11 into the group of 10, with the keyboard-usable
    # form on their row; a refused move says why and leaves the groups as they were.
    sizes = [sections.nth(i).locator("tbody tr").count() for i in range(3)]
    assert sorted(sizes) == [10, 11, 11]
    small = sizes.index(10)
    moved = False
    for g in (i for i in range(3) if i != small):
        rows = sections.nth(g).locator("tbody tr", has_text="Enhetschef")
        for r in range(rows.count()):
            row = rows.nth(r)
            row.locator("select").select_option(str(small))
            name = row.locator("td").first.inner_text().split(" (")[0]
            row.locator("button[id^=move-button-]").click()
            status = page.locator("#grouping-status")
            expect(status).to_contain_text(name, timeout=15_000)
            if status.locator(".error").count() == 0:
                moved = True
                break
        if moved:
            break
    assert moved
    expect(page.locator("#grouping-status")).to_contain_text("%")
    expect(score).not_to_have_text(before)
    sizes_after = [sections.nth(i).locator("tbody tr").count() for i in range(3)]
    assert sorted(sizes_after) == [10, 11, 11] and sizes_after != sizes
    axe_check.check(page, "grouping-after-move")

    # A refused move: a department head (in a management team) cannot leave alone.
    row = page.locator("section.grouping-group tbody tr", has_text="Avdelningschef").first
    row.locator("select").select_option(index=0)
    row.locator("button[id^=move-button-]").click()
    expect(page.locator("#grouping-status .error")).to_be_visible(timeout=15_000)
    axe_check.check(page, "grouping-refused-move")

    page.locator(f"form[action='/omgangar/{edition.pk}/grupper/motor/spara/'] button").click()
    expect(page).to_have_url(f"{base}/omgangar/{edition.pk}/", timeout=15_000)
    expect(page.locator(".messages")).to_contain_text("32")
    axe_check.check(page, "grouping-saved-edition")
    assert Group.objects.filter(edition=edition).count() == 3
    assert not Participant.objects.filter(edition=edition, group__isnull=True).exists()
    context.close()
