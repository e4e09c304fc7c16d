"""Copying an edition from a previous one: modules, sessions a whole number of weeks later,
settings and surveys; nothing about people; a preview that writes nothing; one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from plantskola.evaluations import services as evaluation_services
from plantskola.evaluations.models import ResponseToken, Survey
from plantskola.programmes.copying.selectors import copy_plan, week_shift
from plantskola.programmes.copying.services import edition_copy
from plantskola.programmes.models import Attendance, Edition, Module, Participant, Session
from tests.conftest import World
from tests.evaluations.helpers import session_survey, template

pytestmark = pytest.mark.django_db

NEW_START = dt.date(2027, 8, 31)  # a Tuesday, 52 weeks after the world's 2026-09-01


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def english_client(world: World, role: str) -> Client:
    client = world.client_for(role)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _module_survey(world: World) -> Survey:
    return evaluation_services.survey_create(
        template=template(world),
        title="Utvärdering av modulen",
        target=world.module,
        opens_on=dt.date(2026, 12, 4),
        closes_on=dt.date(2026, 12, 18),
    )


def _counts() -> tuple[int, ...]:
    return (
        Edition.objects.count(),
        Module.objects.count(),
        Session.objects.count(),
        Survey.objects.count(),
        Participant.objects.count(),
    )


def test_the_shift_is_the_whole_number_of_weeks_closest_to_the_new_start() -> None:
    monday = dt.date(2026, 9, 7)
    assert week_shift(monday, monday + dt.timedelta(days=364)) == dt.timedelta(weeks=52)
    assert week_shift(monday, monday + dt.timedelta(days=3)) == dt.timedelta(0)
    assert week_shift(monday, monday + dt.timedelta(days=4)) == dt.timedelta(weeks=1)
    assert week_shift(monday, monday - dt.timedelta(days=4)) == dt.timedelta(weeks=-1)
    assert week_shift(monday, monday - dt.timedelta(days=10)) == dt.timedelta(weeks=-1)


def test_the_copy_shifts_dates_and_copies_modules_sessions_settings_and_surveys(
    world: World,
) -> None:
    world.edition.min_attendance_percent = 75
    world.edition.save(update_fields=["min_attendance_percent"])
    Attendance.objects.create(
        session=world.session, participant=world.participant, status="present"
    )
    survey = session_survey(world)
    ResponseToken.objects.create(survey=survey, person=world.participant.person)
    _module_survey(world)
    plan = copy_plan(source=world.edition, name="Omgång 2027", start_date=NEW_START)
    new, results = edition_copy(plan=plan)

    assert (new.start_date, new.end_date) == (NEW_START, dt.date(2028, 6, 28))
    assert new.capacity == 110 and new.min_attendance_percent == 75
    assert new.status == Edition.Status.PLANNED
    assert set(new.partners.all()) == {world.partner}
    modules = list(new.modules.all())
    assert [m.name for m in modules] == ["Del av en helhet"]
    sessions = {s.title: s for s in new.sessions.all()}
    assert sessions.keys() == {"Del av en helhet, dag 1", "Avslutning"}
    day = sessions["Del av en helhet, dag 1"]
    assert day.date == dt.date(2027, 12, 2) and day.date.weekday() == world.session.date.weekday()
    assert (day.start_time, day.end_time) == (dt.time(9), dt.time(16))
    assert day.module == modules[0] and day.group is None
    assert day.uid != world.session.uid and day.sequence == 0
    assert sessions["Avslutning"].date == dt.date(2028, 6, 8)
    # Nothing about people: no participants, groups, course leaders, attendance or tokens.
    assert not new.participants.exists() and not new.groups.exists()
    assert not day.leaders.exists() and not Attendance.objects.filter(session__edition=new)
    copies = {s.title: s for s in Survey.objects.filter(edition=new)}
    assert copies.keys() == {"Utvärdering: Del av en helhet, dag 1", "Utvärdering av modulen"}
    session_copy = copies["Utvärdering: Del av en helhet, dag 1"]
    assert session_copy.session == day and session_copy.template == survey.template
    assert session_copy.opens_on == survey.opens_on + dt.timedelta(weeks=52)
    assert session_copy.invitations_sent_on is None
    assert not session_copy.tokens.exists() and not session_copy.responses.exists()
    module_copy = copies["Utvärdering av modulen"]
    assert module_copy.module == modules[0] and module_copy.target == Survey.Target.MODULE
    assert module_copy.closes_on == dt.date(2027, 12, 17)
    assert [r.count for r in results] == [2]


def test_a_shifted_day_on_a_swedish_holiday_is_warned_about(world: World) -> None:
    Session.objects.create(
        edition=world.edition,
        title="Julfika",
        date=dt.date(2026, 12, 17),
        start_time=dt.time(9),
        end_time=dt.time(12),
    )
    plan = copy_plan(source=world.edition, name="Omgång 2027", start_date=dt.date(2026, 9, 8))
    assert plan.shift == dt.timedelta(weeks=1)
    fika = next(row for row in plan.sessions if row.source.title == "Julfika")
    assert fika.new_date == dt.date(2026, 12, 24)
    assert any("public holiday" in w for w in fika.warnings)
    group_day = next(row for row in plan.sessions if row.source.group_id)
    assert any("Grupp 1" in w for w in group_day.warnings)


def test_the_preview_shows_old_and_new_dates_and_changes_nothing(world: World) -> None:
    session_survey(world)
    before = _counts()
    client = english_client(world, "coordinator")
    url = reverse("programmes:edition_copy", args=[world.programme.pk])
    page = client.get(url)
    assert page.status_code == 200
    response = client.get(
        url, {"source": str(world.edition.pk), "name": "Omgång 2027", "start_date": "2027-09-02"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "2026-12-03" in html and "2027-12-02" in html
    assert "1 module" in html and "2 sessions" in html and "Surveys: 1" in html
    assert "not the same weekday" in html
    assert _counts() == before


def test_confirming_creates_the_edition_in_one_step(world: World) -> None:
    client = english_client(world, "coordinator")
    url = reverse("programmes:edition_copy", args=[world.programme.pk])
    data = {
        "source": world.edition.pk,
        "name": "Omgång 2027",
        "start_date": "2027-08-31",
        "expected_modules": 1,
        "expected_sessions": 2,
    }
    response = client.post(url, data)
    new = Edition.objects.get(name="Omgång 2027")
    assert response.status_code == 302 and response["Location"] == new.get_absolute_url()
    assert new.sessions.count() == 2
    # The same name again: refused, nothing created.
    before = _counts()
    response = client.post(url, data)
    assert response.status_code == 400 and _counts() == before


def test_a_source_changed_since_the_preview_is_refused(world: World) -> None:
    client = english_client(world, "coordinator")
    before = _counts()
    response = client.post(
        reverse("programmes:edition_copy", args=[world.programme.pk]),
        {
            "source": world.edition.pk,
            "name": "Omgång 2027",
            "start_date": "2027-08-31",
            "expected_modules": 1,
            "expected_sessions": 3,
        },
    )
    assert response.status_code == 400
    assert "changed since the preview" in response.content.decode()
    assert _counts() == before


def test_only_those_who_run_the_programme_may_copy(world: World) -> None:
    url = reverse("programmes:edition_copy", args=[world.programme.pk])
    assert world.client_for("participant").get(url).status_code == 403
    assert world.client_for("outsider").get(url).status_code == 404
    before = _counts()
    response = world.client_for("leader").post(
        url, {"source": str(world.edition.pk), "name": "X", "start_date": "2027-08-31"}
    )
    assert response.status_code == 403 and _counts() == before
