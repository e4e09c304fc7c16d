"""HR reads and edits the leadership platform in a real browser; every page passes axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from plantskola.competencies.models import Competency
from plantskola.core.models import Organisation, OrganisationRole
from plantskola.demo.competencies import load as load_platform_demo
from tests.browser.conftest import AccessibilityChecker
from tests.conftest import PASSWORD, World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hr_reads_the_platform_and_adds_a_competency(
    live_server: Any, page: Page, axe_check: AccessibilityChecker
) -> None:
    world: World = build_world()
    orebro = Organisation.objects.create(slug="orebro", name="Örebro kommun")
    hr = world.users["hr"]
    assert hr is not None
    OrganisationRole.objects.create(user=hr, organisation=orebro, role="hr_admin")
    load_platform_demo()
    page.goto(f"{live_server.url}/logga-in/")
    page.locator("#id_username").fill("hr")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.goto(f"{live_server.url}/organisationer/orebro/ledarplattform/")
    expect(page.locator("main")).to_contain_text("Initiativrik")
    expect(page.locator("main")).to_contain_text("Chef i Örebro kommun")
    axe_check.check(page, "platform-detail")
    page.goto(f"{live_server.url}/organisationer/orebro/ledarplattform/kompetenser/ny/")
    axe_check.check(page, "competency-create")
    page.locator("#id_name").fill("Tillitsbaserat ledarskap")
    page.locator("#id_level_1").fill("Visar förtroende för medarbetarna")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("main")).to_contain_text("Tillitsbaserat ledarskap")
    assert Competency.objects.filter(name="Tillitsbaserat ledarskap").exists()
    profile = Competency.objects.get(name="Helhetssyn").profiles.first()
    assert profile is not None
    page.goto(f"{live_server.url}/organisationer/orebro/ledarplattform/kravprofiler/{profile.pk}/")
    axe_check.check(page, "profile-edit")
