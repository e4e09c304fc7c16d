from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from plantskola.core.models import Person
from plantskola.programmes.attendance.services import attendance_record
from plantskola.programmes.models import Attendance, Group, Participant
from plantskola.programmes.services import participant_add
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_participant_from_a_partner_organisation_can_be_added(world: World) -> None:
    person = Person.objects.create(
        organisation=world.partner, employee_number="P200", first_name="Ny", last_name="Partner"
    )
    participant = participant_add(edition=world.edition, person=person, group=world.group)
    assert participant.group == world.group


def test_person_from_an_unrelated_organisation_cannot_be_added(world: World) -> None:
    person = Person.objects.get(organisation=world.other)
    with pytest.raises(ValidationError):
        participant_add(edition=world.edition, person=person)
    assert not Participant.objects.filter(person=person).exists()


def test_the_same_person_cannot_be_added_twice(world: World) -> None:
    with pytest.raises(ValidationError):
        participant_add(edition=world.edition, person=world.participant.person)


def test_person_who_has_left_cannot_be_added(world: World) -> None:
    world.employee.is_active = False
    world.employee.save(update_fields=["is_active"])
    with pytest.raises(ValidationError):
        participant_add(edition=world.edition, person=world.employee)


def test_attendance_is_recorded_once_and_can_be_corrected(world: World) -> None:
    user = world.users["leader"]
    assert user is not None
    attendance_record(
        session=world.session, participant=world.participant, status="absent", recorded_by=user
    )
    attendance_record(
        session=world.session, participant=world.participant, status="present", recorded_by=user
    )
    rows = Attendance.objects.filter(session=world.session, participant=world.participant)
    assert [r.status for r in rows] == ["present"]


def test_attendance_for_someone_outside_the_sessions_group_is_refused(world: World) -> None:
    other_group = Group.objects.create(edition=world.edition, name="Grupp 2")
    world.participant.group = other_group
    world.participant.save(update_fields=["group"])
    leader = world.users["leader"]
    assert leader is not None
    with pytest.raises(ValidationError):
        attendance_record(
            session=world.session,
            participant=world.participant,
            status="present",
            recorded_by=leader,
        )
    assert not Attendance.objects.exists()
