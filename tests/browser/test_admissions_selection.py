"""The second half of the Ledarlabbet flow in a real browser: the coordinator books an
interview, the interviewer scores, the coordinator calibrates, selects under a spread rule,
and confirms the decision; the decision mails are in the outbox. Every page passes axe."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from plantskola.admissions.models import Application, Call, Decision, Reference, ReferenceRating
from plantskola.core.models import OutgoingEmail, Person
from plantskola.core.services import unit_create
from plantskola.programmes.models import Participant
from tests.admissions.factories import make_call
from tests.browser.conftest import AccessibilityChecker
from tests.conftest import PASSWORD, World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/logga-in/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_be_visible()


def applicants(world: World, call: Call) -> list[Application]:
    """Four submitted applications from two administrations, references given."""
    assert call.requirement_profile is not None
    competencies = list(call.requirement_profile.competencies.all())
    result = []
    for i, (admin, rating) in enumerate([("A", 5), ("A", 4), ("B", 3), ("B", 2)]):
        unit = unit_create(
            organisation=world.host,
            code=f"ADM{admin}{i}",
            name=f"Förvaltning {admin}",
            kind="administration",
        )
        person = Person.objects.create(
            organisation=world.host,
            employee_number=f"APP{i}",
            first_name=f"Sökande{i}",
            last_name=admin,
            unit=unit,
            email=f"sokande{i}@host.example",
        )
        application = Application.objects.create(
            call=call, applicant=person, status="submitted", manager=world.manager_person
        )
        reference = Reference.objects.create(
            application=application,
            manager=world.manager_person,
            token_hash=f"t{i}",
            expires_on=call.reference_deadline,
            status="given",
            recommendation="yes",
        )
        for c in competencies:
            ReferenceRating.objects.create(reference=reference, competency=c, rating=rating)
        result.append(application)
    return result


def test_coordinator_interviews_selects_and_decides(
    live_server: Any, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    world = build_world()
    call = make_call(world)
    apps = applicants(world, call)
    base = live_server.url

    coordinator = browser.new_context().new_page()
    log_in(coordinator, base, "coordinator")
    coordinator.goto(f"{base}/utlysningar/{call.pk}/intervjuer/")
    axe_check.check(coordinator, "interview-list")
    coordinator.locator(f"a[href='/ansokningar/{apps[0].pk}/intervju/']").click()
    axe_check.check(coordinator, "interview-book")
    start = timezone.localtime() + dt.timedelta(days=3)
    coordinator.locator("#id_starts_at").fill(start.strftime("%Y-%m-%dT10:00"))
    coordinator.locator("#id_place").fill("Stadshuset, rum 3")
    hr_person = world.user("hr").person
    coordinator.get_by_label(hr_person.full_name).check()
    coordinator.locator("main form button[type=submit]").first.click()
    expect(coordinator.locator(".messages")).to_be_visible()
    assert OutgoingEmail.objects.filter(template_key="interview_invitation").count() == 2

    interviewer = browser.new_context().new_page()
    log_in(interviewer, base, "hr")
    interviewer.goto(f"{base}/mina-intervjuer/")
    axe_check.check(interviewer, "my-interviews")
    interviewer.get_by_role("link", name="Bedömning").or_(
        interviewer.get_by_role("link", name="Scorecard")
    ).first.click()
    axe_check.check(interviewer, "scorecard")
    for group in interviewer.locator("fieldset").all():
        group.locator("input[type=radio]").nth(4).check()
    interviewer.locator("textarea").first.fill("Ledde ett svårt möte till ett tydligt beslut.")
    interviewer.locator("main form button[type=submit]").click()
    expect(interviewer.locator(".messages")).to_be_visible()

    coordinator.goto(f"{base}/utlysningar/{call.pk}/kalibrering/")
    axe_check.check(coordinator, "calibration")
    coordinator.goto(f"{base}/utlysningar/{call.pk}/urval/")
    axe_check.check(coordinator, "selection-empty")
    # By default the three applicants without an interview are left out, and the page says so.
    coordinator.locator("#id_capacity").fill("2")
    coordinator.locator("main form button[type=submit]").last.click()
    expect(coordinator.locator("#result-heading")).to_be_visible()
    axe_check.check(coordinator, "selection-incomplete-left-out")
    chosen = coordinator.locator("table").first
    expect(chosen).to_contain_text("Sökande0")
    expect(chosen).not_to_contain_text("Sökande1")
    expect(coordinator.locator("main")).to_contain_text(
        "lämnar ofullständiga ansökningar utanför urvalet"
    )
    # Impossible rules: explained in Swedish, the previous result marked as not current.
    coordinator.locator("#id_min_women").fill("3")
    coordinator.locator("main form button[type=submit]").last.click()
    expect(coordinator.locator(".error-summary")).to_contain_text("Inget urval kan uppfylla")
    expect(coordinator.locator("#result-heading")).to_contain_text("inte aktuellt")
    axe_check.check(coordinator, "selection-impossible")
    # Counting the missing interview as the lowest score, under a spread rule.
    coordinator.locator("#id_min_women").fill("")
    coordinator.get_by_label("Tas med, den saknade delen räknas som lägsta betyg (1)").check()
    coordinator.locator("#id_max_per_administration").fill("1")
    coordinator.locator("main form button[type=submit]").last.click()
    expect(coordinator.locator("#result-heading")).to_have_text("Resultat")
    axe_check.check(coordinator, "selection-result")
    chosen = coordinator.locator("table").first
    expect(chosen).to_contain_text("Sökande0")
    expect(chosen).to_contain_text("Sökande2")

    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=5))
    coordinator.reload()
    coordinator.locator(f"form[action='/utlysningar/{call.pk}/beslut/'] button").click()
    # A summary first; nothing is decided or sent before the confirmation.
    expect(coordinator.locator("h1")).to_have_text("Bekräfta beslutet")
    expect(coordinator.locator("main")).to_contain_text("beslutsmejl")
    assert not Decision.objects.filter(call=call).exists()
    axe_check.check(coordinator, "decision-summary")
    coordinator.locator("button[name=confirm]").click()
    expect(coordinator.locator(".messages")).to_be_visible()
    axe_check.check(coordinator, "selection-decided")
    assert Decision.objects.filter(call=call).exists()
    assert Participant.objects.filter(edition=call.edition, person=apps[0].applicant).exists()
    keys = set(OutgoingEmail.objects.values_list("template_key", flat=True))
    assert {"decision_admitted", "decision_reserve"} <= keys

    coordinator.goto(f"{base}/utlysningar/")
    coordinator.goto(f"{base}/utkorg/")
    expect(coordinator.locator("main table")).to_contain_text("antagen")
    axe_check.check(coordinator, "outbox-decisions")
