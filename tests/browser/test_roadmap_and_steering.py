"""Everyone finds their things (issue 14, point 7) in the browser: a participant sees the
requirement profile's indicators at a goal, rates themself at the start and at the end and
sees the change, and marks an action done and undoes it through the confirmation; a
steering-group member opens an evaluation report and the plans overview. Axe on every page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from plantskola.development.plans import services as plan_services
from plantskola.development.plans.models import PlanAction, SelfAssessment
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_coordinator_journey import log_in
from tests.conftest import World, build_world
from tests.development.plans_helpers import make_plan, profile_of
from tests.evaluations.helpers import add_participants, answer, close, session_survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_world(live_server: Any) -> World:
    return build_world()


def test_participant_rates_themself_at_the_start_and_the_end_and_sees_the_change(
    live_server: Any, live_world: World, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    world = live_world
    profile = profile_of(world)
    plan = make_plan(world)
    plan_services.plan_profile_set(plan=plan, profile=profile)
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, base, "participant")
    page.goto(f"{base}/planer/{plan.pk}/")
    expect(page.locator("#profile")).to_contain_text("Chef")
    axe_check.check(page, "roadmap-profile")

    # The goal's competency shows the profile's indicators; choosing another asks again.
    goal = plan.goals.get()
    page.goto(f"{base}/planer/mal/{goal.pk}/")
    expect(page.locator("#competency-indicators")).to_contain_text("Ser till helheten i kommunen")
    page.locator("#id_competency").select_option(label="Kommunikation")
    expect(page.locator("#competency-indicators")).to_contain_text("Förväntad nivå")
    expect(page.locator("#competency-indicators")).not_to_contain_text("Ser till helheten")
    axe_check.check(page, "roadmap-goal-indicators")
    page.get_by_role("link", name="Avbryt").click()

    page.get_by_role("link", name="Skatta mig själv i början").click()
    expect(page.locator("h1")).to_have_text("Självskattning i början")
    axe_check.check(page, "roadmap-self-assessment-start")
    page.locator("fieldset", has_text="Helhetssyn").get_by_label("2", exact=True).check()
    page.locator("fieldset", has_text="Kommunikation").get_by_label("3", exact=True).check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".message")).to_contain_text("Din självskattning har sparats")

    page.get_by_role("link", name="Skatta mig själv i slutet").click()
    axe_check.check(page, "roadmap-self-assessment-end")
    page.locator("fieldset", has_text="Helhetssyn").get_by_label("4", exact=True).check()
    page.locator("fieldset", has_text="Kommunikation").get_by_label("3", exact=True).check()
    page.locator("main form button[type=submit]").click()
    table = page.locator("#self-assessment")
    expect(table.locator("tr", has_text="Helhetssyn")).to_contain_text("+2")
    expect(table.locator("tr", has_text="Kommunikation")).to_contain_text("±0")
    axe_check.check(page, "roadmap-change")
    assert SelfAssessment.objects.filter(plan=plan).count() == 4

    # Marking done is one step: the control becomes the undo link, which asks first.
    action = PlanAction.objects.get(goal=goal, done=False)
    page.get_by_role("button", name=f"Markera som klar – {action.text}").click()
    mark = page.locator(f"#mark-{action.pk}")
    expect(mark).to_contain_text("Ångra klarmarkering")
    expect(mark).to_be_focused()
    action.refresh_from_db()
    assert action.done
    mark.click()
    expect(page.locator("main")).to_contain_text(action.text)
    axe_check.check(page, "roadmap-undo-confirm")
    page.get_by_role("button", name="Ångra klarmarkering").click()
    expect(page.locator(".message")).to_contain_text("inte klar igen")
    action.refresh_from_db()
    assert not action.done
    context.close()


def test_steering_group_member_opens_an_evaluation_report_and_the_plans_overview(
    live_server: Any, live_world: World, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    world = live_world
    survey = session_survey(world)
    people = [world.participant.person, *add_participants(world, world.group, 5)]
    for i, person in enumerate(people):
        answer(survey, person, [6, 5, 4, 5, 6, 5][i], text=f"Kommentar {i + 1}")
    close(survey)
    make_plan(world)
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, base, "steering")
    page.locator("header nav a[href='/utvarderingar/']").click()
    axe_check.check(page, "steering-survey-list")
    page.locator(f"main a[href='/utvarderingar/{survey.pk}/']").click()
    expect(page.locator("h1")).to_contain_text(survey.title)
    expect(page.locator("main")).to_contain_text("Kommentar 3")
    expect(page.locator("main form[action$='/skicka/']")).to_have_count(0)
    axe_check.check(page, "steering-survey-report")

    page.goto(f"{base}/omgangar/{world.edition.pk}/")
    page.get_by_role("link", name="Handlingsplaner och färdplaner").click()
    row = page.locator("main tbody tr", has_text=world.participant.person.full_name)
    expect(row).to_contain_text("50 %")
    expect(page.locator("main")).not_to_contain_text("Leda arbetsplatsträffar")
    axe_check.check(page, "steering-plans-overview")
    context.close()
