"""HR imports a roster as an HR system exports it (Windows-1252, a title row, extra columns and
a personal identity number): the preview says how the file was read and what each column is
used as, HR changes a column, confirms the leavers by number, and every page passes axe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from plantskola.core.models import ImportMapping, Person
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_coordinator_journey import log_in
from tests.conftest import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_world(live_server: Any) -> World:
    return build_world()


ROSTER = (
    "Personallista Värdkommun 2026-11-01\r\n"
    "Anst.nr;Förnamn;Efternamn;Enhetskod;Rolltext;Personnummer;Lönekod\r\n"
    "H100;Maria;Chef;SOC;Förvaltningschef;19700101-1234;L1\r\n"
    "H101;Erik;Anställd;SOC-1;Enhetschef Äldreomsorg;19750101-1234;L2\r\n"
)


def test_hr_reads_the_preview_changes_a_column_and_confirms_the_leavers(
    live_server: Any, live_world: World, page: Page, axe_check: AccessibilityChecker, tmp_path: Path
) -> None:
    base = live_server.url
    log_in(page, base, "hr")
    page.goto(f"{base}/personal/import/")
    roster = tmp_path / "personal.csv"
    roster.write_bytes(ROSTER.encode("cp1252"))
    page.get_by_label("Personallista (.xlsx, .xls, .ods eller .csv)").set_input_files(str(roster))
    page.get_by_role("button", name="Granska filen").click()

    main = page.locator("main")
    expect(main).to_contain_text("Läst som text i Windows-1252, avgränsad med semikolon.")
    expect(main).to_contain_text("Rubrikerna står på rad 2.")
    expect(page.get_by_role("row", name="Personnummer")).to_contain_text("läses aldrig")
    expect(page.get_by_role("row", name="Lönekod")).to_contain_text("används inte")
    axe_check.check(page, "roster-preview")
    assert "1234" not in page.content()

    # HR uses "Rolltext" as the job title; the choice is saved for the next import.
    page.get_by_text("Ändra vad kolumnerna används som").click()
    page.get_by_label("Rolltext").select_option(label="Befattning")
    axe_check.check(page, "roster-preview-mapping")
    page.get_by_role("button", name="Granska filen med de här kolumnerna").click()
    expect(page.get_by_role("row", name="Rolltext")).to_contain_text("Befattning")
    mapping = ImportMapping.objects.get(organisation=live_world.host, kind="roster")
    assert mapping.columns["rolltext"] == "title"

    # Most of the host's people are not in the file: the number must be confirmed.
    page.get_by_role("button", name="Importera personallistan").click()
    expect(page.locator("main")).to_contain_text("Bekräfta att")
    axe_check.check(page, "roster-preview-confirm")
    assert Person.objects.get(employee_number="H101").title != "Enhetschef Äldreomsorg"
    page.get_by_label("personer har slutat").check()
    page.get_by_role("button", name="Importera personallistan").click()
    expect(page.locator("main")).to_contain_text("Personallistan importerades")
    assert Person.objects.get(employee_number="H101").title == "Enhetschef Äldreomsorg"
