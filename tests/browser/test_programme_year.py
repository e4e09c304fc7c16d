"""A programme year in one walk, in a real Chromium on the demo data (issue 14's "done when"):
Örebro's coordinator enrols every permanent manager by rule with the preview and the
invitation ticked → the invitations are in the outbox with one calendar invitation per
session day → a two-day module is two events in a participant's calendar feed → attendance is
refused for a day that has not started and taken for one that has → completion is refused
before the last day. Every `.ics` is read back with icalendar. Axe on every page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import icalendar
import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Browser, expect

from plantskola.core.models import OutgoingEmail
from plantskola.demo.loader import demo_load
from plantskola.programmes.calendar.services import feed_regenerate
from plantskola.programmes.enrolment.selectors import EnrolmentRule, Who, rule_people
from plantskola.programmes.models import Edition, Module, Participant, Programme, Session
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_demo_journeys import OREBRO, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server: Any) -> Any:
    demo_load()
    return live_server


def _day(edition: Edition, module: Module, date: dt.date, start: int, end: int) -> Session:
    return Session.objects.create(
        edition=edition,
        module=module,
        title=module.name,
        date=date,
        start_time=dt.time(start, 30),
        end_time=dt.time(end, 30),
        place="Conventum",
    )


def _check_itip(content: str | bytes) -> icalendar.cal.Component:
    calendar = icalendar.Calendar.from_ical(content)
    assert str(calendar["method"]) == "REQUEST"
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    (event,) = calendar.walk("VEVENT")
    assert str(event["organizer"]).startswith("mailto:")
    assert str(event["attendee"]).startswith("mailto:")
    assert int(str(event["sequence"])) >= 0
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start.date() == end.date() and start < end  # a day, not a night through
    return event


def test_a_programme_year_from_the_rule_to_completion(
    demo: Any, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    today = timezone.localdate()
    edition = Edition.objects.create(
        programme=Programme.objects.get(name=OREBRO),
        name="Omgång 2027",
        start_date=today - dt.timedelta(days=7),
        end_date=today + dt.timedelta(days=90),
    )
    opening = Module.objects.create(edition=edition, order=1, name="Start")
    two_days = Module.objects.create(edition=edition, order=2, name="Del av en helhet")
    started = _day(edition, opening, today - dt.timedelta(days=3), 8, 11)
    first = _day(edition, two_days, today + dt.timedelta(days=14), 8, 16)
    second = _day(edition, two_days, today + dt.timedelta(days=15), 8, 12)
    expected = set(
        rule_people(edition=edition, rule=EnrolmentRule(who=Who.PERMANENT_MANAGERS)).values_list(
            "pk", flat=True
        )
    )
    count = len(expected)
    assert count >= 100

    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, demo.url, "koordinator")

    # 1. Enrol by rule: the preview, then one confirmation, with the invitation ticked.
    page.goto(f"{demo.url}/omgangar/{edition.pk}/deltagare/regel/")
    page.get_by_label("Tillsvidareanställda chefer").check()
    page.get_by_role("button", name="Förhandsvisa").click()
    expect(page.locator("main")).to_contain_text(f"Regeln lägger till {count} personer.")
    axe_check.check(page, "year-enrolment-preview")
    assert not Participant.objects.filter(edition=edition).exists()
    page.get_by_role("button", name=f"Lägg till {count} deltagare").click()
    expect(page.locator("#job-status")).to_contain_text(f"{count} deltagare lades till.")
    axe_check.check(page, "year-enrolment-job")
    enrolled = set(Participant.objects.filter(edition=edition).values_list("person_id", flat=True))
    assert enrolled == expected

    # 2. The invitations: one per person with an address, one .ics per session day.
    invitations = list(OutgoingEmail.objects.filter(template_key="edition_invitation"))
    with_address = Participant.objects.filter(edition=edition).exclude(person__email="").count()
    assert len(invitations) == with_address >= 100
    days = {started.uid, first.uid, second.uid}
    for email in invitations[:10]:
        uids = set()
        for _name, content, _mime in email.attachments:
            event = _check_itip(content)
            uids.add(str(event["uid"]).split("@")[0])
        assert {str(u) for u in days} == uids

    # 3. The two-day module is two events in a participant's own calendar feed.
    person = Participant.objects.filter(edition=edition).select_related("person").first()
    assert person is not None
    token = feed_regenerate(person=person.person)
    feed = Client().get(f"/kalender/{token}.ics")
    assert feed.status_code == 200
    calendar = icalendar.Calendar.from_ical(feed.content)
    assert calendar.walk("VTIMEZONE")
    module_days = [
        e
        for e in calendar.walk("VEVENT")
        if "Del av en helhet" in str(e["summary"])
        and e.decoded("dtstart").date() in (first.date, second.date)
    ]
    assert sorted(e.decoded("dtstart").date() for e in module_days) == [first.date, second.date]

    # 4. Attendance: refused for a day that has not started, taken for one that has.
    page.goto(f"{demo.url}/tillfallen/{first.pk}/narvaro/")
    expect(page.locator("main")).to_contain_text(
        "Närvaro kan registreras först när tillfället har börjat"
    )
    axe_check.check(page, "year-attendance-future-day")
    page.goto(f"{demo.url}/tillfallen/{started.pk}/narvaro/")
    expect(page.locator("input[name=absent]").first).to_be_visible()
    axe_check.check(page, "year-attendance-past-day")

    # 5. Completion waits for the end of the last day.
    page.goto(f"{demo.url}/omgangar/{edition.pk}/genomforande/")
    expect(page.locator("main")).to_contain_text(
        "Genomförande kan markeras när omgångens sista tillfälle är över"
    )
    expect(page.locator("main")).to_contain_text(f"{second.date:%Y-%m-%d} 12:30")
    axe_check.check(page, "year-completion-refused")
