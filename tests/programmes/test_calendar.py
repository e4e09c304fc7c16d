"""Calendar feeds (RFC 5545), their revocable addresses, and invitations when a session moves."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.urls import reverse

from plantskola.core.models import OutgoingEmail
from plantskola.programmes.calendar.selectors import token_hash
from plantskola.programmes.calendar.services import feed_regenerate
from plantskola.programmes.models import CalendarFeed, Group, Participant, Session
from tests.conftest import World

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Stockholm")


def fetch_feed(world: World, token: str) -> icalendar.Calendar:
    response = world.client_for("anonymous").get(reverse("programmes:calendar_feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events_by_uid(cal: icalendar.Calendar) -> dict[str, Any]:
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def uid(session: Session) -> str:
    return f"{session.uid}@plantskola"


def test_participant_feed_has_own_group_and_whole_edition_sessions_with_stockholm_times(
    world: World,
) -> None:
    other_group = Group.objects.create(edition=world.edition, name="Grupp 2")
    other = Session.objects.create(
        edition=world.edition,
        group=other_group,
        title="Annan grupp",
        date=dt.date(2026, 12, 4),
        start_time=dt.time(9),
        end_time=dt.time(12),
    )
    cal = fetch_feed(world, feed_regenerate(person=world.participant.person))

    assert str(cal["version"]) == "2.0"
    assert cal.walk("VTIMEZONE"), "the feed carries its time zone"
    events = events_by_uid(cal)
    assert set(events) == {uid(world.session), uid(world.whole_session)}
    assert uid(other) not in events
    event = events[uid(world.session)]
    assert event.decoded("dtstart") == dt.datetime(2026, 12, 3, 9, tzinfo=TZ)
    assert event.decoded("dtend") == dt.datetime(2026, 12, 3, 16, tzinfo=TZ)
    assert event["dtstart"].params["TZID"] == "Europe/Stockholm"
    assert int(str(event["sequence"])) == 0
    assert "dtstamp" in event
    assert str(event["summary"]) == world.session.title
    description = str(event["description"])
    assert world.programme.name in description
    assert world.module.name in description
    assert world.group.name in description
    assert str(event["url"]).endswith(f"/tillfallen/{world.session.pk}/")


def test_uids_are_distinct_and_stable(world: World) -> None:
    assert world.session.uid != world.whole_session.uid
    before = world.session.uid
    world.session.title = "Nytt namn"
    world.session.save()
    world.session.refresh_from_db()
    assert world.session.uid == before


def test_leader_feed_has_the_sessions_they_lead(world: World) -> None:
    leader_user = world.users["leader"]
    assert leader_user is not None
    leader = leader_user.person
    events = events_by_uid(fetch_feed(world, feed_regenerate(person=leader)))
    assert set(events) == {uid(world.session)}


def test_withdrawn_participant_gets_an_empty_feed(world: World) -> None:
    Participant.objects.filter(pk=world.participant.pk).update(status=Participant.Status.WITHDRAWN)
    token = feed_regenerate(person=world.participant.person)
    assert events_by_uid(fetch_feed(world, token)) == {}


def test_a_two_day_module_is_two_events_in_the_personal_feed(world: World) -> None:
    days = [
        Session.objects.create(
            edition=world.edition,
            module=world.module,
            kind=Session.Kind.STUDY_TRIP,
            title="Studieresa",
            date=day,
            start_time=start,
            end_time=end,
            place="Hotell Platanias",
            address="Platanias 730 14",
            destination="Kreta",
        )
        for day, start, end in [
            (dt.date(2027, 3, 22), dt.time(7, 30), dt.time(16, 30)),
            (dt.date(2027, 3, 23), dt.time(8, 30), dt.time(18)),
        ]
    ]
    cal = fetch_feed(world, feed_regenerate(person=world.participant.person))
    assert [str(z["tzid"]) for z in cal.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    events = events_by_uid(cal)
    first, second = events[uid(days[0])], events[uid(days[1])]
    assert first.decoded("dtstart") == dt.datetime(2027, 3, 22, 7, 30, tzinfo=TZ)
    assert first.decoded("dtend") == dt.datetime(2027, 3, 22, 16, 30, tzinfo=TZ)
    assert second.decoded("dtstart") == dt.datetime(2027, 3, 23, 8, 30, tzinfo=TZ)
    assert second.decoded("dtend") == dt.datetime(2027, 3, 23, 18, tzinfo=TZ)
    for event in (first, second):
        assert int(str(event["sequence"])) == 0
        # No event runs through the night: each is within its day.
        assert event.decoded("dtstart").date() == event.decoded("dtend").date()
        assert str(event["location"]) == "Hotell Platanias, Platanias 730 14, Kreta"


def test_unknown_token_is_404(world: World) -> None:
    response = world.client_for("anonymous").get(
        reverse("programmes:calendar_feed", args=["x" * 43])
    )
    assert response.status_code == 404


def test_new_address_revokes_the_old_one(world: World) -> None:
    old = feed_regenerate(person=world.participant.person)
    client = world.client_for("participant")
    response = client.post(reverse("programmes:my_calendar_reset"))
    assert response.status_code == 200
    content = response.content.decode()
    new = content.split("/kalender/", 1)[1].split(".ics", 1)[0]
    assert new != old and len(new) >= 32
    assert CalendarFeed.objects.get(person=world.participant.person).token_hash == token_hash(new)
    assert "gamla adressen" in content  # the page says the old address no longer works
    anonymous = world.client_for("anonymous")
    assert anonymous.get(reverse("programmes:calendar_feed", args=[old])).status_code == 404
    assert anonymous.get(reverse("programmes:calendar_feed", args=[new])).status_code == 200


def test_regenerate_service_replaces_the_token(world: World) -> None:
    first = feed_regenerate(person=world.employee)
    second = feed_regenerate(person=world.employee)
    assert second != first
    assert CalendarFeed.objects.filter(person=world.employee).count() == 1
    feed = CalendarFeed.objects.get(person=world.employee)
    assert feed.token_hash == token_hash(second)


def test_only_the_tokens_hash_is_stored(world: World) -> None:
    token = feed_regenerate(person=world.participant.person)
    row = CalendarFeed.objects.filter(person=world.participant.person).values().get()
    assert token not in {str(v) for v in row.values()}
    assert row["token_hash"] == token_hash(token) and len(row["token_hash"]) == 64


def test_person_who_left_has_no_feed(world: World) -> None:
    token = feed_regenerate(person=world.participant.person)
    world.participant.person.is_active = False
    world.participant.person.save(update_fields=["is_active"])
    response = world.client_for("anonymous").get(reverse("programmes:calendar_feed", args=[token]))
    assert response.status_code == 404


def test_my_calendar_page_shows_the_private_address_once_when_it_is_made(world: World) -> None:
    client = world.client_for("participant")
    first = client.get(reverse("programmes:my_calendar")).content.decode()
    assert "/kalender/" not in first and not CalendarFeed.objects.exists()  # GET writes nothing
    assert reverse("programmes:my_calendar_reset") in first
    response = client.post(reverse("programmes:my_calendar_reset"))
    content = response.content.decode()
    token = content.split("/kalender/", 1)[1].split(".ics", 1)[0]
    feed = CalendarFeed.objects.get(person=world.participant.person)
    assert feed.token_hash == token_hash(token)
    assert "webcal://" in content
    assert "Outlook" in content and "Google" in content and "Apple" in content
    assert response["Cache-Control"] == "private, no-store"
    # Afterwards the page says an address exists but cannot show it again.
    later = client.get(reverse("programmes:my_calendar")).content.decode()
    assert "/kalender/" not in later and token not in later
    assert f"{feed.created_at:%Y-%m-%d}" in later


def test_my_calendar_page_without_a_person_explains_why(world: World) -> None:
    response = world.client_for("outsider").get(reverse("programmes:my_calendar"))
    assert response.status_code == 200
    assert "/kalender/" not in response.content.decode()
    assert not CalendarFeed.objects.exists()


# --- moved sessions --------------------------------------------------------------------------


def session_post(session: Session, **changes: Any) -> dict[str, Any]:
    data = {
        "title": session.title,
        "kind": session.kind,
        "module": session.module_id or "",
        "group": session.group_id or "",
        "date": f"{session.date:%Y-%m-%d}",
        "start_time": f"{session.start_time:%H:%M}",
        "end_time": f"{session.end_time:%H:%M}",
        "place": session.place,
        "address": session.address,
        "destination": session.destination,
        "leaders": [p.pk for p in session.leaders.all()],
    }
    data.update(changes)
    return data


def test_moved_session_gets_higher_sequence_and_updated_invitations(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = world.client_for("coordinator")
    url = reverse("programmes:session_update", args=[world.session.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, session_post(world.session, date="2026-12-10"))
    assert response.status_code == 302
    world.session.refresh_from_db()
    assert world.session.sequence == 1
    assert world.session.date == dt.date(2026, 12, 10)

    # The group's two participants and the course leader, one message each.
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == [
        "lea.kursledare@host.example",
        "per.partner@partner.example",
        "pia.deltagare@host.example",
    ]
    message = mail.outbox[0]
    assert all(len(m.to) == 1 for m in mail.outbox)
    assert "Del av en helhet" in message.subject
    assert "2026-12-10" in message.body
    filename, content, mimetype = message.attachments[0]
    assert filename.endswith(".ics")
    assert mimetype.startswith("text/calendar")
    raw = message.message().as_string()
    assert 'Content-Type: text/calendar; method="REQUEST"' in raw or (
        "Content-Type: text/calendar; method=REQUEST" in raw
    )
    cal = icalendar.Calendar.from_ical(content)
    assert str(cal["method"]) == "REQUEST"
    event = cal.walk("VEVENT")[0]
    assert str(event["uid"]) == uid(world.session)
    assert int(str(event["sequence"])) == 1
    assert event.decoded("dtstart") == dt.datetime(2026, 12, 10, 9, tzinfo=TZ)
    assert "organizer" in event and "attendee" in event
    assert OutgoingEmail.objects.filter(template_key="session_changed").count() == 3

    # The feed shows the same event with the new SEQUENCE.
    token = feed_regenerate(person=world.participant.person)
    assert int(events_by_uid(fetch_feed(world, token))[uid(world.session)]["sequence"]) == 1


def test_changed_place_also_counts_as_a_move(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = world.client_for("coordinator")
    url = reverse("programmes:session_update", args=[world.session.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, session_post(world.session, place="Conventum", address="Fabriksgatan 1"))
    world.session.refresh_from_db()
    assert world.session.sequence == 1
    assert len(mail.outbox) == 3


def test_edit_that_does_not_move_the_session_sends_nothing(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = world.client_for("coordinator")
    url = reverse("programmes:session_update", args=[world.session.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, session_post(world.session, title="Ny titel"))
    assert response.status_code == 302
    world.session.refresh_from_db()
    assert world.session.sequence == 0
    assert mail.outbox == []


def test_new_session_sends_its_invitation_at_sequence_zero(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    # Issue 14 point 2: a new session is no longer silent (it was, when nobody was invited to
    # anything); its people get the invitation, and a later move is an update of it.
    client = world.client_for("coordinator")
    data = session_post(world.session, title="Extra tillfälle", date="2026-12-17")
    url = reverse("programmes:session_create", args=[world.edition.pk])
    preview = client.post(url, data)
    assert preview.status_code == 200
    assert not Session.objects.filter(title="Extra tillfälle").exists()
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, "invite_count": preview.context["invitations"].total})
    assert response.status_code == 302
    created = Session.objects.get(title="Extra tillfälle")
    assert created.sequence == 0
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        event = icalendar.Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
        assert str(event["uid"]) == uid(created)
        assert int(str(event["sequence"])) == 0
    assert OutgoingEmail.objects.filter(template_key="session_scheduled").count() == 3


def test_whole_edition_session_invites_every_participant_who_has_not_withdrawn(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    Participant.objects.filter(pk=world.partner_participant.pk).update(
        status=Participant.Status.WITHDRAWN
    )
    client = world.client_for("coordinator")
    url = reverse("programmes:session_update", args=[world.whole_session.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, session_post(world.whole_session, start_time="13:00"))
    assert sorted(m.to[0] for m in mail.outbox) == ["pia.deltagare@host.example"]


def test_migration_hashes_existing_tokens_so_old_addresses_keep_working(world: World) -> None:
    migration = importlib.import_module(
        "plantskola.programmes.migrations.0004_calendar_feed_token_hash"
    )
    old = "an-address-handed-out-before-tokens-were-hashed-0123456789"
    # Before the migration the column held the token itself.
    CalendarFeed.objects.create(person=world.participant.person, token_hash=old)
    migration.hash_tokens(django_apps, None)
    assert CalendarFeed.objects.get(person=world.participant.person).token_hash == token_hash(old)
    assert fetch_feed(world, old) is not None
