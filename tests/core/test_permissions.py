from __future__ import annotations

import pytest

from plantskola.access.actions import can
from plantskola.access.base import Action
from plantskola.access.core import people_for_user, units_for_user
from plantskola.access.programmes import (
    editions_for_user,
    participants_for_user,
    programmes_for_user,
    sessions_for_user,
)
from plantskola.core.models import OrganisationRole
from plantskola.programmes.models import Group, Programme, Session
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_manager_sees_the_people_of_their_own_units_only(world: World) -> None:
    people = set(people_for_user(world.user("manager")).values_list("last_name", flat=True))
    assert people == {"Chef", "Anställd", "Deltagare"}


def test_manager_sees_their_unit_subtree(world: World) -> None:
    units = set(units_for_user(world.user("manager")).values_list("code", flat=True))
    assert units == {"SOC", "SOC-1"}


def test_outsider_sees_nothing_of_the_host_organisation(world: World) -> None:
    outsider = world.user("outsider")
    assert not people_for_user(outsider).filter(organisation=world.host).exists()
    assert not programmes_for_user(outsider).exists()
    assert not editions_for_user(outsider).exists()
    assert not sessions_for_user(outsider).exists()
    assert not can(outsider, Action.VIEW, world.edition)


def test_partner_staff_see_the_joint_edition_but_only_their_own_participants(world: World) -> None:
    partner = world.user("partner")
    assert can(partner, Action.VIEW, world.edition)
    assert not can(partner, Action.CHANGE, world.edition)
    assert not can(partner, Action.VIEW_PARTICIPANTS, world.edition)
    listed = list(participants_for_user(partner, world.edition))
    assert listed == [world.partner_participant]
    assert not people_for_user(partner).filter(organisation=world.host).exists()


def test_partner_staff_do_not_see_the_hosts_other_programmes(world: World) -> None:
    other = Programme.objects.create(organisation=world.host, name="Internt program")
    assert not can(world.user("partner"), Action.VIEW, other)
    assert other not in programmes_for_user(world.user("partner"))


def test_participant_sees_own_group_sessions_and_whole_edition_sessions(world: World) -> None:
    sessions = set(sessions_for_user(world.user("participant")))
    assert sessions == {world.session, world.whole_session}


def test_participant_does_not_see_other_groups_sessions(world: World) -> None:
    other_group = Group.objects.create(edition=world.edition, name="Grupp 2")
    other = Session.objects.create(
        edition=world.edition,
        group=other_group,
        title="Grupp 2 dag 1",
        date=world.session.date,
        start_time=world.session.start_time,
        end_time=world.session.end_time,
    )
    assert other not in sessions_for_user(world.user("participant"))


def test_course_leader_takes_attendance_but_cannot_change_the_edition(world: World) -> None:
    leader = world.user("leader")
    assert can(leader, Action.TAKE_ATTENDANCE, world.session)
    assert not can(leader, Action.CHANGE, world.edition)
    assert can(leader, Action.VIEW_PARTICIPANTS, world.edition)


def test_steering_group_member_reads_but_does_not_change(world: World) -> None:
    steering = world.user("steering")
    assert can(steering, Action.VIEW, world.programme)
    assert can(steering, Action.VIEW_PARTICIPANTS, world.edition)
    assert not can(steering, Action.CHANGE, world.programme)
    assert not can(steering, Action.TAKE_ATTENDANCE, world.session)


def test_coordinator_role_in_one_organisation_gives_nothing_in_another(world: World) -> None:
    OrganisationRole.objects.create(
        user=world.user("outsider"), organisation=world.other, role="coordinator"
    )
    assert not can(world.user("outsider"), Action.CHANGE, world.edition)


def test_deactivated_user_has_no_access(world: World) -> None:
    user = world.user("hr")
    user.is_active = False
    user.save(update_fields=["is_active"])
    user.refresh_from_db()
    assert not can(user, Action.VIEW, world.edition)
    assert not people_for_user(user).exists()
