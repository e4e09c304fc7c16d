"""HR reads the manager-supply pipeline and imports and reads recruitment statistics; every page
passes axe and the charts are really drawn (checked on a screenshot of each chart)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Browser, Locator, expect

from plantskola.insights.models import CareerEvent, RecruitmentApplication
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_coordinator_journey import log_in
from tests.conftest import World, build_world
from tests.insights.test_recruitment import GOOD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHART_BLUE = (0x1F, 0x5F, 0x8B)


@pytest.fixture
def live_world(live_server: Any) -> World:
    w = build_world()
    edition = w.programme.editions.create(
        name="Omgång 2023", start_date=dt.date(2023, 1, 10), end_date=dt.date(2023, 6, 30)
    )
    edition.participants.create(person=w.employee, status="completed")
    edition.participants.create(person=w.participant.person, status="completed")
    CareerEvent.objects.create(person=w.employee, kind="became_manager", date=dt.date(2024, 2, 1))
    return w


def assert_chart_drawn(chart: Locator) -> None:
    """The chart has a size on the page and its bars or lines are painted in the chart colour."""
    box = chart.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 80
    image = Image.open(io.BytesIO(chart.screenshot())).convert("RGB")
    painted = 0
    for count, rgb in image.getcolors(maxcolors=1_000_000) or []:
        channels: tuple[int, ...] = rgb if isinstance(rgb, tuple) else (int(rgb),) * 3
        if all(abs(a - b) <= 24 for a, b in zip(channels, CHART_BLUE, strict=True)):
            painted += count
    assert painted > 50, "the chart's data is not drawn"


def test_hr_reads_the_pipeline_and_recruitment_statistics(
    live_server: Any,
    live_world: World,
    browser: Browser,
    axe_check: AccessibilityChecker,
    tmp_path: Path,
) -> None:
    base = live_server.url
    w = live_world
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, base, "hr")

    # The menu leads to the insights; the pipeline shows the funnel and the curve with tables.
    page.get_by_role("link", name="Uppföljning").click()
    axe_check.check(page, "insights-home")
    page.get_by_role("link", name="Chefsförsörjning").click()
    expect(page.locator("h1")).to_contain_text("Chefsförsörjning – Värdkommun")
    funnel = page.locator("svg[aria-labelledby^='funnel-']")
    expect(funnel.first).to_be_visible()
    expect(page.locator("table").first).to_contain_text("Omgång 2023")
    axe_check.check(page, "insights-pipeline")
    assert_chart_drawn(page.locator("svg[aria-labelledby^='funnel-']").first)
    assert_chart_drawn(page.locator("svg[aria-labelledby^='km-']").first)

    # The administration filter narrows the pipeline; an export is offered.
    page.get_by_label("Förvaltning").select_option(label="Socialförvaltningen")
    page.get_by_role("button", name="Filtrera").click()
    expect(page.locator("table").first).to_contain_text("Omgång 2023")
    with page.expect_download() as download:
        page.get_by_role("link", name="Exportera till Excel").click()
    assert download.value.suggested_filename == "chefsforsorjning-host.xlsx"

    # HR imports a recruitment file with a mistake: nothing is imported, the row is named.
    page.goto(f"{base}/insikter/{w.host.pk}/rekrytering/import/")
    bad = tmp_path / "rekrytering.csv"
    bad.write_bytes(GOOD + b"\nRektor;XYZ;2025-01-01;;;ja;;anstalld\n")
    page.get_by_label("Rekryteringsfil (.xlsx eller .csv)").set_input_files(str(bad))
    page.get_by_role("button", name="Granska filen").click()
    expect(page.locator(".error-summary")).to_contain_text("Rad 8")
    axe_check.check(page, "insights-recruitment-import-errors")
    assert not RecruitmentApplication.objects.exists()

    # The corrected file is imported and the statistics are shown as charts with tables.
    good = tmp_path / "rekrytering-ratt.csv"
    good.write_bytes(GOOD)
    page.get_by_label("Rekryteringsfil (.xlsx eller .csv)").set_input_files(str(good))
    page.get_by_role("button", name="Granska filen").click()
    # The preview: how the file was read, each column, what it replaces; nothing imported yet.
    expect(page.locator("#reading")).to_contain_text("Rubrikerna står på rad 1")
    expect(page.locator("#recruitment-summary")).to_contain_text("2024, 2025")
    expect(page.locator("#recruitment-columns")).to_contain_text("utfall")
    axe_check.check(page, "insights-recruitment-preview")
    assert not RecruitmentApplication.objects.exists()
    page.get_by_role("button", name="Importera rekryteringarna").click()
    expect(page.locator("h1")).to_contain_text("Rekryteringsstatistik – Värdkommun")
    expect(page.locator("main")).to_contain_text("5 ansökningar till 2 chefstjänster")
    axe_check.check(page, "insights-recruitment")
    assert_chart_drawn(page.locator("svg[aria-labelledby='groups-2025-title groups-2025-desc']"))
    assert_chart_drawn(page.locator("svg[aria-labelledby='hires-2025-title hires-2025-desc']"))
    # Kungsbacka's other figures: internal, external and withdrawn applications; hires by gender.
    assert_chart_drawn(
        page.locator("svg[aria-labelledby='applications-2025-title applications-2025-desc']")
    )
    assert_chart_drawn(
        page.locator("svg[aria-labelledby='hires-gender-2025-title hires-gender-2025-desc']")
    )
    expect(page.locator("main")).to_contain_text("Ansökningar 2025: interna, externa och återtagna")
    assert RecruitmentApplication.objects.count() == 6

    # Career events: the list and the form to record one by hand.
    page.goto(f"{base}/insikter/{w.host.pk}/karriarhandelser/")
    expect(page.locator("main table")).to_contain_text("Blev chef")
    axe_check.check(page, "insights-career-events")
    context.close()
