"""Evaluations in the browser: a participant answers the anonymous form, the coordinator reads
the report with its charts (checked on a screenshot) and the edition's comparison."""

from __future__ import annotations

import io
from typing import Any, cast

import pytest
from PIL import Image
from playwright.sync_api import Browser, expect

from plantskola.evaluations.models import Answer, Response
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_coordinator_journey import log_in
from tests.conftest import World, build_world
from tests.evaluations.helpers import add_participants, answer, close, session_survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BAR_BLUE = (0x00, 0x72, 0xB2)


@pytest.fixture
def live_world(live_server: Any) -> World:
    world = build_world()
    survey = session_survey(world)
    others = [world.partner_participant.person, *add_participants(world, world.group, 4)]
    for i, person in enumerate(others):
        answer(survey, person, [6, 5, 4, 5, 6][i], text=f"Kommentar {i + 1}")
    return world


def test_participant_answers_and_coordinator_reads_the_report(
    live_server: Any, live_world: World, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    base = live_server.url
    survey = session_survey(live_world)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, base, "participant")
    page.locator("header nav a[href='/utvarderingar/']").click()
    page.locator(f"main a[href='/utvarderingar/{survey.pk}/svara/']").click()
    expect(page.locator("h1")).to_contain_text(survey.title)
    expect(page.locator("main")).to_contain_text("anonym")
    axe_check.check(page, "evaluation-form")
    # Submitting without the required rating keeps everything and says what is missing.
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert Response.objects.count() == 5
    page.get_by_role("radio", name="5", exact=True).check()
    page.get_by_role("radio", name="Lagom").check()
    page.get_by_role("checkbox", name="Nätverket").check()
    page.get_by_label("Övriga synpunkter").fill("Bra blandning av teori och övningar")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#answered")).to_be_visible()
    axe_check.check(page, "evaluation-answered")
    assert Response.objects.count() == 6
    assert Answer.objects.filter(text="Bra blandning av teori och övningar").exists()
    context.close()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, base, "coordinator")
    page.goto(f"{base}/utvarderingar/")
    page.locator(f"main a[href='/utvarderingar/{survey.pk}/']").click()
    expect(page.locator("#response-rate")).to_contain_text("6 av 6")
    # While the survey is open, only the count: a reload after one more answer shows nothing.
    expect(page.locator("#not-published")).to_contain_text("när enkäten har stängt")
    expect(page.locator("main")).not_to_contain_text("Bra blandning av teori och övningar")
    axe_check.check(page, "evaluation-report-open")
    close(survey)
    page.reload()
    report = page.locator("main")
    expect(report).to_contain_text("5,17")  # (6+5+4+5+6+5)/6
    expect(report).to_contain_text("Bra blandning av teori och övningar")
    chart = page.locator("svg.chart").first
    expect(chart).to_be_visible()
    assert chart.get_attribute("role") == "img"
    expect(chart.locator("title")).to_contain_text("Helhetsbetyg")
    axe_check.check(page, "evaluation-report")
    # The chart really renders: its screenshot has the bars' colour and is not blank.
    image = Image.open(io.BytesIO(chart.screenshot())).convert("RGB")
    assert image.width > 200 and image.height > 100
    # An RGB image's colours are (count, (r, g, b)).
    colours = cast(
        list[tuple[int, tuple[int, int, int]]],
        image.getcolors(maxcolors=image.width * image.height) or [],
    )
    near_blue = sum(
        n
        for n, (r, g, b) in colours
        if abs(r - BAR_BLUE[0]) + abs(g - BAR_BLUE[1]) + abs(b - BAR_BLUE[2]) < 40
    )
    assert near_blue > 500, "the bars of the chart did not render"
    page.goto(f"{base}/omgangar/{live_world.edition.pk}/utvarderingar/")
    expect(page.locator("h1")).to_contain_text(live_world.edition.name)
    axe_check.check(page, "evaluation-edition")
    context.close()
