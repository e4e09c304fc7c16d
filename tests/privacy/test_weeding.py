"""Weeding (gallring): the registry, retention rules per organisation, the `weed` command, its
log, and pseudonymised applications that every admissions page still handles."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from plantskola.admissions.decision.services import decision_amend
from plantskola.admissions.models import (
    Answer,
    Application,
    Reference,
    ReferenceRating,
    ScorecardRating,
)
from plantskola.admissions.retention import ADMITTED, NOT_ADMITTED, weed_on
from plantskola.events import services as event_services
from plantskola.events.models import Registration
from plantskola.privacy import weeding
from plantskola.privacy.models import RetentionRule, WeedingLogEntry, WeedingRun
from plantskola.privacy.retention.services import retention_rules_save
from tests.admissions.factories import decided_call
from tests.conftest import World
from tests.events.conftest import make_event
from tests.html import main_region
from tests.privacy.helpers import world_user

pytestmark = pytest.mark.django_db


def in_two_years() -> dt.date:
    return weeding.add_months(timezone.localdate(), 24)


def test_add_months_clamps_to_the_end_of_the_month() -> None:
    assert weeding.add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert weeding.add_months(dt.date(2024, 3, 15), -3) == dt.date(2023, 12, 15)
    assert weeding.add_months(dt.date(2024, 5, 1), 24) == dt.date(2026, 5, 1)


def test_every_application_carries_a_weeding_date_by_its_outcome(world: World) -> None:
    call = decided_call(world)
    by_name = {a.applicant.first_name: a for a in Application.objects.filter(call=call)}  # type: ignore[union-attr]  # not weeded yet: each has its applicant
    assert by_name["Bo"].outcome == "reserve" and by_name["Cid"].outcome == "not_admitted"
    # Not admitted and reserves: two years after the decision.
    assert weed_on(by_name["Bo"]) == in_two_years() == weed_on(by_name["Cid"])
    # Admitted: kept while taking part, two years after the edition ends.
    assert weed_on(by_name["Ada"]) == weeding.add_months(call.edition.end_date, 24)
    # The coordinator's list shows each application's weeding date.
    content = world.client_for("coordinator").get(f"/utlysningar/{call.pk}/ansokningar/")
    text = content.content.decode()
    assert in_two_years().isoformat() in text
    assert weeding.add_months(call.edition.end_date, 24).isoformat() in text
    RetentionRule.objects.create(organisation=world.host, record_type=NOT_ADMITTED, months=6)
    assert weed_on(by_name["Cid"]) == weeding.add_months(timezone.localdate(), 6)


def test_weeding_pseudonymises_the_not_admitted_and_keeps_the_numbers(world: World) -> None:
    call = decided_call(world)
    day_before = in_two_years() - dt.timedelta(days=1)
    assert weeding.run(today=day_before).records == 0
    # The run is logged even when nothing was due, with no entries.
    assert WeedingRun.objects.count() == 1 and not WeedingLogEntry.objects.exists()

    dry = weeding.run(today=in_two_years(), dry_run=True)
    assert dry.records == 2 and dry.run is None
    assert not Application.objects.filter(applicant__isnull=True).exists()
    assert WeedingRun.objects.count() == 1

    report = weeding.run(today=in_two_years())
    assert report.records == 2
    weeded = Application.objects.filter(call=call, weeded_at__isnull=False)
    assert weeded.count() == 2
    for application in weeded:
        assert application.applicant is None and application.manager is None
        assert application.motivation == "" and application.pseudonym in {1, 2}
        with translation.override("sv"):
            assert application.applicant_name.startswith("Sökande")
        assert not Answer.objects.filter(application=application).exclude(text="").exists()
        reference = Reference.objects.get(application=application)
        assert reference.comment == "" and reference.manager is None
        # The numbers stay for statistics.
        assert ReferenceRating.objects.filter(reference=reference).count() == 2
        assert application.outcome in {"reserve", "not_admitted"}
    ada = Application.objects.get(call=call, weeded_at__isnull=True)
    assert ada.applicant is not None and ada.motivation == "Ada vill leda"
    assert ScorecardRating.objects.exclude(evidence="").count() == 2
    entry = WeedingLogEntry.objects.get()
    assert (entry.organisation, entry.record_type, entry.months) == (world.host, NOT_ADMITTED, 24)
    assert entry.records == 2
    assert entry.counts == {
        "applications": 2,
        "answers": 2,
        "references": 2,
        "scorecard_notes": 0,
        "amendment_reasons": 0,
    }
    assert "Bo" not in str(entry.counts) and "Sökande" not in str(entry.counts)
    # A second run finds nothing left.
    assert weeding.run(today=in_two_years()).records == 0


def test_admitted_are_weeded_later_and_their_scorecard_notes_go(world: World) -> None:
    call = decided_call(world)
    later = weeding.add_months(call.edition.end_date, 24)
    report = weeding.run(today=later, keys=[ADMITTED])
    assert report.records == 1
    assert report.items[0].counts["scorecard_notes"] == 2
    assert not ScorecardRating.objects.exclude(evidence="").exists()
    assert ScorecardRating.objects.filter(rating=5).count() == 2
    # Only the admitted record type ran: the others are still there.
    assert Application.objects.filter(applicant__isnull=False).count() == 2


def test_an_organisation_rule_keeps_records_longer(world: World) -> None:
    decided_call(world)
    RetentionRule.objects.create(organisation=world.host, record_type=NOT_ADMITTED, months=36)
    assert weeding.run(today=in_two_years()).records == 0
    later = weeding.add_months(timezone.localdate(), 36)
    assert weeding.run(today=later, keys=[NOT_ADMITTED]).records == 2


def test_every_admissions_page_works_with_weeded_applications(world: World) -> None:
    call = decided_call(world)
    weeding.run(today=weeding.add_months(call.edition.end_date, 30))
    assert not Application.objects.filter(applicant__isnull=False).exists()
    client = world.client_for("coordinator")
    for url in [
        f"/utlysningar/{call.pk}/ansokningar/",
        f"/utlysningar/{call.pk}/urval/",
        f"/utlysningar/{call.pk}/kalibrering/",
        f"/utlysningar/{call.pk}/intervjuer/",
        f"/utlysningar/{call.pk}/beslutet/",
        f"/utlysningar/{call.pk}/",
        "/utlysningar/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        for name in ("Ada", "Bo vill", "Cid är bra", "krisen"):
            assert name not in content, (url, name)
    for application in Application.objects.filter(call=call):
        response = client.get(f"/ansokningar/{application.pk}/")
        assert response.status_code == 200
        assert "gallrad" in response.content.decode()
        # Nobody to interview: booking is refused with a message and nothing is sent.
        response = client.post(
            f"/ansokningar/{application.pk}/intervju/",
            {
                "starts_at": "2030-01-01T10:00",
                "minutes": 60,
                "place": "Rum 1",
                "interviewers": [world_user(world, "hr").person.pk],
            },
        )
        assert response.status_code == 400
        assert "gallrats" in response.content.decode(), response.context["form"].errors
    scores = client.get(f"/utlysningar/{call.pk}/urval/").context["rows"]
    assert all(s.administration for s, _lock in scores)
    amended = Application.objects.filter(call=call).first()
    assert amended is not None
    with pytest.raises(ValidationError):
        decision_amend(
            call=call,
            application=amended,
            to_outcome="admitted",
            reason="Försök",
            user=world_user(world, "coordinator"),
        )


def test_the_weed_command_reports_logs_and_refuses_bad_input(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    decided_call(world)
    when = in_two_years().isoformat()
    call_command("weed", "--dry-run", "--today", when)
    out = capsys.readouterr().out
    assert f"Would weed 2 {NOT_ADMITTED} of host" in out
    assert not WeedingRun.objects.exists()
    call_command("weed", "--today", when)
    out = capsys.readouterr().out
    assert "Weeded 2 record(s)" in out and "Logged as weeding run" in out
    assert WeedingRun.objects.get().source == "weed"
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("weed", "--today", "igår")
    with pytest.raises(CommandError, match="Unknown record type"):
        call_command("weed", "--only", "admissions.nothing")


def test_dietary_needs_are_weeded_through_the_registry_with_the_organisations_rule(
    world: World,
) -> None:
    today = timezone.localdate()
    event = make_event(world.host, date=today - dt.timedelta(days=10))
    Registration.objects.create(
        event=event, person=world.employee, dietary_needs="Glutenfri", registered_at=timezone.now()
    )
    RetentionRule.objects.create(
        organisation=world.host, record_type="events.dietary_needs", months=2
    )
    assert event_services.event_purge_dietary_needs(today=today) == (0, 0)
    assert weeding.run(today=weeding.add_months(today, 1)).records == 0
    assert event_services.event_purge_dietary_needs(today=weeding.add_months(today, 3)) == (1, 1)
    assert Registration.objects.get().dietary_needs == ""
    entry = WeedingLogEntry.objects.get()
    assert entry.record_type == "events.dietary_needs" and entry.run.source == "purge_dietary_needs"
    assert entry.counts == {"registrations": 1, "events": 1}


def test_hr_sees_what_is_due_and_changes_the_retention_rules(world: World) -> None:
    decided_call(world)
    client = world.client_for("hr")
    page = client.get(f"/organisationer/{world.host.pk}/gallring/")
    assert page.status_code == 200
    content = page.content.decode()
    assert "Ledarlabbet 2026: ej antagna" in content
    assert in_two_years().isoformat() in content
    response = client.post(
        f"/organisationer/{world.host.pk}/gallring/",
        {
            NOT_ADMITTED: 12,
            ADMITTED: 60,
            "events.dietary_needs": 1,
            "evaluations.free_text": 36,
            "core.audit_log": 24,
            "admissions.nomination_unused": 6,
            "insights.external_post_applicants": 24,
        },
    )
    assert response.status_code == 302
    assert weeding.rules_for(world.host) == {
        NOT_ADMITTED: 12,
        ADMITTED: 60,
        "events.dietary_needs": 1,
        "evaluations.free_text": 36,
        "core.audit_log": 24,
        "admissions.nomination_unused": 6,
        "insights.external_post_applicants": 24,
    }
    rule = RetentionRule.objects.get(organisation=world.host, record_type=NOT_ADMITTED)
    assert rule.changed_by == world.users["hr"]
    page = client.get(f"/organisationer/{world.host.pk}/gallring/")
    assert weeding.add_months(timezone.localdate(), 12).isoformat() in page.content.decode()
    # Another organisation's rules are untouched.
    assert weeding.rules_for(world.partner)[NOT_ADMITTED] == 24


def test_bad_retention_input_is_refused_and_changes_nothing(world: World) -> None:
    client = world.client_for("hr")
    response = client.post(
        f"/organisationer/{world.host.pk}/gallring/",
        {
            NOT_ADMITTED: -3,
            ADMITTED: "två",
            "events.dietary_needs": 0,
            "evaluations.free_text": 24,
            "core.audit_log": 24,
        },
    )
    assert response.status_code == 400
    assert not RetentionRule.objects.exists()
    with pytest.raises(ValidationError, match="Okänd uppgiftstyp"):
        retention_rules_save(
            organisation=world.host,
            months={"x.y": 3},
            user=world_user(world, "hr"),
        )
    with pytest.raises(ValidationError):
        retention_rules_save(
            organisation=world.host,
            months={NOT_ADMITTED: 12, ADMITTED: 5000},
            user=world_user(world, "hr"),
        )
    assert not RetentionRule.objects.exists()


def test_the_log_on_the_page_shows_counts_in_words_and_no_names(world: World) -> None:
    decided_call(world)
    weeding.run(today=in_two_years())
    content = (
        world.client_for("coordinator")
        .get(f"/organisationer/{world.host.pk}/gallring/")
        .content.decode()
    )
    assert "ansökningar: 2" in content and "svar: 2" in content
    main = main_region(content)
    assert not re.search(r"\b(Bo|Cid)\b", main)
