"""Invitations in a real Chromium on the demo data: Örebro's coordinator previews the
edition's invitation with its recipient count, confirms, and follows the queued send; then
cancels a future session after its confirmation page. Axe on every page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import icalendar
import pytest
from playwright.sync_api import Browser, expect

from plantskola.core.models import OutgoingEmail
from plantskola.demo.loader import demo_load
from plantskola.programmes.enrolment.selectors import EnrolmentRule, Who, rule_people
from plantskola.programmes.invitations.selectors import uninvited_participants
from plantskola.programmes.models import Edition, Participant, Programme, Session
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_demo_journeys import OREBRO, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server: Any) -> Any:
    demo_load()
    return live_server


def test_orebro_previews_confirms_and_follows_the_invitations(
    demo: Any, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    # A new edition of Örebro's programme, its permanent managers enrolled without invitation
    # (as by rule with the box unticked), two sessions scheduled.
    edition = Edition.objects.create(
        programme=Programme.objects.get(name=OREBRO),
        name="Omgång 2027",
        start_date=dt.date(2027, 9, 1),
        end_date=dt.date(2028, 6, 30),
    )
    people = rule_people(edition=edition, rule=EnrolmentRule(who=Who.PERMANENT_MANAGERS))
    Participant.objects.bulk_create(
        [Participant(edition=edition, person=p, status="active") for p in people]
    )
    for day, title in (
        (dt.date(2027, 9, 14), "Del av en helhet"),
        (dt.date(2027, 10, 12), "Klar ledare"),
    ):
        Session.objects.create(
            edition=edition,
            title=title,
            date=day,
            start_time=dt.time(8, 30),
            end_time=dt.time(16, 30),
            place="Conventum",
        )
    count = sum(1 for p in uninvited_participants(edition) if p.person.email)
    assert count >= 100

    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, demo.url, "koordinator")
    page.goto(f"{demo.url}/omgangar/{edition.pk}/deltagare/")
    page.get_by_role("link", name="Skicka inbjudningar").click()
    expect(page.locator("h1")).to_have_text("Skicka inbjudningar")
    expect(page.locator("main")).to_contain_text(f"{count} deltagare får inbjudan.")
    expect(page.locator("main")).to_contain_text(f"Inbjudan: {OREBRO}")
    axe_check.check(page, "invitation-preview")
    assert not OutgoingEmail.objects.filter(template_key="edition_invitation").exists()

    page.get_by_role("button", name=f"Skicka {count} inbjudningar").click()
    expect(page.locator("#job-status")).to_contain_text(
        f"{count} inbjudningar har lagts i kö för att skickas."
    )
    expect(page.locator("#job-progress")).to_have_attribute("value", str(count))
    axe_check.check(page, "invitation-job")

    sent = list(OutgoingEmail.objects.filter(template_key="edition_invitation"))
    assert len(sent) == count
    for email in sent[:5]:
        assert email.attachments
        for _name, content, _mime in email.attachments:
            cal = icalendar.Calendar.from_ical(content)
            assert str(cal["method"]) == "REQUEST"
            assert cal.walk("VTIMEZONE")
            event = cal.walk("VEVENT")[0]
            assert "organizer" in event and "attendee" in event and "sequence" in event
    assert all(len(e.attachments) == 2 for e in sent)
    assert not uninvited_participants(edition).filter(person__email__gt="").exists()

    # Cancel a future session that nobody has attended and no survey hangs on.
    session = (
        Session.objects.filter(
            edition=edition, date__gt=dt.date(2027, 1, 1), attendance__isnull=True
        )
        .order_by("date")
        .last()
    )
    assert session is not None
    page.goto(f"{demo.url}/tillfallen/{session.pk}/")
    page.get_by_role("link", name="Ställ in tillfället").click()
    expect(page.locator("main")).to_contain_text("får en avbokning")
    axe_check.check(page, "session-cancel")
    page.get_by_role("button", name="Ställ in tillfället").click()
    expect(page.locator("main")).to_contain_text("Tillfället har ställts in")
    assert not Session.objects.filter(pk=session.pk).exists()
    assert OutgoingEmail.objects.filter(template_key="session_cancelled").count() == count
