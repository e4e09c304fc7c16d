"""HR imports a roster in which two people became managers; "Nya chefer" lists them; HR marks
the introduction, proposes both for its next edition and the invitations are in the outbox
(to each new manager and to their own manager). Every page passes axe."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from plantskola.core.models import ManagerAppointment, OutgoingEmail
from plantskola.programmes.models import Edition, Participant, Programme
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_coordinator_journey import log_in
from tests.conftest import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The host's whole roster, in which Erik (H101) and Sam (H105) have become managers.
ROSTER = (
    "Anst.nr;Förnamn;Efternamn;Enhetskod;Chef;Närmaste chef\r\n"
    "H100;Maria;Chef;SOC;ja;\r\n"
    "H101;Erik;Anställd;SOC-1;ja;H100\r\n"
    "H102;Pia;Deltagare;SOC-1;nej;H101\r\n"
    "H103;Hanna;Personal;KLF;nej;\r\n"
    "H104;Kim;Koordinator;KLF;nej;\r\n"
    "H105;Sam;Styrgrupp;KLF;ja;H100\r\n"
    "H106;Lea;Kursledare;KLF;nej;H105\r\n"
)


@pytest.fixture
def live_world(live_server: Any) -> World:
    world = build_world()
    programme = Programme.objects.create(
        organisation=world.host, name="Introduktion för nya chefer", audience="new_managers"
    )
    today = timezone.localdate()
    Edition.objects.create(
        programme=programme,
        name="Introduktion nästa termin",
        start_date=today + dt.timedelta(days=40),
        end_date=today + dt.timedelta(days=120),
    )
    return world


def test_hr_imports_two_new_managers_and_proposes_both_for_the_introduction(
    live_server: Any, live_world: World, page: Page, axe_check: AccessibilityChecker, tmp_path: Path
) -> None:
    base = live_server.url
    log_in(page, base, "hr")
    page.goto(f"{base}/personal/import/")
    roster = tmp_path / "personal.csv"
    roster.write_bytes(ROSTER.encode("utf-8"))
    page.get_by_label("Personallista (.xlsx, .xls, .ods eller .csv)").set_input_files(str(roster))
    page.get_by_role("button", name="Granska filen").click()
    page.get_by_role("button", name="Importera personallistan").click()
    expect(page.locator("main")).to_contain_text("Personallistan importerades")
    assert ManagerAppointment.objects.filter(organisation=live_world.host).count() == 2

    # From the start page to "Nya chefer": both are listed, nobody is proposable yet.
    page.goto(f"{base}/")
    page.get_by_role("link", name="Nya chefer").first.click()
    expect(page.locator("h1")).to_have_text("Nya chefer – Värdkommun")
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator("main table")).to_contain_text("Erik Anställd")
    expect(page.locator("main table")).to_contain_text("Sam Styrgrupp")
    axe_check.check(page, "new-managers")

    # Mark the introduction (within 90 days).
    page.get_by_role("link", name="Välj introduktionen").click()
    page.get_by_label("Introduktionsprogram för nya chefer").select_option(
        label="Introduktion för nya chefer"
    )
    expect(page.get_by_label("Inom hur många dagar från start")).to_have_value("90")
    axe_check.check(page, "new-managers-rule")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator("main")).to_contain_text("Introduktionen för nya chefer sparades.")
    expect(page.locator("main")).to_contain_text("Nästa omgång: Introduktion nästa termin")
    axe_check.check(page, "new-managers-with-rule")

    # Propose both: the preview with the count, the confirmation, the job's progress.
    page.get_by_role("link", name="Föreslå 2 nya chefer till Introduktion nästa termin…").click()
    expect(page.locator("main")).to_contain_text(
        "2 nya chefer anmäls till Introduktion nästa termin."
    )
    axe_check.check(page, "new-managers-propose")
    assert not Participant.objects.filter(edition__name="Introduktion nästa termin").exists()
    page.get_by_role("button", name="Föreslå 2 nya chefer").click()
    expect(page.locator("#job-status")).to_contain_text("2 nya chefer anmäldes och bjöds in.")
    axe_check.check(page, "new-managers-job")

    enrolled = Participant.objects.filter(edition__name="Introduktion nästa termin")
    assert sorted(p.person.employee_number for p in enrolled) == ["H101", "H105"]
    outbox = sorted(OutgoingEmail.objects.values_list("to", "template_key"))
    maria = "maria.chef@host.example"
    assert outbox == sorted(
        [
            ("erik.anställd@host.example", "edition_invitation"),
            ("sam.styrgrupp@host.example", "edition_invitation"),
            (maria, "introduction_manager_notice"),
            (maria, "introduction_manager_notice"),
        ]
    )

    # Back on the list both are enrolled, and nothing is left to propose.
    page.goto(f"{base}/organisationer/host/nya-chefer/")
    expect(page.locator("main table")).to_contain_text("Anmäld till Introduktion nästa termin")
    expect(page.get_by_role("button", name="Föreslå Erik Anställd")).to_have_count(0)
