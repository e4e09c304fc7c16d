"""The whole Ledarlabbet flow of issue 21 in a real browser: an employee applies, their
manager gives a reference through the e-mailed link, an interviewer from the call's pool
scores the interview, the selection leaves an incomplete applicant out by default and says
why, the coordinator closes the call now and confirms the decision, and the decision e-mails
go out. Every page passes axe."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, expect

from plantskola.admissions.models import Application, Decision, Reference, ReferenceRating
from plantskola.core.models import OutgoingEmail, Person
from tests.admissions.factories import make_call
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_admissions import log_in
from tests.conftest import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_apply_reference_pool_interview_selection_decision(
    live_server: Any, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    world = build_world()
    call = make_call(world)
    base = live_server.url
    # A second applicant with a reference but no interview: incomplete.
    other = Person.objects.create(
        organisation=world.host,
        employee_number="J1",
        first_name="Olof",
        last_name="Ofullständig",
        unit=world.employee.unit,
        manager=world.manager_person,
        email="olof@host.example",
    )
    incomplete = Application.objects.create(
        call=call, applicant=other, status="submitted", manager=world.manager_person
    )
    given = Reference.objects.create(
        application=incomplete,
        manager=world.manager_person,
        token_hash="journey",
        expires_on=call.reference_deadline,
        status="given",
        recommendation="strong",
    )
    assert call.requirement_profile is not None
    for c in call.requirement_profile.competencies.all():
        ReferenceRating.objects.create(reference=given, competency=c, rating=5)

    applicant = browser.new_context().new_page()
    log_in(applicant, base, "participant")
    applicant.goto(f"{base}/utlysningar/{call.pk}/ansok/")
    applicant.locator("#id_motivation").fill("Jag vill bli chef.")
    applicant.locator("textarea[name^=question_]").fill("När jag ledde ett projekt.")
    applicant.locator("button[name=submit]").click()
    expect(applicant.locator(".messages")).to_be_visible()
    application = Application.objects.get(call=call, applicant=world.participant.person)

    request = next(m for m in mail.outbox if m.to == [world.manager_person.email])
    link = re.search(r"https?://\S+/referens/\S+/", str(request.body))
    assert link is not None
    manager = browser.new_context().new_page()
    manager.goto(base + "/referens/" + link.group(0).split("/referens/")[1])
    for group in manager.locator("fieldset").all()[:-1]:
        group.locator("input[type=radio]").nth(3).check()
    manager.locator("fieldset").last.locator("input[value=yes]").check()
    manager.locator("button[name=give]").click()
    expect(manager.locator("h1")).to_be_visible()

    coordinator = browser.new_context().new_page()
    log_in(coordinator, base, "coordinator")
    coordinator.goto(f"{base}/ansokningar/{application.pk}/intervju/")
    # Only the pool is offered, never the applicant's closest manager.
    expect(coordinator.locator("main form")).not_to_contain_text(world.manager_person.full_name)
    start = timezone.localtime() + dt.timedelta(days=2)
    coordinator.locator("#id_starts_at").fill(start.strftime("%Y-%m-%dT10:00"))
    coordinator.locator("#id_place").fill("Stadshuset, rum 3")
    coordinator.get_by_label(world.user("leader").person.full_name).check()
    coordinator.locator("main form button[type=submit]").first.click()
    expect(coordinator.locator(".messages")).to_be_visible()

    interviewer = browser.new_context().new_page()
    log_in(interviewer, base, "leader")
    interviewer.get_by_role("link", name="Mina intervjuer").click()
    axe_check.check(interviewer, "my-interviews-upcoming")
    interviewer.get_by_role("link", name="Bedömning").first.click()
    for group in interviewer.locator("fieldset").all():
        group.locator("input[type=radio]").nth(3).check()
    interviewer.locator("main form button[type=submit]").click()
    expect(interviewer.locator(".messages")).to_be_visible()

    coordinator.goto(f"{base}/utlysningar/{call.pk}/urval/")
    coordinator.locator("#id_capacity").fill("2")
    coordinator.locator("main form button[type=submit]").last.click()
    expect(coordinator.locator("#result-heading")).to_have_text("Resultat")
    chosen = coordinator.locator("table").first
    expect(chosen).to_contain_text(world.participant.person.full_name)
    expect(chosen).not_to_contain_text("Olof")
    expect(coordinator.locator("main")).to_contain_text(
        "Olof Ofullständig: Ofullständig (saknar intervju): inte med"
    )
    axe_check.check(coordinator, "journey-selection")

    coordinator.goto(f"{base}/utlysningar/{call.pk}/stang/")
    coordinator.locator("main form button[type=submit]").click()
    expect(coordinator.locator(".messages")).to_contain_text("Utlysningen är stängd")
    coordinator.goto(f"{base}/utlysningar/{call.pk}/urval/")
    coordinator.locator(f"form[action='/utlysningar/{call.pk}/beslut/'] button").click()
    # A summary first; nothing is decided or sent before the confirmation.
    expect(coordinator.locator("h1")).to_have_text("Bekräfta beslutet")
    expect(coordinator.locator("main")).to_contain_text("beslutsmejl")
    assert not Decision.objects.filter(call=call).exists()
    axe_check.check(coordinator, "journey-decision-summary")
    coordinator.locator("button[name=confirm]").click()
    expect(coordinator.locator(".messages")).to_be_visible()
    assert Decision.objects.filter(call=call).exists()
    mails = dict(OutgoingEmail.objects.values_list("to", "template_key"))
    keys = set(OutgoingEmail.objects.values_list("template_key", flat=True))
    assert {"decision_admitted", "decision_not_admitted"} <= keys, mails
    incomplete.refresh_from_db()
    assert incomplete.outcome == "not_admitted"
