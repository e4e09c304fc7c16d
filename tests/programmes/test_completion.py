"""Completion by attendance: the edition's requirement decides who completed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plantskola.programmes.completion.selectors import CompletionRow, completion_rows
from plantskola.programmes.completion.services import completion_mark
from plantskola.programmes.models import Attendance, Group, Participant, Session
from tests.conftest import World
from tests.programmes.test_query_counts import add_participants

pytestmark = pytest.mark.django_db
AFTER = dt.date(2027, 7, 1)  # both of the world's sessions have taken place by then


def present(participant: Participant, *sessions: Session, status: str = "present") -> None:
    for session in sessions:
        Attendance.objects.create(session=session, participant=participant, status=status)


def rows_by_name(world: World, today: dt.date = AFTER) -> dict[str, CompletionRow]:
    rows = completion_rows(
        edition=world.edition,
        participants=Participant.objects.filter(edition=world.edition),
        today=today,
    )
    return {r.participant.person.full_name: r for r in rows}


def test_expected_attended_and_percentage_per_participant(world: World) -> None:
    present(world.participant, world.session, world.whole_session)
    present(world.partner_participant, world.session)
    present(world.partner_participant, world.whole_session, status="excused")
    rows = rows_by_name(world)
    pia, per = rows["Pia Deltagare"], rows["Per Partner"]
    assert (pia.expected, pia.attended, pia.percent, pia.meets) == (2, 2, 100, True)
    assert (per.expected, per.attended, per.percent, per.meets) == (2, 1, 50, False)


def test_only_own_group_and_whole_edition_sessions_are_expected(world: World) -> None:
    group2 = Group.objects.create(edition=world.edition, name="Grupp 2")
    Session.objects.create(
        edition=world.edition,
        group=group2,
        title="Grupp 2:s dag",
        date=dt.date(2026, 12, 4),
        start_time=dt.time(9),
        end_time=dt.time(16),
    )
    erik = Participant.objects.create(
        edition=world.edition, person=world.employee, group=group2, status="active"
    )
    present(erik, world.whole_session)
    rows = rows_by_name(world)
    assert rows["Erik Anställd"].expected == 2
    assert rows["Erik Anställd"].attended == 1
    assert rows["Pia Deltagare"].expected == 2


def test_sessions_not_yet_held_do_not_count(world: World) -> None:
    present(world.participant, world.session)
    rows = rows_by_name(world, today=dt.date(2027, 1, 1))
    assert rows["Pia Deltagare"].expected == 1
    assert rows["Pia Deltagare"].meets
    rows = rows_by_name(world, today=dt.date(2026, 11, 1))
    assert rows["Pia Deltagare"].expected == 0
    assert rows["Pia Deltagare"].percent is None
    assert not rows["Pia Deltagare"].meets


def test_requirement_is_the_editions_own(world: World) -> None:
    present(world.partner_participant, world.session)
    world.edition.min_attendance_percent = 50
    world.edition.save(update_fields=["min_attendance_percent"])
    assert rows_by_name(world)["Per Partner"].meets


def test_withdrawn_participants_are_left_out(world: World) -> None:
    Participant.objects.filter(pk=world.partner_participant.pk).update(status="withdrawn")
    assert set(rows_by_name(world)) == {"Pia Deltagare"}


def test_mark_completes_those_who_meet_the_requirement_only(world: World) -> None:
    present(world.participant, world.session, world.whole_session)
    present(world.partner_participant, world.session)
    marked = completion_mark(edition=world.edition, today=AFTER)
    assert [p.pk for p in marked] == [world.participant.pk]
    world.participant.refresh_from_db()
    world.partner_participant.refresh_from_db()
    assert world.participant.status == Participant.Status.COMPLETED
    assert world.partner_participant.status == Participant.Status.ACTIVE
    assert completion_mark(edition=world.edition, today=AFTER) == []


def test_mark_leaves_withdrawn_participants_withdrawn(world: World) -> None:
    present(world.participant, world.session, world.whole_session)
    Participant.objects.filter(pk=world.participant.pk).update(status="withdrawn")
    assert completion_mark(edition=world.edition, today=AFTER) == []
    world.participant.refresh_from_db()
    assert world.participant.status == Participant.Status.WITHDRAWN


# --- pages -----------------------------------------------------------------------------------


def sessions_in_the_past(world: World) -> None:
    today = timezone.localdate()
    Session.objects.filter(pk=world.session.pk).update(date=today - dt.timedelta(days=20))
    Session.objects.filter(pk=world.whole_session.pk).update(date=today - dt.timedelta(days=10))


def test_coordinator_sees_the_table_and_marks_completion(world: World) -> None:
    sessions_in_the_past(world)
    present(world.participant, world.session, world.whole_session)
    client = world.client_for("coordinator")
    url = reverse("programmes:edition_completion", args=[world.edition.pk])
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Pia Deltagare" in content and "Per Partner" in content
    assert reverse("programmes:edition_completion_mark", args=[world.edition.pk]) in content

    response = client.post(reverse("programmes:edition_completion_mark", args=[world.edition.pk]))
    assert response.status_code == 302
    world.participant.refresh_from_db()
    assert world.participant.status == Participant.Status.COMPLETED
    world.partner_participant.refresh_from_db()
    assert world.partner_participant.status == Participant.Status.ACTIVE


def test_course_leader_and_steering_group_read_only(world: World) -> None:
    url = reverse("programmes:edition_completion", args=[world.edition.pk])
    mark = reverse("programmes:edition_completion_mark", args=[world.edition.pk])
    for role in ("leader", "steering"):
        response = world.client_for(role).get(url)
        assert response.status_code == 200
        assert mark not in response.content.decode()
        assert world.client_for(role).post(mark).status_code == 403
    world.participant.refresh_from_db()
    assert world.participant.status == Participant.Status.ACTIVE


def test_partner_staff_see_only_their_own_people(world: World) -> None:
    response = world.client_for("partner").get(
        reverse("programmes:edition_completion", args=[world.edition.pk])
    )
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [r.participant.pk for r in rows] == [world.partner_participant.pk]


def completion_queries(world: World) -> int:
    client = world.client_for("coordinator")
    url = reverse("programmes:edition_completion", args=[world.edition.pk])
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_completion_page_query_count_does_not_grow_with_participants(world: World) -> None:
    sessions_in_the_past(world)

    def grow(n: int) -> None:
        add_participants(world, n)
        Attendance.objects.bulk_create(
            Attendance(session=world.session, participant=p, status="present")
            for p in Participant.objects.filter(edition=world.edition, attendance__isnull=True)
        )

    grow(10)
    small = completion_queries(world)
    grow(990)
    large = completion_queries(world)
    assert small == large, f"{small} queries with 10 participants, {large} with 1,000"
