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
from plantskola.evaluations.schedule.models import SurveySchedule
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


def test_orebro_mass_actions_completion_exception_and_survey_schedule(
    demo: Any, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    edition = Edition.objects.get(programme__name=OREBRO)
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, demo.url, "koordinator")

    # Withdraw two participants with a reason: preview with the count, then confirm.
    first, second = Participant.objects.filter(edition=edition).order_by(
        "person__last_name", "person__first_name"
    )[:2]
    page.goto(f"{demo.url}/omgangar/{edition.pk}/deltagare/")
    axe_check.check(page, "participants-with-mass-actions")
    page.locator(f"#pick-{first.pk}").check()
    page.locator(f"#pick-{second.pk}").check()
    page.get_by_label("Ny status").select_option("withdrawn")
    page.get_by_label("Skäl till avbrottet").fill("Har bytt arbetsgivare")
    page.get_by_role("button", name="Förhandsvisa ändringen").click()
    expect(page.locator("main")).to_contain_text("2 deltagare får statusen ”Avhoppad”.")
    axe_check.check(page, "participant-bulk-preview")
    page.get_by_role("button", name="Ändra 2 deltagare").click()
    expect(page.locator("#job-status")).to_contain_text("2 deltagare ändrades.")
    first.refresh_from_db()
    assert (first.status, first.withdrawal_reason) == ("withdrawn", "Har bytt arbetsgivare")

    # Everyone present except one, at a session that has taken place.
    session = (
        edition.sessions.filter(group__isnull=False, date__lt=dt.date(2026, 11, 1))
        .order_by("-date")
        .first()
    )
    assert session is not None
    page.goto(f"{demo.url}/tillfallen/{session.pk}/narvaro/")
    boxes = page.locator("input[name=absent]")
    total = boxes.count()
    boxes.first.check()
    page.get_by_role("button", name="Förhandsvisa").click()
    expect(page.locator("main")).to_contain_text(
        f"{total - 1} markeras som närvarande och 1 som frånvarande."
    )
    axe_check.check(page, "attendance-bulk-preview")
    page.get_by_role("button", name=f"Registrera närvaro för {total} deltagare").click()
    expect(page.locator("#job-status")).to_contain_text(f"Närvaro registrerades för {total}")

    # A new edition without sessions: completion is refused, the exception form is offered.
    fresh = Edition.objects.create(
        programme=edition.programme,
        name="Omgång 2028",
        start_date=dt.date(2028, 9, 1),
        end_date=dt.date(2029, 6, 30),
    )
    page.goto(f"{demo.url}/omgangar/{fresh.pk}/genomforande/")
    expect(page.locator("main")).to_contain_text("inga tillfällen ännu")
    axe_check.check(page, "completion-refused-with-exception")

    # The programme's module surveys open by themselves.
    page.goto(f"{demo.url}/program/{edition.programme_id}/")
    page.get_by_role("link", name="Modulutvärderingar").click()
    axe_check.check(page, "survey-schedule")
    page.get_by_label("Mall").select_option(index=1)
    page.get_by_label("Dagar efter modulens sista dag").fill("2")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator("main")).to_contain_text("Utvärderingsschemat sparades.")
    schedule = SurveySchedule.objects.get(programme=edition.programme)
    assert schedule.open_after_days == 2
