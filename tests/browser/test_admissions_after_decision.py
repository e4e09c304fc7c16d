"""Issue 4's later steps in a real browser: the coordinator publishes interview slots and
invites, the applicant books a slot; after the decision the coordinator amends an outcome with
a reason; HR sees what is due for weeding, and after weeding the pages show pseudonyms. Every
page passes axe."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from plantskola.admissions.models import Application, DecisionAmendment, InterviewSlot
from plantskola.privacy import weeding
from tests.admissions.factories import decided_call, make_call
from tests.browser.conftest import AccessibilityChecker
from tests.conftest import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/logga-in/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_be_visible()


def test_slots_amendment_and_weeding(
    live_server: Any, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    world = build_world()
    call = make_call(world)
    application = Application.objects.create(
        call=call, applicant=world.participant.person, status="submitted"
    )
    base = live_server.url

    # The coordinator publishes two slots and invites the applicant.
    coordinator = browser.new_context().new_page()
    log_in(coordinator, base, "coordinator")
    coordinator.goto(f"{base}/utlysningar/{call.pk}/intervjutider/")
    axe_check.check(coordinator, "slots-empty")
    start = (timezone.localtime() + dt.timedelta(days=10)).replace(hour=9, minute=0)
    coordinator.locator("#id_first_start").fill(start.strftime("%Y-%m-%dT%H:%M"))
    coordinator.locator("#id_count").fill("2")
    coordinator.locator("#id_place").fill("Stadshuset, rum 3")
    coordinator.get_by_label("Hanna Personal").check()
    coordinator.locator("#id_bookable_until").fill(
        (start - dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    )
    coordinator.get_by_role("button", name="Publicera tiderna").click()
    expect(coordinator.locator(".messages, [role=status], main").first).to_contain_text(
        "2 intervjutider"
    )
    coordinator.get_by_role("button", name="Skicka inbjudningar att boka").click()
    expect(coordinator.locator("main")).to_contain_text("inbjuden")
    axe_check.check(coordinator, "slots-published")

    # The applicant books the first free time.
    applicant = browser.new_context().new_page()
    log_in(applicant, base, "participant")
    applicant.goto(f"{base}/mina-ansokningar/")
    applicant.get_by_role("link", name="Boka din intervjutid").click()
    axe_check.check(applicant, "slot-booking")
    applicant.locator("input[name=slot]").first.check()
    applicant.get_by_role("button", name="Boka den här tiden").click()
    expect(applicant.locator("main")).to_contain_text("Du har bokat")
    axe_check.check(applicant, "slot-booked")
    assert InterviewSlot.objects.get(application=application).starts_at is not None

    # The decision is made; the coordinator amends Bo's outcome with a reason.
    decided_call(world)
    bo = Application.objects.get(call=call, applicant__first_name="Bo")
    coordinator.goto(f"{base}/utlysningar/{call.pk}/urval/")
    coordinator.get_by_role("link", name="Beslutet och ändringarna av det").click()
    axe_check.check(coordinator, "decision")
    coordinator.locator("#id_application").select_option(str(bo.pk))
    coordinator.locator("#id_to_outcome").select_option("admitted")
    coordinator.locator("#id_reason").fill("Ada har tackat nej; första reserv antas.")
    coordinator.get_by_role("button", name="Ändra beskedet").click()
    expect(coordinator.locator("main")).to_contain_text("första reserv antas")
    axe_check.check(coordinator, "decision-amended")
    assert DecisionAmendment.objects.get().to_outcome == "admitted"

    # HR sees what falls due, the weeding runs, and the pages show pseudonyms.
    hr = browser.new_context().new_page()
    log_in(hr, base, "hr")
    hr.goto(f"{base}/gallring/")
    expect(hr.locator("h1")).to_contain_text("Gallring")
    axe_check.check(hr, "weeding")
    weeding.run(today=weeding.add_months(timezone.localdate(), 24))
    hr.reload()
    expect(hr.locator("main")).to_contain_text("ansökningar: 2")
    axe_check.check(hr, "weeding-logged")
    coordinator.goto(f"{base}/utlysningar/{call.pk}/urval/")
    expect(coordinator.locator("main")).to_contain_text("Sökande 1")
    axe_check.check(coordinator, "selection-weeded")
    weeded = Application.objects.filter(call=call, weeded_at__isnull=False).first()
    assert weeded is not None
    coordinator.goto(f"{base}/ansokningar/{weeded.pk}/")
    expect(coordinator.locator("main")).to_contain_text("gallrades")
    axe_check.check(coordinator, "application-weeded")
