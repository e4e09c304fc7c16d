"""Issue 21 point 5 in a real browser: the manager sees the anchored scale and the required
marks, declines after a confirmation; the coordinator, told by e-mail, sees every step on the
application page and asks another manager, who gives the reference. Every page passes axe."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Browser, expect

from plantskola.admissions.models import Reference
from plantskola.admissions.services import application_save
from plantskola.core.models import Person
from tests.admissions.factories import competencies_of, make_call
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_admissions_selection import log_in
from tests.conftest import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def link_to(email: str) -> str:
    body = [m for m in mail.outbox if m.to == [email]][-1].body
    match = re.search(r"/referens/[^/\s]+/", str(body))
    assert match, body
    return match.group(0)


def test_decline_confirmed_then_another_manager_gives_the_reference(
    live_server: Any, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    world = build_world()
    call = make_call(world)
    first, _second = competencies_of(call)
    first.anchor_low = "Undviker svåra samtal"
    first.anchor_high = "Tar svåra samtal tidigt"
    first.save()
    application = application_save(
        call=call,
        applicant=world.participant.person,
        motivation="Jag vill leda.",
        answers={call.questions.get().pk: "Projektet."},
        manager=world.manager_person,
        submit=True,
    )
    previous = Person.objects.create(
        organisation=world.host,
        employee_number="H900",
        first_name="Tidigare",
        last_name="Chefsson",
        email="tidigare@host.example",
        is_manager=True,
        title="Enhetschef",
        unit_id=world.unit_id,
    )
    base = live_server.url

    manager = browser.new_context().new_page()
    manager.goto(base + link_to(world.manager_person.email))
    expect(manager.locator("main")).to_contain_text("1 – Undviker svåra samtal")
    expect(manager.locator("main")).to_contain_text("Fält markerade med * är obligatoriska.")
    axe_check.check(manager, "reference-form-anchored")
    manager.get_by_label("Varför du avböjer").fill("Jag har varit chef i två veckor.")
    manager.locator("button[name=decline]").click()
    expect(manager.locator("h1")).to_have_text("Vill du avböja referensen?")
    axe_check.check(manager, "reference-decline-confirm")
    assert Reference.objects.get().status == Reference.Status.REQUESTED
    manager.locator("button[name=confirm_decline]").click()
    expect(manager.locator("h1")).to_be_visible()
    assert Reference.objects.get().status == Reference.Status.DECLINED
    assert any(m.to == [world.participant.person.email] and "avböjt" in m.body for m in mail.outbox)

    coordinator = browser.new_context().new_page()
    log_in(coordinator, base, "coordinator")
    coordinator.goto(f"{base}/ansokningar/{application.pk}/")
    main = coordinator.locator("main")
    expect(main).to_contain_text("Socialförvaltningen")
    expect(main).to_contain_text("Referens avböjd")
    expect(main).to_contain_text("Be en annan chef om en referens.")
    axe_check.check(coordinator, "application-detail-steps")
    coordinator.get_by_role("link", name="Be en annan chef").click()
    axe_check.check(coordinator, "reference-ask-another")
    coordinator.locator("main form button[type=submit]").click()
    expect(coordinator.locator(".errorlist")).to_contain_text("Välj vilken chef")
    axe_check.check(coordinator, "reference-ask-another-error")
    coordinator.get_by_role("combobox", name="Chef att fråga").fill("Tidigare Chefsson")
    coordinator.get_by_role("option", name="Tidigare Chefsson (Enhetschef, Hemtjänst Norr)").click()
    coordinator.locator("main form button[type=submit]").click()
    expect(coordinator.locator(".messages")).to_contain_text("har ombetts lämna en referens")
    expect(coordinator.locator("main")).to_contain_text("Påminn chefen")
    coordinator.get_by_role("button", name="Påminn chefen").click()
    expect(coordinator.locator(".messages")).to_contain_text("Chefen har fått en påminnelse")

    second = browser.new_context().new_page()
    second.goto(base + link_to(previous.email))
    for group in second.locator("fieldset").all()[:-1]:
        group.locator("input[type=radio]").nth(3).check()
    second.locator("fieldset").last.locator("input[value=yes]").check()
    second.locator("button[name=give]").click()
    expect(second.locator("h1")).to_be_visible()
    reference = Reference.objects.get()
    assert reference.manager == previous and reference.status == Reference.Status.GIVEN
