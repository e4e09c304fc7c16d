"""Job shadowing: matching through the real engine, requests, re-matching after a decline,
capacities, the order of states, the host's personal link, and the calendar invitations."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plantskola.core.models import EmailTemplate, Person
from plantskola.development.shadowing import matching, selectors
from plantskola.development.shadowing import services as shadowing
from plantskola.development.shadowing.models import (
    ShadowingHost,
    ShadowingMatch,
    ShadowingPreference,
    ShadowingRound,
)
from plantskola.programmes.calendar.ics import TZ
from plantskola.programmes.models import Participant
from tests.conftest import World
from tests.development.authz_rows_shadowing import host, make_manager, make_round

pytestmark = pytest.mark.django_db


def hosts(w: World) -> tuple[ShadowingHost, ShadowingHost, ShadowingHost]:
    make_round(w)
    tor = make_manager(w, "TEK", "Tekniska förvaltningen", "Tor", "Teknik")
    ulla = make_manager(w, "UTB", "Utbildningsförvaltningen", "Ulla", "Utbildning")
    return host(w), host(w, tor), host(w, ulla)


def prepared(w: World) -> tuple[ShadowingRound, ShadowingHost, ShadowingHost, ShadowingHost]:
    """Pia wants Tor, then Ulla; Per wants Ulla, then Tor: the best pairs are Pia–Tor, Per–Ulla."""
    round = make_round(w)
    maria, tor, ulla = hosts(w)
    shadowing.preferences_set(round=round, participant=w.participant, hosts=[tor, ulla])
    shadowing.preferences_set(round=round, participant=w.partner_participant, hosts=[ulla, tor])
    return round, maria, tor, ulla


def confirmed(w: World, capture: Any) -> tuple[ShadowingRound, dict[str, ShadowingMatch]]:
    round, *_ = prepared(w)
    shadowing.round_match(round=round)
    with capture(execute=True):
        shadowing.round_confirm(round=round)
    round.refresh_from_db()
    by_name = {
        m.participant.person.first_name: m for m in ShadowingMatch.objects.filter(round=round)
    }
    return round, by_name


def link_in(body: object) -> str:
    found = re.search(r"https?://\S+(/skuggning/svar/\S+/)", str(body))
    assert found is not None, body
    return found.group(1)


# --- matching ---------------------------------------------------------------------------------


def test_the_engine_matches_by_preference_across_administrations(world: World) -> None:
    round, maria, tor, ulla = prepared(world)
    proposal = shadowing.round_match(round=round)
    assert proposal["pairs"] == {
        str(world.participant.pk): str(tor.pk),
        str(world.partner_participant.pk): str(ulla.pk),
    }
    # Both first choices: 2 + 2 points, and the engine proves nothing better exists.
    assert proposal["objective"] == 4
    assert proposal["bound"] == 4
    assert proposal["first_choices"] == 2
    round.refresh_from_db()
    assert round.status == ShadowingRound.Status.PROPOSED
    pairs = selectors.proposal_pairs(round)
    assert [(p.participant.person.first_name, p.host.person.first_name, p.rank) for p in pairs] == [
        ("Pia", "Tor", 1),
        ("Per", "Ulla", 1),
    ]


def test_the_instance_forbids_the_own_administration(world: World) -> None:
    round, maria, tor, ulla = prepared(world)
    instance = matching.matching_instance(round)
    assert instance["different"] == ["administration"]
    by_id = {p["id"]: p for p in instance["participants"]}
    hosts_by_id = {h["id"]: h for h in instance["hosts"]}
    pia = by_id[str(world.participant.pk)]
    assert pia["attributes"] == hosts_by_id[str(maria.pk)]["attributes"]  # both Socialförvaltningen
    assert pia["preferences"] == [str(tor.pk), str(ulla.pk)]


def test_a_participant_cannot_rank_a_host_from_the_own_administration(world: World) -> None:
    round, maria, tor, ulla = prepared(world)
    with pytest.raises(ValidationError, match="din egen förvaltning"):
        shadowing.preferences_set(round=round, participant=world.participant, hosts=[maria, tor])
    # Nothing changed: the earlier wishes stand.
    assert list(
        ShadowingPreference.objects.filter(participant=world.participant).values_list(
            "host_id", flat=True
        )
    ) == [tor.pk, ulla.pk]
    assert maria not in selectors.allowed_hosts(round, world.participant)


def test_a_participant_without_a_possible_host_is_named(world: World) -> None:
    round, maria, tor, ulla = prepared(world)
    ShadowingPreference.objects.all().delete()
    tor.delete()
    ulla.delete()
    with pytest.raises(ValidationError, match="Ingen möjlig värd för Pia Deltagare"):
        shadowing.round_match(round=round)
    round.refresh_from_db()
    assert round.status == ShadowingRound.Status.OPEN
    assert round.proposal == {}


def test_too_few_places_is_refused_with_the_numbers(world: World) -> None:
    round, maria, tor, ulla = prepared(world)
    ShadowingPreference.objects.all().delete()
    maria.delete()
    ulla.delete()
    with pytest.raises(ValidationError, match="2 deltagare men bara 1 platser"):
        shadowing.round_match(round=round)
    assert ShadowingRound.objects.get(pk=round.pk).status == ShadowingRound.Status.OPEN


def test_a_host_must_be_a_manager_and_take_at_least_one(world: World) -> None:
    round = make_round(world)
    with pytest.raises(ValidationError, match="är inte chef"):
        shadowing.host_add(round=round, person=world.employee)
    tor = make_manager(world, "TEK", "Tekniska förvaltningen", "Tor", "Teknik")
    with pytest.raises(ValidationError, match="är redan värd"):
        shadowing.host_add(round=round, person=tor)
    assert ShadowingHost.objects.filter(round=round).count() == 3


def test_a_change_after_the_proposal_makes_it_stale(world: World) -> None:
    round, maria, tor, ulla = prepared(world)
    shadowing.round_match(round=round)
    shadowing.host_update(host=tor, capacity=2)
    round.refresh_from_db()
    assert round.status == ShadowingRound.Status.OPEN
    with pytest.raises(ValidationError, match="ett förslag innan du bekräftar"):
        shadowing.round_confirm(round=round)


# --- requests, answers and re-matching ----------------------------------------------------------


def test_confirming_sends_each_host_a_request_with_a_personal_link(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    round, matches = confirmed(world, django_capture_on_commit_callbacks)
    assert round.status == ShadowingRound.Status.CONFIRMED
    assert {m.host.person.first_name for m in matches.values()} == {"Tor", "Ulla"}
    assert all(m.status == ShadowingMatch.Status.REQUESTED for m in matches.values())
    assert sorted(m.to[0] for m in mail.outbox) == [
        "tor.teknik@host.example",
        "ulla.utbildning@host.example",
    ]
    to_tor = next(m for m in mail.outbox if m.to == ["tor.teknik@host.example"])
    assert to_tor.subject == "Förfrågan om skuggning: Pia Deltagare"
    link_in(to_tor.body)
    # Only the hash is stored.
    assert link_in(to_tor.body).split("/")[-2] not in matches["Pia"].token_hash
    with pytest.raises(ValidationError, match="redan bekräftad"):
        shadowing.round_match(round=round)


def test_a_decline_rematches_only_that_participant(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    round, matches = confirmed(world, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        result = shadowing.match_decline(match=matches["Per"], reason="Semester")
    # Ulla declined Per; Tor is full with Pia; Maria (another administration than Per's) has room.
    assert result.new_match is not None
    assert result.new_match.host.person == world.manager_person
    assert [m.to for m in mail.outbox] == [[world.manager_person.email]]
    pia = ShadowingMatch.objects.get(pk=matches["Pia"].pk)
    assert pia.status == ShadowingMatch.Status.REQUESTED
    assert pia.host.person.first_name == "Tor"
    assert ShadowingMatch.objects.get(pk=matches["Per"].pk).decline_reason == "Semester"


def test_a_decline_with_no_host_left_names_the_rule_and_the_coordinator_rematches(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    round, matches = confirmed(world, django_capture_on_commit_callbacks)
    # Tor declines Pia: Ulla is full, Maria is in Pia's own administration.
    result = shadowing.match_decline(match=matches["Pia"])
    assert result.new_match is None
    assert result.problem is not None and "Ingen möjlig värd för Pia Deltagare" in result.problem
    assert selectors.live_match(round, world.participant) is None
    ulla = matches["Per"].host
    with pytest.raises(ValidationError, match="kan inte vara lägre"):
        shadowing.host_update(host=ulla, capacity=0)
    shadowing.host_update(host=ulla, capacity=2)
    again = shadowing.participant_rematch(round=round, participant=world.participant)
    assert again.host == ulla
    # Tor, who declined her, is never offered again, even with room.
    tor = matches["Pia"].host
    shadowing.match_decline(match=again)
    shadowing.host_update(host=tor, capacity=3)
    with pytest.raises(ValidationError, match="Ingen möjlig värd för Pia Deltagare"):
        shadowing.participant_rematch(round=round, participant=world.participant)


def test_states_cannot_be_skipped(world: World, django_capture_on_commit_callbacks: Any) -> None:
    round, maria, tor, ulla = prepared(world)
    with pytest.raises(ValidationError, match="ett förslag innan du bekräftar"):
        shadowing.round_confirm(round=round)
    with pytest.raises(ValidationError, match="när omgången är bekräftad"):
        shadowing.participant_rematch(round=round, participant=world.participant)
    shadowing.round_match(round=round)
    with django_capture_on_commit_callbacks(execute=True):
        shadowing.round_confirm(round=round)
    match = selectors.live_match(round, world.participant)
    assert match is not None
    start = dt.datetime(2027, 2, 10, 8, tzinfo=TZ)
    with pytest.raises(ValidationError, match="när värden har tackat ja"):
        shadowing.match_schedule(
            match=match, starts_at=start, ends_at=start + dt.timedelta(hours=8), place="X", by=None
        )
    with pytest.raises(ValidationError, match="kan inte längre ändras"):
        shadowing.preferences_set(round=round, participant=world.participant, hosts=[ulla])
    with pytest.raises(ValidationError, match="har redan en värd"):
        shadowing.participant_rematch(round=round, participant=world.participant)
    shadowing.match_accept(match=match)
    with pytest.raises(ValidationError, match="redan besvarad"):
        shadowing.match_decline(match=match)
    assert ShadowingMatch.objects.get(pk=match.pk).status == ShadowingMatch.Status.ACCEPTED


# --- the personal link --------------------------------------------------------------------------


def test_the_link_answers_once_and_not_after_it_expires(
    world: World, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    round, matches = confirmed(world, django_capture_on_commit_callbacks)
    to_tor = next(m for m in mail.outbox if m.to == ["tor.teknik@host.example"])
    to_ulla = next(m for m in mail.outbox if m.to == ["ulla.utbildning@host.example"])
    path = link_in(to_tor.body)
    page = client.get(path)
    assert page.status_code == 200
    assert "Pia Deltagare" in page.content.decode()
    done = client.post(path, {"accept": "1"})
    assert done.status_code == 200
    assert ShadowingMatch.objects.get(pk=matches["Pia"].pk).status == "accepted"
    # Used: the same link opens nothing and changes nothing.
    assert client.get(path).status_code == 404
    assert client.post(path, {"decline": "1"}).status_code == 404
    assert ShadowingMatch.objects.get(pk=matches["Pia"].pk).status == "accepted"
    # Expired: yesterday was the last day.
    ShadowingMatch.objects.filter(pk=matches["Per"].pk).update(
        expires_on=timezone.localdate() - dt.timedelta(days=1)
    )
    expired = link_in(to_ulla.body)
    assert client.get(expired).status_code == 404
    assert client.post(expired, {"accept": "1"}).status_code == 404
    assert ShadowingMatch.objects.get(pk=matches["Per"].pk).status == "requested"


def test_declining_through_the_link_sends_the_next_host_a_request(
    world: World, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    round, matches = confirmed(world, django_capture_on_commit_callbacks)
    to_ulla = next(m for m in mail.outbox if m.to == ["ulla.utbildning@host.example"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link_in(to_ulla.body), {"decline": "1", "reason": "Sjuk"})
    assert response.status_code == 200
    assert [m.to for m in mail.outbox] == [[world.manager_person.email]]
    assert "Per Partner" in mail.outbox[0].subject


# --- dates and calendar invitations -------------------------------------------------------------


def _events(message: Any) -> list[icalendar.Event]:
    (filename, content, mimetype) = message.attachments[0]
    assert filename.endswith(".ics")
    assert mimetype.startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(content)
    assert str(cal["method"]) == "REQUEST"
    return [e for e in cal.walk("VEVENT") if isinstance(e, icalendar.Event)]


def _attendees(event: icalendar.Event) -> set[str]:
    value = event["attendee"]
    return {str(a) for a in (value if isinstance(value, list) else [value])}


def test_agreed_dates_send_both_an_invitation_that_a_change_updates(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    round, matches = confirmed(world, django_capture_on_commit_callbacks)
    match = shadowing.match_accept(match=matches["Pia"])
    mail.outbox.clear()
    start = dt.datetime(2027, 2, 10, 8, tzinfo=TZ)
    with django_capture_on_commit_callbacks(execute=True):
        shadowing.match_schedule(
            match=match,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=8, minutes=30),
            place="Tekniska förvaltningen, Gamla vägen 1",
            by=world.users["coordinator"],
        )
    assert sorted(m.to[0] for m in mail.outbox) == [
        "pia.deltagare@host.example",
        "tor.teknik@host.example",
    ]
    first = [_events(m)[0] for m in mail.outbox]
    uid = str(first[0]["uid"])
    assert all(str(e["uid"]) == uid for e in first)
    assert all(int(str(e["sequence"])) == 0 for e in first)
    assert first[0].decoded("dtstart") == start
    assert str(first[0]["location"]) == "Tekniska förvaltningen, Gamla vägen 1"
    attendees = _attendees(first[0])
    assert attendees == {"mailto:pia.deltagare@host.example", "mailto:tor.teknik@host.example"}
    assert mail.outbox[0].subject.startswith("Skuggning 2027-02-10")

    mail.outbox.clear()
    moved = start + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        shadowing.match_schedule(
            match=match,
            starts_at=moved,
            ends_at=moved + dt.timedelta(hours=8),
            place="Tekniska förvaltningen, Gamla vägen 1",
            by=None,
        )
    second = _events(mail.outbox[0])[0]
    assert str(second["uid"]) == uid
    assert int(str(second["sequence"])) == 1
    assert second.decoded("dtstart") == moved
    assert mail.outbox[0].subject.startswith("Ändrat: Skuggning 2027-02-11")
    assert ShadowingMatch.objects.get(pk=match.pk).status == ShadowingMatch.Status.SCHEDULED


def test_dates_outside_the_period_or_backwards_are_refused(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    round, matches = confirmed(world, django_capture_on_commit_callbacks)
    match = shadowing.match_accept(match=matches["Pia"])
    start = dt.datetime(2027, 3, 10, 8, tzinfo=TZ)
    with pytest.raises(ValidationError, match="inom omgångens period, 2027-02-01 – 2027-02-28"):
        shadowing.match_schedule(
            match=match, starts_at=start, ends_at=start + dt.timedelta(hours=1), place="X", by=None
        )
    inside = dt.datetime(2027, 2, 10, 8, tzinfo=TZ)
    with pytest.raises(ValidationError, match="Sluttiden måste vara efter starttiden"):
        shadowing.match_schedule(match=match, starts_at=inside, ends_at=inside, place="X", by=None)
    assert ShadowingMatch.objects.get(pk=match.pk).starts_at is None


# --- pages and who sees what --------------------------------------------------------------------


def test_the_coordinator_runs_the_round_through_the_pages(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    coordinator = world.client_for("coordinator")
    response = coordinator.post(
        reverse("development:shadowing_round_create", args=[world.edition.pk]),
        {"name": "Skuggning vt", "period_start": "2027-03-01", "period_end": "2027-03-31"},
    )
    round = ShadowingRound.objects.get(name="Skuggning vt")
    assert response.status_code == 302
    tor = make_manager(world, "TEK", "Tekniska förvaltningen", "Tor", "Teknik")
    ulla = make_manager(world, "UTB", "Utbildningsförvaltningen", "Ulla", "Utbildning")
    for person in (tor, ulla):
        coordinator.post(
            reverse("development:shadowing_host_add", args=[round.pk]),
            {"person": person.pk, "capacity": 1},
        )
    assert round.hosts.count() == 2
    bad = coordinator.post(
        reverse("development:shadowing_host_add", args=[round.pk]),
        {"person": world.employee.pk, "capacity": 1},
    )
    assert bad.status_code == 400  # not a manager: not on the list
    coordinator.post(reverse("development:shadowing_match_run", args=[round.pk]))
    page = coordinator.get(reverse("development:shadowing_round_detail", args=[round.pk]))
    text = page.content.decode()
    assert "Bekräfta och skicka förfrågningar" in text
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(reverse("development:shadowing_confirm", args=[round.pk]))
    assert ShadowingMatch.objects.filter(round=round).count() == 2
    assert len(mail.outbox) == 2


def test_a_failed_match_says_why_on_the_page_and_changes_nothing(world: World) -> None:
    round = make_round(world)
    ShadowingHost.objects.filter(round=round).exclude(person=world.manager_person).delete()
    coordinator = world.client_for("coordinator")
    response = coordinator.post(
        reverse("development:shadowing_match_run", args=[round.pk]), follow=True
    )
    assert "Pia Deltagare" in response.content.decode()
    assert ShadowingRound.objects.get(pk=round.pk).status == ShadowingRound.Status.OPEN


def test_participants_see_their_own_match_and_partner_staff_their_own_people(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    round, matches = confirmed(world, django_capture_on_commit_callbacks)
    detail = reverse("development:shadowing_round_detail", args=[round.pk])
    as_participant = world.client_for("participant").get(detail).content.decode()
    assert "Pia Deltagare" in as_participant and "Per Partner" not in as_participant
    as_partner = world.client_for("partner").get(detail).content.decode()
    assert "Per Partner" in as_partner and "Pia Deltagare" not in as_partner
    mine = world.client_for("participant").get(reverse("development:my_shadowing")).content.decode()
    assert "Tor Teknik" in mine and "Ulla Utbildning" not in mine
    assert world.client_for("leader").get(detail).status_code == 404


def test_the_host_answers_after_login_and_sets_the_dates(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    round, maria, tor, ulla = prepared(world)
    # Per ranks Maria first this time, so the World's manager is his host.
    shadowing.preferences_set(round=round, participant=world.partner_participant, hosts=[maria])
    shadowing.round_match(round=round)
    with django_capture_on_commit_callbacks(execute=True):
        shadowing.round_confirm(round=round)
    match = ShadowingMatch.objects.get(round=round, host=maria)
    manager = world.client_for("manager")
    assert "Per Partner" in manager.get(reverse("development:my_shadowing")).content.decode()
    manager.post(reverse("development:shadowing_respond", args=[match.pk]), {"accept": "1"})
    assert ShadowingMatch.objects.get(pk=match.pk).status == "accepted"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = manager.post(
            reverse("development:shadowing_schedule", args=[match.pk]),
            {
                "date": "2027-02-15",
                "start_time": "08:00",
                "end_time": "16:00",
                "place": "Stadshuset",
            },
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    # The participant's page shows the date.
    as_per = selectors.live_match(round, world.partner_participant)
    assert as_per is not None and as_per.place == "Stadshuset"


def test_participants_competing_for_too_few_places_are_named_with_their_hosts(
    world: World,
) -> None:
    """Enough places in all and a host for each, yet Pia and a colleague from her own
    administration can both only go to Tor: the engine proves it and the message names them."""
    round, maria, tor, ulla = prepared(world)
    ShadowingPreference.objects.all().delete()
    ulla.delete()
    colleague = Participant.objects.create(
        edition=world.edition, person=world.employee, status="active"
    )
    shadowing.host_update(host=maria, capacity=2)
    with pytest.raises(ValidationError) as caught:
        shadowing.round_match(round=round)
    message = " ".join(caught.value.messages)
    assert "Erik Anställd, Pia Deltagare kan bara gå till Tor Teknik" in message
    assert "1 platser tillsammans" in message
    assert colleague.pk and ShadowingRound.objects.get(pk=round.pk).proposal == {}


def test_the_round_page_query_count_does_not_grow_with_participants(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    round, maria, tor, ulla = prepared(world)
    client = world.client_for("coordinator")
    url = reverse("development:shadowing_round_detail", args=[round.pk])

    def count(n: int) -> int:
        start = Participant.objects.count()
        for i in range(n):
            person = Person.objects.create(
                organisation=world.host,
                employee_number=f"Q{start + i}",
                first_name="Q",
                last_name=f"Deltagare {start + i}",
                unit_id=world.unit_id,
            )
            participant = Participant.objects.create(
                edition=world.edition, person=person, status="active"
            )
            shadowing.preferences_set(round=round, participant=participant, hosts=[tor, ulla])
        shadowing.host_update(host=tor, capacity=tor.capacity + n)
        tor.refresh_from_db()
        shadowing.round_match(round=round)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    assert count(1) == count(12)


def test_the_period_cannot_move_away_from_agreed_dates(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    round, matches = confirmed(world, django_capture_on_commit_callbacks)
    match = shadowing.match_accept(match=matches["Pia"])
    start = dt.datetime(2027, 2, 10, 8, tzinfo=TZ)
    shadowing.match_schedule(
        match=match, starts_at=start, ends_at=start + dt.timedelta(hours=8), place="X", by=None
    )
    with pytest.raises(ValidationError, match="Det bestämda datumet för Pia Deltagare"):
        shadowing.round_update(
            round=round,
            name="Flyttad",
            period_start=dt.date(2027, 2, 15),
            period_end=dt.date(2027, 2, 28),
        )
    assert ShadowingRound.objects.get(pk=round.pk).name == "Skuggning 2027"
    response = world.client_for("coordinator").post(
        reverse("development:shadowing_round_update", args=[round.pk]),
        {"name": "Skuggning feb", "period_start": "2027-02-02", "period_end": "2027-02-27"},
    )
    assert response.status_code == 302
    assert ShadowingRound.objects.get(pk=round.pk).name == "Skuggning feb"


def test_the_request_uses_the_organisations_own_wording(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    EmailTemplate.objects.create(
        organisation=world.host,
        key="shadowing_request",
        subject="Skugga mig: {{ participant }}",
        body="Hej {{ name }}, svara här: {{ link }}",
    )
    round, matches = confirmed(world, django_capture_on_commit_callbacks)
    to_tor = next(m for m in mail.outbox if m.to == ["tor.teknik@host.example"])
    assert to_tor.subject == "Skugga mig: Pia Deltagare"
    assert to_tor.body.startswith("Hej Tor, svara här: http")
    assert world.client_for("anonymous").get(link_in(to_tor.body)).status_code == 200
    # HR finds the template among the organisation's e-mails.
    page = world.client_for("hr").get(reverse("core:email_template_list", args=[world.host.slug]))
    assert "Skuggning: förfrågan till en värdchef" in page.content.decode()
