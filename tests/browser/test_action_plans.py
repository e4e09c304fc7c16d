"""On the demo: the Alingsås participant writes a personal action plan and shares it with
their closest manager, who finds it under "Delade planer" and comments; axe on every page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from plantskola.demo.loader import demo_load
from plantskola.development.models import DevelopmentPlan, PlanAction, PlanComment
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_demo_journeys import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server: Any) -> Any:
    demo_load()
    # Start from a blank page: the demo's written plan is what this test writes again.
    DevelopmentPlan.objects.filter(
        participant__person__user__username="deltagare-alingsas"
    ).delete()
    return live_server


def test_alingsas_participant_writes_and_shares_a_plan_and_the_manager_comments(
    demo: Any, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    base = demo.url
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, base, "deltagare-alingsas")
    page.get_by_role("link", name="Min utveckling").click()
    expect(page.locator("h1")).to_have_text("Min utveckling")
    expect(page.locator("main")).to_contain_text("Framtidens ledare 2023/2024")
    axe_check.check(page, "plans-my-development")
    # The demo's reflections: one shared, one private; open one.
    page.get_by_role("link", name="Ändra – Grupprocesser och kommunikation").click()
    expect(page.locator("#id_text")).to_contain_text("återkoppling")
    expect(page.locator("#id_shared")).to_be_checked()
    axe_check.check(page, "plans-reflection")
    page.get_by_role("link", name="Avbryt").click()

    page.get_by_role("button", name="Börja skriva min plan").click()
    expect(page.locator("h1")).to_contain_text("Personlig handlingsplan")
    axe_check.check(page, "plans-empty-plan")

    page.get_by_role("link", name="Lägg till ett mål").click()
    axe_check.check(page, "plans-goal-form")
    page.locator("#id_title").fill("Bli trygg i svåra samtal")
    page.locator("#id_competency").select_option(label="Kommunikation")
    page.locator("#id_support").fill("Samtalsträning via HR")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".message")).to_contain_text("Målet är tillagt")

    page.get_by_role("link", name="Lägg till en aktivitet").click()
    axe_check.check(page, "plans-action-form")
    page.locator("#id_text").fill("Öva ett svårt samtal med en kollega")
    page.locator("#id_due_date").fill("2024-05-15")
    page.locator("main form button[type=submit]").click()
    page.get_by_role("link", name="Lägg till en aktivitet").click()
    page.locator("#id_text").fill("Följa upp med min chef")
    page.locator("main form button[type=submit]").click()
    page.get_by_role(
        "button", name="Markera som klar – Öva ett svårt samtal med en kollega"
    ).click()
    expect(page.locator("main")).to_contain_text("1 av 2 aktiviteter klara (50 %)")
    # Ticked off in place (htmx): the keyboard focus stays on the action's control, which is
    # now the separate, confirmed undo (a second click does not silently untick it).
    practised = PlanAction.objects.get(text__startswith="Öva")
    mark = page.locator(f"#mark-{practised.pk}")
    expect(mark).to_be_focused()
    expect(mark).to_contain_text("Ångra klarmarkering")
    expect(page.locator("main")).to_contain_text("Kompetens: Kommunikation")
    axe_check.check(page, "plans-plan-written")
    assert PlanAction.objects.filter(done=True, text__startswith="Öva").count() == 1

    page.get_by_role("link", name="Välj vilka som får läsa den").click()
    axe_check.check(page, "plans-share")
    page.locator("#id_share_with_manager").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Delad med närmaste chefen")
    plan = DevelopmentPlan.objects.select_related("participant__person", "manager").get(
        participant__person__user__username="deltagare-alingsas"
    )
    assert plan.manager is not None and plan.manager.user is not None
    assert plan.manager.user.username == "chef-alingsas"
    context.close()

    # The closest manager finds the plan and comments.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, base, "chef-alingsas")
    page.get_by_role("link", name="Delade planer").click()
    name = plan.participant.person.full_name
    expect(page.locator("main table")).to_contain_text(name)
    expect(page.locator("main table")).to_contain_text("50 % (1/2)")
    axe_check.check(page, "plans-shared-with-manager")
    page.get_by_role("link", name=name).click()
    expect(page.locator("main")).to_contain_text("Bli trygg i svåra samtal")
    expect(page.get_by_role("link", name="Lägg till ett mål")).to_have_count(0)
    axe_check.check(page, "plans-manager-reads")
    page.locator("#id_text").fill("Bra mål! Vi bokar in ett samtal i maj.")
    page.get_by_role("button", name="Skicka kommentar").click()
    expect(page.locator("#comments")).to_contain_text("Bra mål! Vi bokar in ett samtal i maj.")
    expect(page.locator("#comments")).to_contain_text("(Närmaste chef)")
    axe_check.check(page, "plans-manager-commented")
    context.close()

    comment = PlanComment.objects.get(plan=plan)
    assert comment.author_name == plan.manager.full_name

    # The coordinator sees that the plan exists and its progress, not what it says.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, base, "koordinator-alingsas")
    edition = plan.participant.edition
    page.goto(f"{base}/omgangar/{edition.pk}/")
    page.get_by_role("link", name="Handlingsplaner och färdplaner").click()
    row = page.locator("main tbody tr", has_text=name)
    expect(row).to_contain_text("Personlig handlingsplan")
    expect(row).to_contain_text("50 % (1/2)")
    expect(page.locator("main")).not_to_contain_text("Bli trygg i svåra samtal")
    axe_check.check(page, "plans-coordinator-overview")
    context.close()
