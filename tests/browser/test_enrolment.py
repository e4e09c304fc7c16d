"""Enrol by rule in a real Chromium on the demo data: Örebro's coordinator adds all permanent
managers of the organisation to a new edition (rule → preview → confirm → list); axe on
every page."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from plantskola.demo.loader import demo_load
from plantskola.programmes.enrolment.selectors import EnrolmentRule, Who, rule_people
from plantskola.programmes.models import Edition, Participant, Programme
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_demo_journeys import OREBRO, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server: Any) -> Any:
    demo_load()
    return live_server


def test_orebro_enrols_all_permanent_managers_by_rule(
    demo: Any, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    programme = Programme.objects.get(name=OREBRO)
    edition = Edition.objects.create(
        programme=programme,
        name="Omgång 2027",
        start_date=dt.date(2027, 9, 1),
        end_date=dt.date(2028, 6, 30),
    )
    expected = rule_people(edition=edition, rule=EnrolmentRule(who=Who.PERMANENT_MANAGERS))
    count = expected.count()
    assert count >= 100

    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, demo.url, "koordinator")
    page.goto(f"{demo.url}/omgangar/{edition.pk}/deltagare/")
    page.get_by_role("link", name="Lägg till deltagare efter regel").click()
    expect(page.locator("h1")).to_have_text("Lägg till deltagare efter regel")
    axe_check.check(page, "enrolment-rule")

    page.get_by_label("Tillsvidareanställda chefer").check()
    page.get_by_role("button", name="Förhandsvisa").click()
    expect(page.locator("#preview")).to_be_visible()
    expect(page.locator("main")).to_contain_text(f"Regeln lägger till {count} personer.")
    expect(page.locator("main table tbody tr")).to_have_count(count)
    # Managers of the demo's earlier edition are alumni of the programme: the preview says so.
    expect(page.locator("main")).to_contain_text("redan genomfört en omgång av programmet")
    axe_check.check(page, "enrolment-preview")
    assert not Participant.objects.filter(edition=edition).exists()

    page.get_by_role("button", name=f"Lägg till {count} deltagare").click()
    expect(page.locator("#job-status")).to_contain_text(f"{count} deltagare lades till.")
    axe_check.check(page, "enrolment-job")

    page.get_by_role("link", name="Tillbaka till deltagarna").click()
    expect(page.locator("main table caption")).to_have_text(re.compile(f"{count} deltagare"))
    axe_check.check(page, "enrolment-participant-list")
    enrolled = set(Participant.objects.filter(edition=edition).values_list("person_id", flat=True))
    assert enrolled == set(expected.values_list("pk", flat=True))
