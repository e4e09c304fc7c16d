"""Days are days (issue 14 point 3): a module of several days is one session per day, in the
feed, the invitations, attendance and completion; the migration split the old multi-day
sessions."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from plantskola.programmes.attendance.services import attendance_record
from plantskola.programmes.completion.selectors import completion_allowed
from plantskola.programmes.invitations.services import session_cancel
from plantskola.programmes.models import Attendance, BulkJob, Module, Session
from tests.conftest import World
from tests.programmes.test_schedule import post_confirmed

TZ = ZoneInfo("Europe/Stockholm")
MIGRATION = importlib.import_module("plantskola.programmes.migrations.0007_sessions_are_days")
BEFORE = ("programmes", "0006_participant_invited_at_and_invitation_jobs")
AFTER = ("programmes", "0007_sessions_are_days")


def two_days(world: World, first: dt.date) -> list[Session]:
    module = Module.objects.create(edition=world.edition, order=2, name="Klar ledare")
    return [
        Session.objects.create(
            edition=world.edition,
            module=module,
            group=world.group,
            title="Klar ledare – Grupp 1",
            date=first + dt.timedelta(days=i),
            start_time=dt.time(8, 30),
            end_time=dt.time(16, 30) if i == 0 else dt.time(12),
        )
        for i in range(2)
    ]


# --- the split of the migration --------------------------------------------------------------


def test_a_two_day_span_splits_into_two_days_that_each_end_the_same_day() -> None:
    assert MIGRATION.day_spans(
        dt.date(2027, 2, 2), dt.date(2027, 2, 3), dt.time(13), dt.time(12)
    ) == [
        (dt.date(2027, 2, 2), dt.time(13), dt.time(16, 30)),
        (dt.date(2027, 2, 3), dt.time(8, 30), dt.time(12)),
    ]


def test_days_between_run_08_30_to_16_30_and_odd_times_stay_within_their_day() -> None:
    days = MIGRATION.day_spans(dt.date(2027, 3, 22), dt.date(2027, 3, 25), dt.time(17), dt.time(8))
    assert days == [
        (dt.date(2027, 3, 22), dt.time(17), dt.time(20)),
        (dt.date(2027, 3, 23), dt.time(8, 30), dt.time(16, 30)),
        (dt.date(2027, 3, 24), dt.time(8, 30), dt.time(16, 30)),
        (dt.date(2027, 3, 25), dt.time(7), dt.time(8)),
    ]
    assert all(start < end for _day, start, end in days)


def test_a_one_day_session_is_left_as_it_is() -> None:
    day = dt.date(2027, 1, 12)
    assert MIGRATION.day_spans(day, None, dt.time(9), dt.time(16)) == [
        (day, dt.time(9), dt.time(16))
    ]
    assert MIGRATION.day_spans(day, day, dt.time(9), dt.time(16)) == [
        (day, dt.time(9), dt.time(16))
    ]


@pytest.mark.django_db(transaction=True)
def test_the_migration_splits_a_two_day_session_and_keeps_attendance_on_the_first_day() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    try:
        old = executor.loader.project_state([BEFORE]).apps
        Organisation = old.get_model("core", "Organisation")
        Person = old.get_model("core", "Person")
        Programme = old.get_model("programmes", "Programme")
        Edition = old.get_model("programmes", "Edition")
        OldSession = old.get_model("programmes", "Session")
        Participant = old.get_model("programmes", "Participant")
        OldAttendance = old.get_model("programmes", "Attendance")
        org = Organisation.objects.create(name="Örebro kommun", slug="orebro-mig")
        leader = Person.objects.create(
            organisation=org, employee_number="L1", first_name="Lea", last_name="Ledare"
        )
        person = Person.objects.create(
            organisation=org, employee_number="D1", first_name="Dag", last_name="Deltagare"
        )
        programme = Programme.objects.create(organisation=org, name="Chefsprogrammet")
        edition = Edition.objects.create(
            programme=programme,
            name="2027",
            start_date=dt.date(2027, 1, 1),
            end_date=dt.date(2027, 6, 30),
        )
        participant = Participant.objects.create(edition=edition, person=person)
        spanning = OldSession.objects.create(
            edition=edition,
            title="Klar ledare",
            date=dt.date(2027, 2, 2),
            end_date=dt.date(2027, 2, 3),
            start_time=dt.time(8, 30),
            end_time=dt.time(12),
            place="Conventum",
            sequence=2,
        )
        spanning.leaders.add(leader)
        single = OldSession.objects.create(
            edition=edition,
            title="En dag",
            date=dt.date(2027, 3, 2),
            start_time=dt.time(9),
            end_time=dt.time(16),
        )
        OldAttendance.objects.create(session=spanning, participant=participant, status="present")
        old_uid = spanning.uid

        executor = MigrationExecutor(connection)
        executor.migrate([AFTER])
        new = executor.loader.project_state([AFTER]).apps
        NewSession = new.get_model("programmes", "Session")
        NewAttendance = new.get_model("programmes", "Attendance")
        first, second = NewSession.objects.filter(title="Klar ledare").order_by("date")
        assert first.pk == spanning.pk and first.uid == old_uid
        assert (first.date, first.start_time, first.end_time) == (
            dt.date(2027, 2, 2),
            dt.time(8, 30),
            dt.time(16, 30),
        )
        assert first.sequence == 3  # calendars that had the long event shorten it
        assert (second.date, second.start_time, second.end_time) == (
            dt.date(2027, 2, 3),
            dt.time(8, 30),
            dt.time(12),
        )
        assert second.uid != old_uid and second.sequence == 0
        assert second.place == "Conventum"
        assert list(second.leaders.values_list("pk", flat=True)) == [leader.pk]
        assert list(NewAttendance.objects.values_list("session_id", flat=True)) == [first.pk]
        untouched = NewSession.objects.get(pk=single.pk)
        assert (untouched.start_time, untouched.end_time, untouched.sequence) == (
            dt.time(9),
            dt.time(16),
            0,
        )
    finally:
        MigrationExecutor(connection).migrate(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )


# --- the rules per day -----------------------------------------------------------------------


@pytest.mark.django_db
def test_attendance_is_refused_for_the_second_day_while_the_first_has_started(
    world: World,
) -> None:
    first, second = two_days(world, dt.date(2027, 2, 2))
    during_day_one = dt.datetime(2027, 2, 2, 10, tzinfo=TZ)
    recorder = world.users["leader"]
    assert recorder is not None
    attendance_record(
        session=first,
        participant=world.participant,
        status=Attendance.Status.PRESENT,
        recorded_by=recorder,
        now=during_day_one,
    )
    with pytest.raises(ValidationError, match="2027-02-03 08:30"):
        attendance_record(
            session=second,
            participant=world.participant,
            status=Attendance.Status.PRESENT,
            recorded_by=recorder,
            now=during_day_one,
        )
    assert list(Attendance.objects.values_list("session_id", flat=True)) == [first.pk]


@pytest.mark.django_db
def test_completion_is_refused_until_the_last_day_of_the_last_module_is_over(
    world: World,
) -> None:
    Session.objects.filter(pk=world.session.pk).update(date=dt.date(2027, 1, 12))
    _first, _second = two_days(world, dt.date(2027, 5, 18))
    assert not completion_allowed(
        edition=world.edition, now=dt.datetime(2027, 5, 18, 17, tzinfo=TZ)
    )
    assert not completion_allowed(
        edition=world.edition, now=dt.datetime(2027, 5, 19, 11, tzinfo=TZ)
    )
    assert completion_allowed(edition=world.edition, now=dt.datetime(2027, 5, 19, 12, tzinfo=TZ))


# --- invitations: one event per day ----------------------------------------------------------


def check_invitation(content: str | bytes, *, method: str, attendee: str) -> icalendar.Component:
    cal = icalendar.Calendar.from_ical(content)
    assert str(cal["method"]) == method
    assert [str(z["tzid"]) for z in cal.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    [event] = cal.walk("VEVENT")
    assert str(event["organizer"]).startswith("mailto:")
    assert str(event["attendee"]) == f"mailto:{attendee}"
    assert event.decoded("dtstart").date() == event.decoded("dtend").date()
    return event


@pytest.mark.django_db
def test_scheduling_a_two_day_module_invites_each_person_once_with_one_event_per_day(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    module = Module.objects.create(edition=world.edition, order=2, name="Klar ledare")
    client = world.client_for("coordinator")
    url = reverse("programmes:module_schedule", args=[world.edition.pk])
    data = {
        "module": module.pk,
        "kind": Session.Kind.MODULE_DAY,
        "start_time": "08:30",
        "end_time": "16:30",
        "place": "Conventum",
        "address": "",
        f"date_{world.group.pk}_1": "2027-02-02",
        f"date_{world.group.pk}_2": "2027-02-03",
        f"end_{world.group.pk}_2": "12:00",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = post_confirmed(client, url, data)
    assert response.status_code == 302
    job = BulkJob.objects.get(kind=BulkJob.Kind.INVITE)
    assert job.status == BulkJob.Status.DONE
    days = list(Session.objects.filter(module=module).order_by("date"))
    assert len(days) == 2
    # The group's two participants, one message each (no leaders were chosen).
    assert sorted(m.to[0] for m in mail.outbox) == [
        "per.partner@partner.example",
        "pia.deltagare@host.example",
    ]
    for message in mail.outbox:
        assert "2027-02-02" in message.body and "2027-02-03" in message.body
        events = [
            check_invitation(content, method="REQUEST", attendee=message.to[0])
            for _name, content, _mime in message.attachments
        ]
        assert [str(e["uid"]) for e in events] == [f"{d.uid}@plantskola" for d in days]
        assert [int(str(e["sequence"])) for e in events] == [0, 0]
        assert events[1].decoded("dtend") == dt.datetime(2027, 2, 3, 12, tzinfo=TZ)


@pytest.mark.django_db
def test_cancelling_one_day_sends_cancel_for_that_day_only(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    first, second = two_days(world, dt.date(2027, 2, 2))
    with django_capture_on_commit_callbacks(execute=True):
        session_cancel(session=second, base_url="http://testserver/")
    assert mail.outbox
    for message in mail.outbox:
        [(_name, content, _mime)] = message.attachments
        event = check_invitation(content, method="CANCEL", attendee=message.to[0])
        assert str(event["uid"]) == f"{second.uid}@plantskola"
        assert int(str(event["sequence"])) == 1
    assert list(Session.objects.filter(module=first.module)) == [first]
