"""A coordinator logs in (password, then enrolling an authenticator app: the two-factor rule is
on in this file), opens the programme, sees modules and groups, and takes attendance
on a phone-sized screen; every page passes axe."""

from __future__ import annotations

from base64 import b32decode
from typing import Any

import pytest
from django_otp.oath import totp
from playwright.sync_api import Browser, Page, expect

from plantskola.core.models import OrganisationSSO
from plantskola.programmes.models import Attendance
from tests.browser.conftest import AccessibilityChecker
from tests.conftest import PASSWORD, World, build_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.two_factor,
    pytest.mark.django_db(transaction=True),
]

# Backup codes shown at enrolment, by username: a second login within the same 30-second
# step cannot reuse the authenticator's code (replay protection), so it uses a backup code.
BACKUP_CODES: dict[str, list[str]] = {}


@pytest.fixture
def live_world(live_server: Any) -> World:
    return build_world()


def log_in(
    page: Page, base: str, username: str, axe_check: AccessibilityChecker | None = None
) -> None:
    """Password, then the second factor: enrol on the first login (reading the key shown as
    text, as a screen-reader user would, and computing the app's code), a backup code after."""
    page.goto(f"{base}/logga-in/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_be_visible()
    if "/logga-in/tvastegs/" in page.url:
        expect(page.locator("main svg")).to_be_visible()
        if axe_check is not None:
            axe_check.check(page, "otp-setup")
        secret = page.locator(".otp-secret").inner_text().replace(" ", "")
        key = b32decode(secret + "=" * (-len(secret) % 8))
        page.locator("#id_token").fill(f"{totp(key):06d}")
        page.locator("main form button[type=submit]").click()
        expect(page.locator(".backup-codes code")).to_have_count(10)
        if axe_check is not None:
            axe_check.check(page, "otp-backup-codes")
        BACKUP_CODES[username] = page.locator(".backup-codes code").all_inner_texts()
        page.get_by_role("link", name="Fortsätt").click()
    elif "/logga-in/kod/" in page.url:
        page.locator("#id_token").fill(BACKUP_CODES[username].pop())
        page.locator("main form button[type=submit]").click()
    expect(page.locator("nav")).to_be_visible()


def test_coordinator_sees_programme_modules_groups_and_takes_attendance_on_a_phone(
    live_server: Any, live_world: World, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()

    # The login page with a single sign-on button (listing it needs no provider).
    OrganisationSSO.objects.create(
        organisation=live_world.partner,
        issuer="https://login.microsoftonline.com/partner-tenant/v2.0",
        client_id="plantskola",
    )
    page.goto(f"{base}/logga-in/")
    expect(page.get_by_role("link", name="Logga in med Grannkommun")).to_be_visible()
    axe_check.check(page, "login")
    log_in(page, base, "coordinator", axe_check)
    axe_check.check(page, "home-coordinator")

    page.locator("nav a[href='/program/']").click()
    axe_check.check(page, "programme-list")
    page.get_by_role("link", name=live_world.programme.name).first.click()
    axe_check.check(page, "programme-detail")

    page.get_by_role("link", name=live_world.edition.name).first.click()
    expect(page.locator("#modules + .table-wrap")).to_contain_text(live_world.module.name)
    expect(page.locator("main")).to_contain_text(live_world.group.name)
    axe_check.check(page, "edition-detail")

    page.locator(f"a[href='/omgangar/{live_world.edition.pk}/deltagare/']").first.click()
    expect(page.locator("main table")).to_contain_text("Pia Deltagare")
    axe_check.check(page, "participant-list")

    for path, name in [
        ("/personer/", "person-list"),
        ("/enheter/", "unit-list"),
        ("/mina-tillfallen/", "my-sessions"),
        (f"/tillfallen/{live_world.session.pk}/", "session-detail"),
        (f"/omgangar/{live_world.edition.pk}/tillfallen/nytt/", "session-create"),
        ("/program/nytt/", "programme-create"),
    ]:
        page.goto(base + path)
        axe_check.check(page, name)
    context.close()

    # Attendance is taken on a phone.
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = phone.new_page()
    log_in(page, base, "coordinator")
    page.goto(f"{base}/tillfallen/{live_world.session.pk}/")
    page.locator(f"a[href='/tillfallen/{live_world.session.pk}/narvaro/']").click()
    axe_check.check(page, "attendance-phone")
    row = page.locator(f"#participant-{live_world.participant.pk}")
    present = row.locator("button").first
    expect(present).to_have_attribute("aria-pressed", "false")
    present.click()
    expect(
        page.locator(f"#participant-{live_world.participant.pk} button").first
    ).to_have_attribute("aria-pressed", "true")
    axe_check.check(page, "attendance-phone-after")
    phone.close()

    attendance = Attendance.objects.get(
        session=live_world.session, participant=live_world.participant
    )
    assert attendance.status == Attendance.Status.PRESENT
    assert attendance.recorded_by == live_world.users["coordinator"]


def test_hr_administrator_pages_pass_axe(
    live_server: Any, live_world: World, page: Page, axe_check: AccessibilityChecker
) -> None:
    base = live_server.url
    log_in(page, base, "hr")
    for path, name in [
        ("/", "home-hr"),
        ("/personal/import/", "roster-upload"),
        (f"/personer/{live_world.employee.pk}/", "person-detail"),
        (f"/enheter/{live_world.unit_id}/", "unit-detail"),
        (f"/program/{live_world.programme.pk}/redigera/", "programme-update"),
        (f"/omgangar/{live_world.edition.pk}/redigera/", "edition-update"),
    ]:
        page.goto(base + path)
        axe_check.check(page, name)
    # A form sent with errors is announced and still accessible.
    page.goto(f"{base}/omgangar/{live_world.edition.pk}/moduler/ny/")
    page.locator("#id_name").fill("")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    axe_check.check(page, "module-create-errors")
