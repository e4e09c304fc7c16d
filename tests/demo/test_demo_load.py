"""The demo load: idempotent, and the five reference programmes with their real structure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, time
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.validators import EmailValidator
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoDbBlocker, Settings

from plantskola.core.models import Organisation, OrgUnit, Person, PersonChange, User
from plantskola.demo.loader import DEMO_LOGINS, DEMO_PASSWORD, DemoSummary, demo_load
from plantskola.demo.plan import RECORDED_UNTIL
from plantskola.diplomas.models import Diploma
from plantskola.events.models import Event, Registration
from plantskola.programmes.completion.selectors import completion_rows, edition_last_session_end
from plantskola.programmes.introduction.selectors import (
    introduction_rule,
    new_managers,
    next_edition,
)
from plantskola.programmes.models import (
    Attendance,
    Edition,
    Module,
    Participant,
    Programme,
    ProgrammeRole,
    Session,
)
from tests.conftest import mark_two_factor_verified

pytestmark = pytest.mark.django_db

# What the module's `demo` fixture gives: the load's summary and the row counts after it.
Demo = tuple[DemoSummary, dict[str, int]]


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"core", "programmes", "auth", "events"}
    }


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[Demo]:
    """Load the demo once for the module (it takes seconds) and roll it back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        summary = demo_load()
        yield summary, _counts()
        transaction.set_rollback(True)


def _edition(org: str, programme: str, name: str) -> Edition:
    return Edition.objects.get(
        programme__organisation__slug=org, programme__name=programme, name=name
    )


def test_loading_twice_duplicates_nothing(demo: Demo) -> None:
    _, first = demo
    demo_load()
    assert _counts() == first
    assert first["core.Person"] >= 2000
    assert first["programmes.Attendance"] > 0


def test_the_demo_has_about_two_to_three_thousand_people(demo: Demo) -> None:
    assert 2000 <= Person.objects.count() <= 3000
    assert Person.objects.filter(organisation__slug="orebro", is_manager=True).count() >= 110
    assert Person.objects.filter(organisation__slug="kungsbacka", is_manager=True).count() >= 340
    assert not Person.objects.exclude(email__endswith=".example").exists()


def test_orebro_has_four_modules_five_groups_and_management_teams_first(demo: Demo) -> None:
    edition = _edition(
        "orebro", "Sveriges viktigaste chefsjobb", "Sveriges viktigaste chefsjobb 2015–2017"
    )
    assert edition.programme.audience == Programme.Audience.ALL_MANAGERS
    modules = list(edition.modules.order_by("order").values_list("name", "length_days"))
    assert modules == [
        ("Del av en helhet", Decimal("1.5")),
        ("Klar ledare", Decimal("2")),
        ("Säker chef", Decimal("1")),
        ("Initiativrik utvecklare", Decimal("1.5")),
    ]
    assert list(edition.groups.values_list("name", flat=True)) == [
        f"Grupp {n}" for n in range(1, 6)
    ]
    assert 100 <= edition.participants.count() <= 120
    assert not edition.participants.filter(group__isnull=True).exists()
    assert not edition.participants.filter(person__is_manager=False).exists()
    # The administrations' management teams (chiefs and department heads) are in groups 1–2.
    teams = edition.participants.filter(
        person__unit__kind__in=[OrgUnit.Kind.ADMINISTRATION, OrgUnit.Kind.DEPARTMENT]
    )
    assert teams.count() >= 7 * 2
    assert set(teams.values_list("group__name", flat=True)) == {"Grupp 1", "Grupp 2"}
    # Each group has its own dates for every module, one session per day (1.5 + 2 + 1 + 1.5
    # days: 7 days a group); course leaders come from the consultancy.
    sessions = edition.sessions.all()
    assert sessions.count() == 7 * 5
    assert not sessions.filter(group__isnull=True).exists()
    assert not sessions.exclude(leaders__organisation__kind=Organisation.Kind.CONSULTANCY).exists()
    first, second = sessions.filter(module__name="Klar ledare", group__name="Grupp 1")
    assert (second.date - first.date).days == 1
    assert (first.start_time, first.end_time) == (time(8, 30), time(16, 30))
    assert (second.start_time, second.end_time) == (time(8, 30), time(16, 30))
    day_one, half_day = sessions.filter(module__name="Del av en helhet", group__name="Grupp 1")
    assert (half_day.date - day_one.date).days == 1
    assert (half_day.start_time, half_day.end_time) == (time(8, 30), time(12))
    assert half_day.leaders.count() == day_one.leaders.count() > 0
    assert Attendance.objects.filter(session__edition=edition).count() > 400
    steering = ProgrammeRole.objects.filter(programme=edition.programme, role="steering_group")
    assert steering.count() >= 5


def test_ledarlabbet_2024_has_16_participants_and_about_50_in_all(demo: Demo) -> None:
    edition = _edition("uppsala", "Ledarlabbet", "Ledarlabbet 2024")
    assert edition.participants.count() == 16
    # Spread across the whole municipal group: many administrations and companies.
    tops: set[str] = set()
    for pk in edition.participants.values_list("person_id", flat=True):
        unit = Person.objects.get(pk=pk).unit
        assert unit is not None
        tops.add(unit.path.split("/")[1])
    assert len(tops) >= 12
    labs = list(edition.sessions.order_by("date").values_list("title", "kind"))
    assert labs[0] == ("Samtalslabbet", Session.Kind.LAB)
    assert "Utvecklingslabbet" in [title for title, _ in labs]
    topics = edition.modules.get(name="Utvecklingslabbet").topic_list
    assert topics == ["Innovation", "Innovationsledning", "Tjänstedesign"]
    all_editions = Participant.objects.filter(edition__programme__name="Ledarlabbet")
    assert 45 <= all_editions.count() <= 55
    # A significant share of the alumni became managers after their edition.
    promoted = PersonChange.objects.filter(
        field=PersonChange.Field.IS_MANAGER,
        new_value="True",
        person__participations__edition__programme__name="Ledarlabbet",
    )
    assert promoted.count() >= 10
    for change in promoted.select_related("person"):
        assert change.person.is_manager
        ends = change.person.participations.get(edition__programme__name="Ledarlabbet")
        assert change.effective_date > ends.edition.end_date


def test_framtidens_ledare_ends_22_march_2024_with_a_diploma_ceremony(demo: Demo) -> None:
    edition = _edition("alingsas", "Framtidens ledare", "Framtidens ledare 2023/2024")
    assert edition.end_date == date(2024, 3, 22)
    assert edition.start_date.month == 11
    assert edition.participants.count() == 15
    ceremony = edition.sessions.get(kind=Session.Kind.CEREMONY)
    assert ceremony.date == date(2024, 3, 22)


def test_vaxthuset_2013_has_conferences_study_trips_and_partners(demo: Demo) -> None:
    edition = _edition("upplands-vasby", "Växthuset", "Växthuset 2013")
    assert edition.start_date == date(2013, 3, 1)
    conferences = edition.sessions.filter(kind=Session.Kind.CONFERENCE)
    # Five two-day conferences: one session per day.
    assert conferences.count() == 10
    for title in set(conferences.values_list("title", flat=True)):
        first, second = conferences.filter(title=title).order_by("date")
        assert (second.date - first.date).days == 1
    trips = edition.sessions.filter(kind=Session.Kind.STUDY_TRIP)
    assert set(trips.values_list("destination", flat=True)) == {"Platanias, Kreta", "Sydindien"}
    kinds = sorted(edition.partners.values_list("kind", flat=True))
    assert kinds == ["neighbouring_municipality"] * 2 + ["welfare_provider"] * 2
    participating = set(edition.participants.values_list("person__organisation__slug", flat=True))
    assert participating == {"upplands-vasby"} | set(
        edition.partners.values_list("slug", flat=True)
    )


def test_kungsbacka_has_its_leadership_day_cafes_and_programmes(demo: Demo) -> None:
    events = Event.objects.filter(organisation__slug="kungsbacka")
    past_day = events.get(title="Ledardagen 2014")
    assert past_day.kind == Event.Kind.LEADERSHIP_DAY
    assert 330 <= past_day.registrations.count() <= 350
    # The coming leadership day: 340 managers seated at 34 tables of 10 by the engine.
    day = events.get(kind=Event.Kind.LEADERSHIP_DAY, date__gt=date(2026, 11, 22))
    registered = day.registrations.filter(status=Registration.Status.REGISTERED)
    assert registered.count() == 340
    tables = Counter(registered.values_list("table_number", flat=True))
    assert None not in tables
    numbers = sorted(n for n in tables if n is not None)
    assert numbers == list(range(1, 35)) and set(tables.values()) == {10}
    assert day.seating_percent is not None and day.seating_percent > 90
    chef = User.objects.get(username="chef-kungsbacka").person
    assert chef.organisation.slug == "kungsbacka" and chef.is_manager
    assert registered.get(person=chef).table_number is not None
    # Past cafés keep their themes and notes; a coming one is full with a waiting list.
    cafes = events.filter(kind=Event.Kind.CAFE)
    past = cafes.filter(date__lt=date(2026, 11, 22))
    assert past.count() >= 4 and not past.filter(notes="").exists()
    assert "Beslutspyramiden" in " ".join(past.values_list("theme", flat=True))
    assert not Registration.objects.filter(event__in=past).exclude(dietary_needs="").exists()
    coming = cafes.get(date__gt=date(2026, 11, 22))
    assert coming.registrations.filter(status=Registration.Status.REGISTERED).count() == 25
    assert coming.registrations.filter(status=Registration.Status.WAITING).count() >= 2
    assert not Programme.objects.filter(organisation__slug="kungsbacka", audience="event").exists()
    eight = Programme.objects.get(
        organisation__slug="kungsbacka", name="Kungsbackaledaren – leda i utveckling"
    )
    for edition in eight.editions.all():
        months = (edition.end_date.year - edition.start_date.year) * 12 + (
            edition.end_date.month - edition.start_date.month
        )
        assert months + 1 == 8
        assert edition.sessions.count() == 8
    intro = Programme.objects.get(
        organisation__slug="kungsbacka", name="Introduktionsprogram för nya chefer"
    )
    assert intro.audience == Programme.Audience.NEW_MANAGERS
    assert Participant.objects.filter(edition__programme=intro).count() >= 20


def test_the_course_leader_has_upcoming_sessions(demo: Demo) -> None:
    person = User.objects.get(username="kursledare").person
    assert person.organisation.kind == Organisation.Kind.CONSULTANCY
    assert person.led_sessions.filter(edition__programme__organisation__slug="orebro").exists()
    assert person.led_sessions.filter(date__gte=date(2026, 12, 1)).exists()


def test_every_unit_path_is_consistent_with_its_parent(demo: Demo) -> None:
    units = {u.pk: u for u in OrgUnit.objects.all()}
    for unit in units.values():
        prefix = units[unit.parent_id].path if unit.parent_id else "/"
        assert unit.path == f"{prefix}{unit.pk}/"


def test_closest_managers_follow_the_unit_tree(demo: Demo) -> None:
    people = Person.objects.select_related("unit__parent", "manager__unit")
    for person in people.filter(organisation__slug__in=["orebro", "kungsbacka"]):
        if not person.is_manager:
            assert person.manager is not None
            assert person.manager.unit_id == person.unit_id
            continue
        assert person.unit is not None
        if person.unit.parent_id:
            assert person.manager is not None
            assert person.manager.unit_id == person.unit.parent_id
        else:
            assert person.manager_id is None


def test_every_demo_login_authenticates_with_the_demo_password(
    demo: Demo, settings: Settings
) -> None:
    summary, _ = demo
    # The module's load ran with the real settings (Argon2); the shared conftest may have
    # switched to a fast hasher since, so accept both.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    assert User.objects.get(username="admin").password.startswith("argon2")
    # The core logins first, then those the feature apps' demos add.
    listed = [username for username, _, _ in summary.logins]
    assert listed == [u for u, _ in DEMO_LOGINS] + [
        "sokande",
        "rekryterare-uppsala",
        "chef-kungsbacka",
        "deltagare-alingsas",
        "chef-alingsas",
        "vard-alingsas",
        "hr-kungsbacka",
    ]
    for username in listed:
        request = RequestFactory().post("/accounts/login/")
        user = authenticate(request, username=username, password=DEMO_PASSWORD)
        assert user is not None, username
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="hr").is_staff
    chef_unit = User.objects.get(username="chef").person.unit
    assert chef_unit is not None
    assert chef_unit.children.exists()


def test_demo_rows_pass_model_validation(demo: Demo) -> None:
    validate_email = EmailValidator()
    for model in (Edition, Module, Session, ProgrammeRole, Event):
        for obj in model.objects.all():
            obj.full_clean()
    for email in Person.objects.values_list("email", flat=True):
        validate_email(email)


def test_every_completion_in_the_demo_follows_the_rules(demo: Demo) -> None:
    """Completion follows attendance and the calendar: every participant marked completed has
    attended enough of the sessions recorded, and only once the last session was over."""
    completed = Participant.objects.filter(status=Participant.Status.COMPLETED)
    editions = Edition.objects.filter(pk__in=completed.values("edition_id"))
    for edition in editions:
        end = edition_last_session_end(edition)
        assert end is not None and end.date() <= RECORDED_UNTIL, edition.name
        rows = completion_rows(edition=edition, participants=completed, today=RECORDED_UNTIL)
        short = [r.participant.person.full_name for r in rows if r.expected and not r.meets]
        assert short == [], f"{edition.name}: {short}"


def test_demo_diplomas_bear_the_ceremony_date(demo: Demo) -> None:
    edition = _edition("alingsas", "Framtidens ledare", "Framtidens ledare 2023/2024")
    dates = set(
        Diploma.objects.filter(participant__edition=edition).values_list("dated_on", flat=True)
    )
    assert dates == {date(2024, 3, 22)}


def test_kungsbacka_has_four_new_managers_one_overdue_for_the_introduction(demo: Demo) -> None:
    kungsbacka = Organisation.objects.get(slug="kungsbacka")
    rule = introduction_rule(kungsbacka)
    assert rule is not None and rule.programme.name == "Introduktionsprogram för nya chefer"
    rows = new_managers(organisation=kungsbacka, rule=rule, today=timezone.localdate())
    assert len(rows) == 4
    assert [row.overdue for row in rows] == [False, False, False, True]
    assert all(row.person.is_manager and row.person.manager for row in rows)
    assert all(row.proposable for row in rows)
    assert next_edition(rule, today=timezone.localdate()) is not None
    # A month of roster changes: the dated changes say the same as the appointments.
    for row in rows:
        assert row.person.changes.filter(
            field="is_manager", effective_date=row.appointment.started_on
        ).exists()


def test_hr_kungsbacka_is_hr_of_kungsbacka_and_starts_at_new_managers(demo: Demo) -> None:
    user = User.objects.get(username="hr-kungsbacka")
    assert user.organisation_roles.filter(organisation__slug="kungsbacka", role="hr_admin")
    client = Client()
    client.force_login(user)
    mark_two_factor_verified(client)
    home = client.get(reverse("core:home"))
    url = reverse("programmes:new_managers", args=["kungsbacka"])
    assert url in home.content.decode()
    page = client.get(url)
    assert page.status_code == 200
    assert len(page.context["rows"]) == 4
