"""Issue 21 in a real browser: the coordinator sets the call's interviewer pool (the call's
applicants are not offered), previews the call as an employee sees it and closes it now after
a confirmation. Every page passes axe."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from plantskola.admissions.models import Application, Call, PoolMember
from tests.admissions.factories import make_call
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_admissions_selection import log_in
from tests.conftest import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pool_preview_and_close_now(
    live_server: Any, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    world = build_world()
    call = make_call(world)
    steering = world.user("steering").person
    employee = world.employee
    Application.objects.create(call=call, applicant=world.participant.person, status="submitted")
    base = live_server.url
    page = browser.new_context().new_page()
    log_in(page, base, "coordinator")

    page.goto(f"{base}/utlysningar/{call.pk}/intervjuer/")
    page.get_by_role(
        "link", name="Intervjupanel: vem som får intervjua i den här utlysningen"
    ).click()
    expect(page.locator("h1")).to_have_text("Intervjupanel")
    axe_check.check(page, "interviewer-pool")
    field = page.get_by_role("combobox", name="Person")
    # Someone without a login is not offered; an applicant is refused by the form.
    field.fill(employee.last_name)
    expect(page.locator("[data-status]")).to_have_text("Inga träffar.")
    field.fill(steering.full_name)
    option = page.get_by_role("option", name=re.compile(re.escape(steering.full_name)))
    expect(option).to_be_visible()
    axe_check.check(page, "interviewer-pool-search")
    option.click()
    page.get_by_label("HR-personal").check()
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator(".errorlist")).to_contain_text("inte HR-personal")
    axe_check.check(page, "interviewer-pool-error")
    page.get_by_label("Chefsrekryterare").check()
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator(".messages")).to_contain_text("har lagts till i panelen")
    assert PoolMember.objects.filter(call=call, person=steering).exists()

    page.goto(f"{base}/utlysningar/{call.pk}/")
    axe_check.check(page, "call-detail-coordinator")
    page.get_by_role("link", name="Förhandsgranska som medarbetare").click()
    expect(page.locator("main")).to_contain_text("Förhandsvisning")
    axe_check.check(page, "call-preview")
    page.get_by_role("link", name="Tillbaka till utlysningen").click()
    page.get_by_role("link", name="Stäng utlysningen nu").click()
    expect(page.locator("main")).to_contain_text("1 inskickad ansökan")
    axe_check.check(page, "call-close-confirm")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("Utlysningen är stängd")
    call.refresh_from_db()
    assert call.state == Call.State.CLOSED
