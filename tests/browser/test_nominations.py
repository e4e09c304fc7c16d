"""Issue 19 point 2 in a real browser: a manager nominates an employee of their unit from
their start page; the employee accepts from theirs; the application exists with the
manager's reference marked given. The coordinators' list, the talent pool and the person's
own talent page on the way. Every page passes axe."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from plantskola.admissions.models import Application, Nomination, Reference
from tests.admissions.factories import competencies_of, make_call
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_admissions_selection import log_in
from tests.conftest import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_nominates_and_the_employee_accepts(
    live_server: Any, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    world = build_world()
    call = make_call(world)
    first = competencies_of(call)[0]
    pia = world.participant.person
    base = live_server.url

    manager = browser.new_context().new_page()
    log_in(manager, base, "manager")
    manager.locator(f"main a[href='{reverse('admissions:nomination_home')}']").click()
    expect(manager.locator("h1")).to_have_text("Nominera talanger")
    axe_check.check(manager, "nomination-home")
    manager.get_by_role("link", name=call.title).click()
    axe_check.check(manager, "nomination-candidates")
    manager.get_by_role("link", name=f"Nominera {pia.full_name}").click()
    expect(manager.locator("h1")).to_contain_text(pia.full_name)
    axe_check.check(manager, "nomination-form")
    manager.get_by_label("Motivering").fill("Tar ansvar för helheten och lyfter kollegorna.")
    manager.locator(f"#id_rating_{first.pk}").select_option("5")
    manager.locator(f"#id_evidence_{first.pk}").fill("Leder arbetsplatsträffarna.")
    manager.locator("main form button[type=submit]").click()
    expect(manager.locator("main")).to_contain_text("Väntar på svar")
    nomination = Nomination.objects.get(nominee=pia)
    assert nomination.status == Nomination.Status.PENDING

    coordinator = browser.new_context().new_page()
    log_in(coordinator, base, "coordinator")
    coordinator.goto(base + reverse("admissions:application_list", args=[call.pk]))
    coordinator.locator(
        f"a[href='{reverse('admissions:call_nominations', args=[call.pk])}']"
    ).click()
    expect(coordinator.locator("main")).to_contain_text(pia.full_name)
    expect(coordinator.locator("main")).to_contain_text("Socialförvaltningen")
    axe_check.check(coordinator, "call-nominations")

    employee = browser.new_context().new_page()
    log_in(employee, base, "participant")
    own = reverse("admissions:own_nomination", args=[nomination.pk])
    employee.locator(f"main a[href='{own}']").click()
    expect(employee.locator("main")).to_contain_text("Leder arbetsplatsträffarna.")
    axe_check.check(employee, "own-nomination")
    employee.get_by_role("button", name="Tacka ja och påbörja min ansökan").click()
    expect(employee.locator("main")).to_contain_text("Din ansökan är påbörjad")
    axe_check.check(employee, "application-started-from-nomination")
    application = Application.objects.get(call=call, applicant=pia)
    reference = Reference.objects.get(application=application)
    assert reference.status == Reference.Status.GIVEN
    assert reference.manager == world.manager_person
    assert [(r.competency_id, r.rating) for r in reference.ratings.all()] == [(first.pk, 5)]

    employee.goto(base + reverse("admissions:own_nominations"))
    axe_check.check(employee, "own-nominations")
    employee.goto(base + reverse("admissions:my_talent"))
    axe_check.check(employee, "my-talent")
    employee.get_by_role("button", name="Jag är intresserad av ett chefsuppdrag").click()
    expect(employee.locator("main")).to_contain_text("Du finns nu i talangpoolen.")

    hr = browser.new_context().new_page()
    log_in(hr, base, "hr")
    hr.locator(
        f"main a[href='{reverse('admissions:talent_pool', args=[world.host.slug])}']"
    ).click()
    expect(hr.locator("main")).to_contain_text(pia.full_name)
    axe_check.check(hr, "talent-pool")

    employee.get_by_role("button", name="Dra tillbaka mitt intresse").click()
    expect(employee.locator("main")).to_contain_text("finns inte längre i talangpoolen")
    hr.reload()
    expect(hr.locator("main")).not_to_contain_text(pia.full_name)
