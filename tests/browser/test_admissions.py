"""The Ledarlabbet flow so far, in a real browser: an employee applies, the manager gives a
reference through the e-mailed link, the coordinator sees both; every page passes axe."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from plantskola.admissions.models import Application, Reference
from tests.admissions.factories import make_call
from tests.browser.conftest import AccessibilityChecker
from tests.conftest import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/logga-in/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_be_visible()


def test_employee_applies_manager_gives_reference_coordinator_sees_it(
    live_server: Any, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    world = build_world()
    call = make_call(world)
    base = live_server.url

    page = browser.new_context().new_page()
    page.goto(f"{base}/utlysningar/{call.pk}/")
    axe_check.check(page, "call-public")
    log_in(page, base, "participant")
    page.goto(f"{base}/utlysningar/")
    axe_check.check(page, "call-list")
    page.get_by_role("link", name=call.title).click()
    page.locator(f"a[href='/utlysningar/{call.pk}/ansok/']").click()
    axe_check.check(page, "application-form")
    page.locator("#id_motivation").fill("Jag vill bli chef.")
    page.locator("textarea[name^=question_]").fill("När jag ledde ett projekt.")
    page.locator("button[name=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    axe_check.check(page, "my-applications")
    application = Application.objects.get(call=call)
    assert application.status == Application.Status.SUBMITTED

    request = next(m for m in mail.outbox if m.to == [world.manager_person.email])
    link = re.search(r"https?://\S+/referens/\S+/", str(request.body))
    assert link is not None
    path = "/referens/" + link.group(0).split("/referens/")[1]
    manager = browser.new_context().new_page()  # no login: the link is enough
    manager.goto(base + path)
    axe_check.check(manager, "reference-form")
    for group in manager.locator("fieldset").all()[:-1]:
        group.locator("input[type=radio]").nth(3).check()
    manager.locator("fieldset").last.locator("input[value=yes]").check()
    manager.locator("button[name=give]").click()
    expect(manager.locator("h1")).to_be_visible()
    axe_check.check(manager, "reference-done")
    assert Reference.objects.get(application=application).status == Reference.Status.GIVEN

    coordinator = browser.new_context().new_page()
    log_in(coordinator, base, "coordinator")
    coordinator.goto(f"{base}/utlysningar/{call.pk}/ansokningar/")
    axe_check.check(coordinator, "application-list")
    coordinator.get_by_role("link", name=world.participant.person.full_name).click()
    expect(coordinator.locator("main")).to_contain_text("Jag vill bli chef.")
    axe_check.check(coordinator, "application-detail")
    coordinator.goto(f"{base}/omgangar/{world.edition.pk}/utlysning/")
    axe_check.check(coordinator, "call-edit")
