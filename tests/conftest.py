"""Shared fixtures: a small world with one user per role (style.md: owner, colleague, outsider).

Örebro-like host organisation `host` runs programme `programme`, edition `edition`, with a
partner organisation (`partner`, as in Växthuset) and an unrelated organisation (`other`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from plantskola.core.models import Organisation, OrganisationRole, Person, RosterImport, User
from plantskola.core.services import unit_create
from plantskola.core.twofactor import TWO_FACTOR_SESSION_KEY, VERIFIED
from plantskola.programmes.models import (
    Edition,
    Group,
    Module,
    Participant,
    Programme,
    ProgrammeRole,
    Session,
)

PASSWORD = "correct-horse-battery-staple"
ROLES = [
    "anonymous",
    "admin",
    "hr",
    "coordinator",
    "leader",
    "steering",
    "participant",
    "manager",
    "partner",
    "outsider",
]


@dataclass
class World:
    host: Organisation
    partner: Organisation
    other: Organisation
    programme: Programme
    edition: Edition
    module: Module
    group: Group
    session: Session
    whole_session: Session
    participant: Participant
    partner_participant: Participant
    employee: Person
    manager_person: Person
    users: dict[str, User | None]
    roster_import: RosterImport
    other_unit_id: int
    unit_id: int

    def user(self, role: str) -> User:
        """The user of a role that logs in (every role but "anonymous")."""
        user = self.users[role]
        if user is None:
            raise KeyError(f"the {role} role has no user")
        return user

    def client_for(self, role: str) -> Client:
        client = Client()
        user = self.users[role]
        if user is not None:
            client.force_login(user)
            mark_two_factor_verified(client)
        return client


def mark_two_factor_verified(client: Client) -> None:
    """Mark a logged-in test client's session as having given the second factor.

    In production, HR administrators, coordinators and superusers who log in with a password
    reach nothing but the two-factor pages until they give a code (plantskola.core.twofactor).
    The test clients of the ten roles stand for users who have done so; the rule itself is
    proved with fresh logins and real TOTP codes in tests/core/test_two_factor.py. This only
    writes the session the test client already holds – production code is unchanged.
    """
    session = client.session
    if session.get(TWO_FACTOR_SESSION_KEY) == "pending":
        session[TWO_FACTOR_SESSION_KEY] = VERIFIED
        session.save()


def _person(org: Organisation, number: str, first: str, last: str, **extra: object) -> Person:
    return Person.objects.create(
        organisation=org,
        employee_number=number,
        first_name=first,
        last_name=last,
        email=f"{first.lower()}.{last.lower()}@{org.slug}.example",
        **extra,
    )


def _user(
    username: str,
    person: Person | None = None,
    *,
    is_superuser: bool = False,
    is_staff: bool = False,
) -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, is_superuser=is_superuser, is_staff=is_staff
    )
    if person is not None:
        person.user = user
        person.save(update_fields=["user"])
    return user


def build_world() -> World:
    host = Organisation.objects.create(name="Värdkommun", slug="host")
    partner = Organisation.objects.create(
        name="Grannkommun", slug="partner", kind=Organisation.Kind.NEIGHBOURING_MUNICIPALITY
    )
    other = Organisation.objects.create(name="Annan kommun", slug="other")

    admin_unit = unit_create(
        organisation=host, code="SOC", name="Socialförvaltningen", kind="administration"
    )
    unit = unit_create(organisation=host, code="SOC-1", name="Hemtjänst Norr", parent=admin_unit)
    hr_unit = unit_create(organisation=host, code="KLF", name="HR-avdelningen", kind="department")
    partner_unit = unit_create(organisation=partner, code="P1", name="Partnerenheten")
    other_unit = unit_create(organisation=other, code="O1", name="Annan enhet")

    manager_person = _person(
        host, "H100", "Maria", "Chef", unit=admin_unit, is_manager=True, title="Förvaltningschef"
    )
    employee = _person(
        host, "H101", "Erik", "Anställd", unit=unit, manager=manager_person, title="Undersköterska"
    )
    participant_person = _person(
        host, "H102", "Pia", "Deltagare", unit=unit, manager=manager_person
    )
    hr_person = _person(host, "H103", "Hanna", "Personal", unit=hr_unit, title="HR-strateg")
    coord_person = _person(host, "H104", "Kim", "Koordinator", unit=hr_unit)
    steering_person = _person(host, "H105", "Sam", "Styrgrupp", unit=hr_unit)
    leader_person = _person(host, "H106", "Lea", "Kursledare", unit=hr_unit)
    partner_person = _person(partner, "P100", "Per", "Partner", unit=partner_unit)
    partner_staff_person = _person(partner, "P101", "Paula", "Personalchef", unit=partner_unit)
    _person(other, "O100", "Olle", "Utomstående", unit=other_unit)

    logins = {
        "admin": _user("admin", is_superuser=True, is_staff=True),
        "hr": _user("hr", hr_person, is_staff=True),
        "coordinator": _user("coordinator", coord_person),
        "leader": _user("leader", leader_person),
        "steering": _user("steering", steering_person),
        "participant": _user("participant", participant_person),
        "manager": _user("manager", manager_person),
        "partner": _user("partner", partner_staff_person, is_staff=True),
        "outsider": _user("outsider", is_staff=True),
    }
    users: dict[str, User | None] = {"anonymous": None, **logins}
    OrganisationRole.objects.create(user=logins["hr"], organisation=host, role="hr_admin")
    OrganisationRole.objects.create(
        user=logins["coordinator"], organisation=host, role="coordinator"
    )
    OrganisationRole.objects.create(user=logins["partner"], organisation=partner, role="hr_admin")
    OrganisationRole.objects.create(user=logins["outsider"], organisation=other, role="hr_admin")

    programme = Programme.objects.create(organisation=host, name="Sveriges viktigaste chefsjobb")
    edition = Edition.objects.create(
        programme=programme,
        name="Omgång 2026",
        start_date=dt.date(2026, 9, 1),
        end_date=dt.date(2027, 6, 30),
        capacity=110,
    )
    edition.partners.add(partner)
    module = Module.objects.create(edition=edition, order=1, name="Del av en helhet")
    group = Group.objects.create(edition=edition, name="Grupp 1")
    session = Session.objects.create(
        edition=edition,
        module=module,
        group=group,
        title="Del av en helhet, dag 1",
        date=dt.date(2026, 12, 3),
        start_time=dt.time(9),
        end_time=dt.time(16),
    )
    session.leaders.add(leader_person)
    whole_session = Session.objects.create(
        edition=edition,
        title="Avslutning",
        kind=Session.Kind.CEREMONY,
        date=dt.date(2027, 6, 10),
        start_time=dt.time(14),
        end_time=dt.time(16),
    )
    ProgrammeRole.objects.create(user=logins["leader"], programme=programme, role="course_leader")
    ProgrammeRole.objects.create(
        user=logins["steering"], programme=programme, role="steering_group"
    )
    participant = Participant.objects.create(
        edition=edition, person=participant_person, group=group, status="active"
    )
    partner_participant = Participant.objects.create(
        edition=edition, person=partner_person, group=group, status="active"
    )
    roster_import = RosterImport.objects.create(
        organisation=host,
        uploaded_by=logins["hr"],
        filename="personal.csv",
        content=b"",
        effective_date=dt.date(2026, 11, 1),
    )
    return World(
        host=host,
        partner=partner,
        other=other,
        programme=programme,
        edition=edition,
        module=module,
        group=group,
        session=session,
        whole_session=whole_session,
        participant=participant,
        partner_participant=partner_participant,
        employee=employee,
        manager_person=manager_person,
        users=users,
        roster_import=roster_import,
        other_unit_id=other_unit.pk,
        unit_id=unit.pk,
    )


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Argon2 is slow on purpose; tests that are not about hashing use a fast hasher.
    `tests/core/test_security.py` checks that the real settings hash with Argon2."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Rate-limit counters live in the cache; each test starts with none."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings: Any) -> None:
    """Background tasks run in the test's own thread (still after commit, as in production)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def world(db: None) -> World:
    return build_world()
