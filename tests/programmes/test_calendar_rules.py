"""Rules that follow the calendar: attendance only for sessions that have started, completion
only after the edition's last session (or a logged exception with a reason)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from plantskola.core.models import AuditEntry
from plantskola.programmes.attendance.services import attendance_record, session_has_started
from plantskola.programmes.completion.selectors import completion_allowed
from plantskola.programmes.completion.services import (
    completion_exception_allow,
    completion_mark,
)
from plantskola.programmes.forms import ParticipantForm
from plantskola.programmes.models import Attendance, Participant, Session
from tests.conftest import World

pytestmark = pytest.mark.django_db
TZ = timezone.get_current_timezone()


def future_session(world: World) -> Session:
    return Session.objects.create(
        edition=world.edition,
        module=world.module,
        title="Del av en helhet, dag 2",
        date=dt.date(2099, 3, 1),
        start_time=dt.time(9),
        end_time=dt.time(16),
    )


def mark_present(world: World, *sessions: Session) -> None:
    for session in sessions:
        Attendance.objects.create(session=session, participant=world.participant, status="present")


def test_attendance_is_refused_for_a_session_that_has_not_started(world: World) -> None:
    session = future_session(world)
    with pytest.raises(ValidationError, match="har börjat"):
        attendance_record(
            session=session,
            participant=world.participant,
            status="present",
            recorded_by=world.users["leader"],  # type: ignore[arg-type]
        )
    assert not Attendance.objects.exists()


def test_attendance_opens_at_the_session_start_time(world: World) -> None:
    session = world.session  # 2026-12-03 09:00
    before = dt.datetime(2026, 12, 3, 8, 59, tzinfo=TZ)
    at = dt.datetime(2026, 12, 3, 9, 0, tzinfo=TZ)
    assert not session_has_started(session, before)
    assert session_has_started(session, at)
    attendance_record(
        session=session,
        participant=world.participant,
        status="present",
        recorded_by=world.users["leader"],  # type: ignore[arg-type]
        now=at,
    )
    assert Attendance.objects.count() == 1


def test_the_attendance_page_of_a_future_session_offers_no_buttons(world: World) -> None:
    session = future_session(world)
    client = world.client_for("coordinator")
    page = client.get(reverse("programmes:session_attendance", args=[session.pk]))
    assert page.status_code == 200
    assert "aria-pressed" not in page.content.decode()
    response = client.post(
        reverse("programmes:session_attendance", args=[session.pk]),
        {"participant": world.participant.pk, "status": "present"},
    )
    assert response.status_code == 400
    bulk = client.post(reverse("programmes:attendance_bulk", args=[session.pk]), {"confirm": "1"})
    assert bulk.status_code == 302
    assert not Attendance.objects.exists()


def test_completion_is_refused_before_the_last_session(world: World) -> None:
    session = future_session(world)
    mark_present(world, world.session)
    assert not completion_allowed(edition=world.edition)
    with pytest.raises(ValidationError, match="sista tillfälle"):
        completion_mark(edition=world.edition)
    client = world.client_for("coordinator")
    response = client.post(
        reverse("programmes:edition_completion_mark", args=[world.edition.pk]), follow=True
    )
    assert "sista tillfälle" in response.content.decode()
    world.participant.refresh_from_db()
    assert world.participant.status == "active"
    end = dt.datetime.combine(session.date, session.end_time, tzinfo=TZ)
    assert completion_allowed(edition=world.edition, now=end)
    assert not completion_allowed(edition=world.edition, now=end - dt.timedelta(minutes=1))


def test_the_ceremony_is_not_what_completion_waits_for(world: World) -> None:
    # The world's ceremony (Avslutning, 2027-06-10) is ahead; its teaching session is over.
    assert world.whole_session.kind == Session.Kind.CEREMONY
    assert completion_allowed(edition=world.edition, now=dt.datetime(2027, 1, 1, tzinfo=TZ))


def test_an_edition_without_sessions_cannot_be_completed(world: World) -> None:
    Session.objects.filter(edition=world.edition).delete()
    with pytest.raises(ValidationError, match="inga tillfällen"):
        completion_mark(edition=world.edition)


def test_an_exception_needs_a_reason_and_is_logged(world: World) -> None:
    future_session(world)
    with pytest.raises(ValidationError):
        completion_exception_allow(edition=world.edition, reason="  ", user=None)
    assert not completion_allowed(edition=world.edition)
    coordinator = world.users["coordinator"]
    client = world.client_for("coordinator")
    client.post(
        reverse("programmes:edition_completion_exception", args=[world.edition.pk]),
        {"reason": "Deltagarna slutar före vårens sista dag"},
    )
    world.edition.refresh_from_db()
    assert world.edition.early_completion_reason == "Deltagarna slutar före vårens sista dag"
    assert world.edition.early_completion_by == coordinator
    assert AuditEntry.objects.filter(
        object_type="programmes.edition",
        object_id=str(world.edition.pk),
        fields=["early_completion_reason"],
    ).exists()
    mark_present(world, world.session)
    assert [p.pk for p in completion_mark(edition=world.edition)] == [world.participant.pk]


def test_the_participant_form_cannot_complete_before_the_last_session(world: World) -> None:
    future_session(world)
    form = ParticipantForm({"status": "completed", "group": ""}, instance=world.participant)
    assert not form.is_valid()
    assert "status" in form.errors
    ok = ParticipantForm({"status": "withdrawn", "group": ""}, instance=world.participant)
    assert ok.is_valid()


def test_a_completion_already_made_stays_when_a_session_is_added(world: World) -> None:
    Participant.objects.filter(pk=world.participant.pk).update(status="completed")
    world.participant.refresh_from_db()
    future_session(world)
    form = ParticipantForm({"status": "completed", "group": ""}, instance=world.participant)
    assert form.is_valid()
