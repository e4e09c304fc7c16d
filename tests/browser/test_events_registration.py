"""Register for Ledardagen → the confirmation with its .ics → a manager registers a person of
their unit → the organiser previews and sends the invitations, and exports the registrations
with dietary needs (Excel, the alphabetical entrance list). Every page passes axe."""

from __future__ import annotations

import io
from typing import Any

import icalendar
import openpyxl
import pytest
from playwright.sync_api import Browser, expect

from plantskola.core.models import OutgoingEmail
from plantskola.events.models import Event, Registration
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_coordinator_journey import log_in
from tests.conftest import World, build_world
from tests.events.conftest import make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_world(live_server: Any) -> World:
    return build_world()


def test_register_for_ledardagen_get_the_ics_and_export_the_registrations(
    live_server: Any, live_world: World, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    base = live_server.url
    w = live_world
    day = make_event(
        w.host,
        kind=Event.Kind.LEADERSHIP_DAY,
        title="Ledardagen",
        audience=Event.Audience.UNITS,
        managers_only=False,
        capacity=40,
    )
    day.target_units.set(w.host.units.filter(parent__isnull=True))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()

    # The manager registers and gets the confirmation with the calendar invitation.
    log_in(page, base, "manager")
    page.goto(f"{base}/evenemang/{day.pk}/")
    page.locator("#id_dietary_needs").fill("Vegetarisk")
    page.locator(f"form[action='/evenemang/{day.pk}/anmal/'] button[type=submit]").click()
    own = Registration.objects.get(event=day, person=w.manager_person)
    ics_link = page.locator(f"a[href='/evenemang/anmalningar/{own.pk}/kalender.ics']")
    expect(ics_link).to_be_visible()
    axe_check.check(page, "event-registered-with-ics")
    with page.expect_download() as download:
        ics_link.click()
    cal = icalendar.Calendar.from_ical(open(download.value.path(), "rb").read())  # noqa: SIM115
    (vevent,) = cal.walk("VEVENT")
    assert str(vevent["uid"]) == f"event-{own.uid}@plantskola"
    assert cal.walk("VTIMEZONE") and "organizer" in vevent and "attendee" in vevent
    confirmation = OutgoingEmail.objects.get(template_key="event_registered")
    assert confirmation.to == w.manager_person.email
    assert confirmation.attachments[0][0].endswith(".ics")

    # On behalf: the manager finds Erik of their unit by typing his name and registers him.
    page.goto(f"{base}/evenemang/{day.pk}/")
    page.locator(f"a[href='/evenemang/{day.pk}/anmal-andra/']").click()
    page.locator("#id_q").fill("Erik")
    register_erik = page.locator("form.register-other button")
    expect(register_erik).to_be_visible()
    axe_check.check(page, "event-register-others")
    page.locator(f"#diet-{w.employee.pk}").fill("Glutenfri")
    register_erik.click()
    expect(page.locator(".message.success")).to_contain_text(w.employee.full_name)
    assert Registration.objects.get(event=day, person=w.employee).registered_by == w.manager_person
    context.close()

    # The organiser previews the invitations, sends them, and exports the registrations.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    log_in(page, base, "coordinator")
    page.goto(f"{base}/evenemang/{day.pk}/bjud-in/")
    expect(page.locator("pre.email-preview")).to_contain_text("Ledardagen")
    axe_check.check(page, "event-invite-preview")
    page.locator(f"form[action='/evenemang/{day.pk}/bjud-in/'] button").click()
    expect(page.locator("#job-status .message.success")).to_be_visible()
    axe_check.check(page, "event-invite-job")
    assert OutgoingEmail.objects.filter(template_key="event_invitation").exists()

    page.goto(f"{base}/evenemang/{day.pk}/anmalningar/")
    axe_check.check(page, "event-registrations-exports")
    with page.expect_download() as download:
        page.locator(f"a[href='/evenemang/{day.pk}/anmalningar.xlsx']").click()
    sheet = openpyxl.load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))  # noqa: SIM115
    rows = list(sheet.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == ["Anställd", "Chef"]  # alphabetical by last name
    assert {r[9] for r in rows} == {"Vegetarisk", "Glutenfri"}
    page.locator(f"form[action='/evenemang/{day.pk}/entrelista.pdf'] button").click()
    download_link = page.locator("#document-status a")
    expect(download_link).to_be_visible()
    axe_check.check(page, "event-entrance-list-document")
    pdf = page.request.get(base + (download_link.get_attribute("href") or ""))
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    context.close()
