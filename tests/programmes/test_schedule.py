"""Warnings before saving a session (holidays, double bookings), and one module scheduled for
every group of an edition in one form."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from plantskola.programmes.models import Edition, Group, Module, Participant, Programme, Session
from plantskola.programmes.schedule.selectors import (
    Planned,
    double_booking_warnings,
    holiday_warnings,
    session_warnings,
)
from plantskola.programmes.schedule.services import GroupDays, ScheduledDay, planned_for_groups
from tests.conftest import World
from tests.programmes.test_calendar import session_post

pytestmark = pytest.mark.django_db


# --- holidays --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (dt.date(2026, 12, 25), "Juldagen"),
        (dt.date(2026, 6, 19), "Midsommarafton"),
        (dt.date(2026, 12, 24), "Julafton"),
        (dt.date(2027, 1, 6), "Trettondedag jul"),
        (dt.date(2027, 3, 28), "Påskdagen"),
    ],
)
def test_swedish_holidays_are_warned_about(day: dt.date, name: str) -> None:
    with translation.override("sv"):
        warnings = holiday_warnings(first=day)
    assert len(warnings) == 1
    assert name in warnings[0] and f"{day:%Y-%m-%d}" in warnings[0]


def test_a_plain_sunday_or_working_day_is_no_holiday() -> None:
    assert holiday_warnings(first=dt.date(2026, 12, 6)) == []  # second Advent Sunday
    assert holiday_warnings(first=dt.date(2026, 12, 3)) == []


def test_every_day_of_a_multi_day_session_is_checked() -> None:
    with translation.override("sv"):
        warnings = holiday_warnings(first=dt.date(2026, 12, 22), last=dt.date(2026, 12, 27))
    assert [w.split(" ")[0] for w in warnings] == ["2026-12-24", "2026-12-25", "2026-12-26"]


# --- double bookings -------------------------------------------------------------------------


def other_edition_session(world: World, **times: Any) -> Session:
    programme = Programme.objects.create(organisation=world.host, name="Ledarcaféer")
    edition = Edition.objects.create(
        programme=programme,
        name="Hösten 2026",
        start_date=dt.date(2026, 9, 1),
        end_date=dt.date(2026, 12, 31),
    )
    Participant.objects.create(edition=edition, person=world.participant.person, status="active")
    fields: dict[str, Any] = {
        "date": dt.date(2026, 12, 3),
        "start_time": dt.time(10),
        "end_time": dt.time(12),
        **times,
    }
    return Session.objects.create(
        edition=edition, title="Ledarcafé: tillit", kind=Session.Kind.CAFE, **fields
    )


def test_participant_booked_in_another_editions_overlapping_session_is_warned_about(
    world: World,
) -> None:
    other_edition_session(world)
    warnings = double_booking_warnings(planned=[Planned(session=world.session, leader_ids=set())])
    assert len(warnings) == 1
    assert "Pia Deltagare" in warnings[0]
    assert "Per Partner" not in warnings[0]
    assert "Ledarcafé: tillit" in warnings[0] and "Hösten 2026" in warnings[0]


def test_sessions_that_only_touch_do_not_double_book(world: World) -> None:
    other_edition_session(world, start_time=dt.time(16), end_time=dt.time(17))
    planned = [Planned(session=world.session, leader_ids=set())]
    assert double_booking_warnings(planned=planned) == []


def test_withdrawn_participant_is_not_double_booked(world: World) -> None:
    other = other_edition_session(world)
    Participant.objects.filter(edition=other.edition).update(status="withdrawn")
    planned = [Planned(session=world.session, leader_ids=set())]
    assert double_booking_warnings(planned=planned) == []


def test_course_leader_double_booked_is_warned_about(world: World) -> None:
    leader_user = world.users["leader"]
    assert leader_user is not None
    leader = leader_user.person
    planned = Session(
        edition=world.edition,
        group=Group.objects.create(edition=world.edition, name="Grupp 2"),
        title="Grupp 2 samtidigt",
        date=dt.date(2026, 12, 3),
        start_time=dt.time(13),
        end_time=dt.time(15),
    )
    warnings = double_booking_warnings(planned=[Planned(session=planned, leader_ids={leader.pk})])
    assert len(warnings) == 1
    assert "Lea Kursledare" in warnings[0] and world.session.title in warnings[0]


def test_a_session_does_not_double_book_itself(world: World) -> None:
    leader_ids = {p.pk for p in world.session.leaders.all()}
    planned = [Planned(session=world.session, leader_ids=leader_ids)]
    assert session_warnings(planned=planned) == []


# --- the session form's warnings step ----------------------------------------------------------


def post_confirmed(client: Client, url: str, data: dict[str, Any]) -> Any:
    """Post, and when the page asks to confirm how many get the invitation, confirm that."""
    response = client.post(url, data)
    invitations = response.context["invitations"] if response.status_code == 200 else None
    if invitations is None:
        return response
    return client.post(url, {**data, "invite_count": invitations.total})


def test_warning_round_saves_nothing_and_save_anyway_saves(world: World) -> None:
    client = world.client_for("coordinator")
    url = reverse("programmes:session_create", args=[world.edition.pk])
    data = session_post(world.session, title="Julmodul", date="2026-12-25", leaders=[])
    before = Session.objects.count()

    response = client.post(url, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Juldagen" in content
    assert 'name="save_anyway"' in content
    assert Session.objects.count() == before

    token = response.context["warnings_token"]
    response = client.post(url, {**data, "save_anyway": "not-what-was-shown"})
    assert response.status_code == 200
    assert Session.objects.count() == before

    response = post_confirmed(client, url, {**data, "save_anyway": token})
    assert response.status_code == 302
    assert Session.objects.filter(title="Julmodul", date=dt.date(2026, 12, 25)).exists()


def test_update_into_a_double_booking_warns_and_keeps_the_old_date(world: World) -> None:
    other_edition_session(world, date=dt.date(2026, 12, 9))
    client = world.client_for("coordinator")
    url = reverse("programmes:session_update", args=[world.session.pk])
    response = client.post(url, session_post(world.session, date="2026-12-09"))
    assert response.status_code == 200
    assert "Pia Deltagare" in response.content.decode()
    world.session.refresh_from_db()
    assert world.session.date == dt.date(2026, 12, 3)
    assert world.session.sequence == 0


def test_session_without_warnings_saves_at_once(world: World) -> None:
    client = world.client_for("coordinator")
    url = reverse("programmes:session_create", args=[world.edition.pk])
    data = session_post(world.session, title="Vanlig dag", date="2027-01-20", leaders=[])
    assert post_confirmed(client, url, data).status_code == 302
    assert Session.objects.filter(title="Vanlig dag").exists()


# --- one module for every group --------------------------------------------------------------


@pytest.fixture
def three_groups(world: World) -> list[Group]:
    Group.objects.create(edition=world.edition, name="Grupp 2", order=2)
    Group.objects.create(edition=world.edition, name="Grupp 3", order=3)
    return list(Group.objects.filter(edition=world.edition))


def schedule_data(
    world: World, groups: list[Group], dates: list[str], **extra: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "module": world.module.pk,
        "kind": Session.Kind.MODULE_DAY,
        "start_time": "09:00",
        "end_time": "16:00",
        "place": "Conventum",
        "address": "Fabriksgatan 1, Örebro",
    }
    for group, day in zip(groups, dates, strict=True):
        data[f"date_{group.pk}_1"] = day
    data.update(extra)
    return data


def test_module_is_scheduled_for_every_group_in_one_go(
    world: World, three_groups: list[Group]
) -> None:
    client = world.client_for("coordinator")
    url = reverse("programmes:module_schedule", args=[world.edition.pk])
    assert client.get(url).status_code == 200
    data = schedule_data(world, three_groups, ["2027-01-12", "2027-01-13", "2027-01-14"])
    response = post_confirmed(client, url, data)
    assert response.status_code == 302
    created = Session.objects.filter(module=world.module, date__year=2027).order_by("date")
    assert [s.title for s in created] == [
        "Del av en helhet – Grupp 1",
        "Del av en helhet – Grupp 2",
        "Del av en helhet – Grupp 3",
    ]
    assert [s.group for s in created] == three_groups
    assert {(s.start_time, s.end_time, s.place) for s in created} == {
        (dt.time(9), dt.time(16), "Conventum")
    }
    assert len({s.uid for s in created}) == 3


def test_missing_date_for_a_group_saves_nothing(world: World, three_groups: list[Group]) -> None:
    client = world.client_for("coordinator")
    url = reverse("programmes:module_schedule", args=[world.edition.pk])
    before = Session.objects.count()
    response = client.post(
        url, schedule_data(world, three_groups, ["2027-01-12", "", "2027-01-14"])
    )
    assert response.status_code == 400
    assert "Grupp 2" in response.content.decode()
    assert Session.objects.count() == before


def test_end_before_start_saves_nothing(world: World, three_groups: list[Group]) -> None:
    client = world.client_for("coordinator")
    url = reverse("programmes:module_schedule", args=[world.edition.pk])
    before = Session.objects.count()
    data = schedule_data(
        world, three_groups, ["2027-01-12", "2027-01-13", "2027-01-14"], end_time="08:00"
    )
    response = client.post(url, data)
    assert response.status_code == 400
    assert Session.objects.count() == before


def test_two_days_on_the_same_date_save_nothing(world: World, three_groups: list[Group]) -> None:
    client = world.client_for("coordinator")
    url = reverse("programmes:module_schedule", args=[world.edition.pk])
    before = Session.objects.count()
    data = schedule_data(world, three_groups, ["2027-01-12", "2027-01-13", "2027-01-14"])
    data[f"date_{three_groups[1].pk}_2"] = "2027-01-13"
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Grupp 2: två dagar" in response.content.decode()
    assert Session.objects.count() == before


def test_a_day_row_with_times_but_no_date_saves_nothing(
    world: World, three_groups: list[Group]
) -> None:
    client = world.client_for("coordinator")
    url = reverse("programmes:module_schedule", args=[world.edition.pk])
    before = Session.objects.count()
    data = schedule_data(world, three_groups, ["2027-01-12", "2027-01-13", "2027-01-14"])
    data[f"start_{three_groups[0].pk}_2"] = "08:30"
    assert client.post(url, data).status_code == 400
    assert Session.objects.count() == before


def test_schedule_warnings_round_then_save_anyway(world: World, three_groups: list[Group]) -> None:
    client = world.client_for("coordinator")
    url = reverse("programmes:module_schedule", args=[world.edition.pk])
    leader_user = world.users["leader"]
    assert leader_user is not None
    leader = leader_user.person
    before = Session.objects.count()
    # Epiphany for group 1; the same course leader for groups 2 and 3 on the same day.
    data = schedule_data(
        world, three_groups, ["2027-01-06", "2027-01-13", "2027-01-13"], leaders=[leader.pk]
    )
    response = client.post(url, data)
    assert response.status_code == 200
    warnings = response.context["warnings"]
    assert any("2027-01-06" in w for w in warnings)
    assert any("Lea Kursledare" in w for w in warnings)
    assert Session.objects.count() == before

    response = post_confirmed(
        client, url, {**data, "save_anyway": response.context["warnings_token"]}
    )
    assert response.status_code == 302
    assert Session.objects.count() == before + 3
    created = Session.objects.filter(module=world.module, date__year=2027)
    assert all(list(s.leaders.all()) == [leader] for s in created)


def test_a_module_of_two_days_is_two_sessions_per_group_each_with_its_times(
    world: World, three_groups: list[Group]
) -> None:
    client = world.client_for("coordinator")
    url = reverse("programmes:module_schedule", args=[world.edition.pk])
    module = Module.objects.create(edition=world.edition, name="Modul 2", order=2, length_days=2)
    data = schedule_data(
        world,
        three_groups,
        ["2027-02-02", "2027-02-09", "2027-02-16"],
        module=module.pk,
        kind=Session.Kind.CONFERENCE,
        start_time="08:30",
        end_time="16:30",
    )
    for group in three_groups:
        first = dt.date.fromisoformat(data[f"date_{group.pk}_1"])
        data[f"date_{group.pk}_2"] = f"{first + dt.timedelta(days=1):%Y-%m-%d}"
        data[f"end_{group.pk}_2"] = "12:00"
        data[f"place_{group.pk}_2"] = "Rum 2"
    assert post_confirmed(client, url, data).status_code == 302
    sessions = list(Session.objects.filter(kind=Session.Kind.CONFERENCE).order_by("date"))
    assert len(sessions) == 6
    for group in three_groups:
        day_one, day_two = [s for s in sessions if s.group_id == group.pk]
        assert day_two.date == day_one.date + dt.timedelta(days=1)
        assert (day_one.start_time, day_one.end_time, day_one.place) == (
            dt.time(8, 30),
            dt.time(16, 30),
            "Conventum",
        )
        assert (day_two.start_time, day_two.end_time, day_two.place) == (
            dt.time(8, 30),
            dt.time(12),
            "Rum 2",
        )
        assert day_one.uid != day_two.uid
    page = client.get(reverse("programmes:edition_detail", args=[world.edition.pk]))
    text = page.content.decode()
    assert text.count("Modul 2, dag 1 av 2") == 3
    assert text.count("Modul 2, dag 2 av 2") == 3
    detail = client.get(reverse("programmes:session_detail", args=[sessions[0].pk]))
    assert reverse("programmes:session_detail", args=[sessions[1].pk]) in detail.content.decode()


def test_service_refuses_a_group_of_another_edition_whole(world: World) -> None:
    other_programme = Programme.objects.create(organisation=world.host, name="Annat")
    other_edition = Edition.objects.create(
        programme=other_programme,
        name="X",
        start_date=dt.date(2027, 1, 1),
        end_date=dt.date(2027, 2, 1),
    )
    stranger = Group.objects.create(edition=other_edition, name="Främmande")
    before = Session.objects.count()
    with pytest.raises(ValidationError):
        planned_for_groups(
            edition=world.edition,
            module=world.module,
            kind=Session.Kind.MODULE_DAY,
            start_time=dt.time(9),
            end_time=dt.time(12),
            place="",
            address="",
            groups=[
                GroupDays(group=world.group, days=[ScheduledDay(date=dt.date(2027, 1, 12))]),
                GroupDays(group=stranger, days=[ScheduledDay(date=dt.date(2027, 1, 13))]),
            ],
        )
    assert Session.objects.count() == before


def test_edition_without_groups_explains_itself(world: World) -> None:
    Group.objects.filter(edition=world.edition).delete()
    response = world.client_for("coordinator").get(
        reverse("programmes:module_schedule", args=[world.edition.pk])
    )
    assert response.status_code == 200
    assert reverse("programmes:group_create", args=[world.edition.pk]) in response.content.decode()


def test_another_organisations_session_is_not_named_to_the_coordinator(world: World) -> None:
    programme = Programme.objects.create(organisation=world.partner, name="Grannens eget program")
    edition = Edition.objects.create(
        programme=programme,
        name="Hemlig omgång",
        start_date=dt.date(2026, 9, 1),
        end_date=dt.date(2026, 12, 31),
    )
    Participant.objects.create(edition=edition, person=world.partner_participant.person)
    Session.objects.create(
        edition=edition,
        title="Grannens hemliga möte",
        date=dt.date(2026, 12, 3),
        start_time=dt.time(13),
        end_time=dt.time(14),
    )
    response = world.client_for("coordinator").post(
        reverse("programmes:session_update", args=[world.session.pk]),
        session_post(world.session, place="Nytt rum"),
    )
    assert response.status_code == 200
    [warning] = response.context["warnings"]
    assert "Per Partner" in warning
    assert "Grannens hemliga möte" not in warning and "Hemlig omgång" not in warning
    # The partner's own staff see their session named.
    warnings = double_booking_warnings(
        planned=[Planned(session=world.session)], user=world.users["partner"]
    )
    assert "Grannens hemliga möte" in warnings[0]
