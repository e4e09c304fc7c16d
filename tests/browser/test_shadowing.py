"""Job shadowing in a real browser: a participant ranks hosts, the coordinator matches with the
engine and confirms, a host accepts through the e-mailed link, the coordinator enters the
dates, and the participant sees them; every page passes axe."""

from __future__ import annotations

import re
from typing import Any

import icalendar
import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from plantskola.development.models import ShadowingMatch
from tests.browser.conftest import AccessibilityChecker
from tests.conftest import PASSWORD, build_world
from tests.development.authz_rows_shadowing import make_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/logga-in/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_be_visible()


def test_coordinator_matches_host_accepts_by_link_and_dates_are_set(
    live_server: Any, browser: Browser, axe_check: AccessibilityChecker
) -> None:
    world = build_world()
    round = make_round(world)
    base = live_server.url

    participant = browser.new_context().new_page()
    log_in(participant, base, "participant")
    participant.goto(f"{base}/min-skuggning/")
    axe_check.check(participant, "shadowing-mine-before")
    participant.locator(f"a[href='/skuggning/{round.pk}/onskemal/{world.participant.pk}/']").click()
    axe_check.check(participant, "shadowing-preferences")
    options = participant.locator("#id_choice_1 option").all_text_contents()
    assert not any("Maria Chef" in o for o in options)  # her own administration
    participant.locator("#id_choice_1").select_option(label=next(o for o in options if "Tor" in o))
    participant.locator("main form button[type=submit]").first.click()
    expect(participant.locator(".messages")).to_be_visible()

    coordinator = browser.new_context().new_page()
    log_in(coordinator, base, "coordinator")
    coordinator.goto(f"{base}/omgangar/{world.edition.pk}/")
    coordinator.locator(f"a[href='/omgangar/{world.edition.pk}/skuggning/']").click()
    axe_check.check(coordinator, "shadowing-round-list")
    coordinator.get_by_role("link", name=round.name).click()
    axe_check.check(coordinator, "shadowing-round-open")
    coordinator.locator(f"form[action='/skuggning/{round.pk}/matcha/'] button").click()
    expect(coordinator.locator("#proposal")).to_be_visible()
    axe_check.check(coordinator, "shadowing-round-proposed")
    coordinator.locator(f"form[action='/skuggning/{round.pk}/bekrafta/'] button").click()
    expect(coordinator.locator(".messages")).to_be_visible()
    axe_check.check(coordinator, "shadowing-round-confirmed")
    match = ShadowingMatch.objects.get(round=round, participant=world.participant)
    assert match.host.person.first_name == "Tor"

    request = next(m for m in mail.outbox if m.to == ["tor.teknik@host.example"])
    link = re.search(r"https?://\S+(/skuggning/svar/\S+/)", str(request.body))
    assert link is not None
    host = browser.new_context().new_page()  # no login: the link is enough
    host.goto(base + link.group(1))
    axe_check.check(host, "shadowing-answer")
    host.locator("button[name=accept]").click()
    expect(host.locator("h1")).to_be_visible()
    axe_check.check(host, "shadowing-answer-done")
    match.refresh_from_db()
    assert match.status == ShadowingMatch.Status.ACCEPTED
    host.goto(base + link.group(1))
    assert host.locator("h1").count() == 1  # the used link now says it does not work
    axe_check.check(host, "shadowing-answer-used")

    coordinator.goto(f"{base}/skuggning/{round.pk}/")
    coordinator.locator(f"a[href='/skuggning/forfragningar/{match.pk}/datum/']").click()
    axe_check.check(coordinator, "shadowing-schedule")
    coordinator.locator("#id_date").fill("2027-02-10")
    coordinator.locator("#id_start_time").fill("08:00")
    coordinator.locator("#id_end_time").fill("16:30")
    coordinator.locator("#id_place").fill("Tekniska förvaltningen, Gamla vägen 1")
    mail.outbox.clear()
    coordinator.locator("main form button[type=submit]").click()
    expect(coordinator.locator(".messages")).to_be_visible()
    match.refresh_from_db()
    assert match.status == ShadowingMatch.Status.SCHEDULED
    assert sorted(m.to[0] for m in mail.outbox) == [
        "pia.deltagare@host.example",
        "tor.teknik@host.example",
    ]
    cal = icalendar.Calendar.from_ical(mail.outbox[0].attachments[0][1])
    assert len(list(cal.walk("VEVENT"))) == 1

    participant.goto(f"{base}/min-skuggning/")
    expect(participant.locator("main")).to_contain_text("2027-02-10 08:00")
    expect(participant.locator("main")).to_contain_text("Tor Teknik")
    axe_check.check(participant, "shadowing-mine-after")
