"""Who is asked and who reads: event surveys go to the registered, a course leader reads only
the sessions (and modules) they lead, and the list page's query count is pinned."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plantskola.evaluations import selectors, services
from plantskola.events.models import Registration
from tests.conftest import World
from tests.evaluations.helpers import after, answer, session_survey, template
from tests.events.conftest import make_event


def test_an_event_survey_asks_the_registered_only(world: World) -> None:
    today = timezone.localdate()
    event = make_event(
        world.host,
        date=today - dt.timedelta(days=1),
        registration_closes=today - dt.timedelta(days=1),
        registration_opens=today - dt.timedelta(days=10),
    )
    Registration.objects.create(
        event=event, person=world.participant.person, registered_at=timezone.now()
    )
    Registration.objects.create(
        event=event, person=world.employee, status="cancelled", registered_at=timezone.now()
    )
    survey = services.survey_create(
        template=template(world), title="Caféet", target=event, opens_on=today, closes_on=today
    )
    assert list(selectors.respondents(survey)) == [world.participant.person]
    answer(survey, world.participant.person, 6)
    with pytest.raises(ValidationError):
        answer(survey, world.employee, 6)
    page = world.client_for("participant").get(reverse("evaluations:survey_list"))
    assert "Caféet" in page.content.decode()
    assert (
        world.client_for("hr")
        .get(reverse("evaluations:survey_detail", args=[survey.pk]))
        .status_code
        == 200
    )
    # A single answer: the total is below the threshold and shows nothing.
    grid = selectors.question_grids(survey, after(survey))[0]
    assert grid.total.hidden and grid.total.mean is None


def test_a_course_leader_reads_only_their_own_sessions(world: World) -> None:
    own = session_survey(world)
    today = timezone.localdate()
    other = services.survey_create(
        template=template(world),
        title="Avslutningen",
        target=world.whole_session,
        opens_on=world.whole_session.date,  # not before the session (a session survey's rule)
        closes_on=world.whole_session.date,
    )
    module = services.survey_create(
        template=template(world),
        title="Modulen",
        target=world.module,
        opens_on=today,
        closes_on=today,
    )
    leader = world.client_for("leader")
    assert leader.get(reverse("evaluations:survey_detail", args=[own.pk])).status_code == 200
    assert (
        leader.get(reverse("evaluations:survey_detail", args=[module.pk])).status_code == 200
    )  # leads a day in it
    assert leader.get(reverse("evaluations:survey_detail", args=[other.pk])).status_code == 404
    assert (
        leader.get(reverse("evaluations:edition_evaluations", args=[world.edition.pk])).status_code
        == 403
    )
    listing = leader.get(reverse("evaluations:survey_list")).content.decode()
    assert own.title in listing and "Avslutningen" not in listing
    # Partner staff see nothing (the steering group reads it: tests/evaluations/
    # test_steering_group.py); the participant only their form.
    for role in ("partner", "outsider"):
        assert (
            world.client_for(role)
            .get(reverse("evaluations:survey_detail", args=[own.pk]))
            .status_code
            == 404
        )
    assert (
        world.client_for("participant")
        .get(reverse("evaluations:survey_detail", args=[other.pk]))
        .status_code
        == 403
    )


def test_survey_list_query_count_does_not_grow_with_surveys(world: World) -> None:
    session_survey(world)
    client = world.client_for("coordinator")
    client.get(reverse("evaluations:survey_list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("evaluations:survey_list"))
    today = timezone.localdate()
    for n in range(5):
        services.survey_create(
            template=template(world),
            title=f"Enkät {n}",
            target=world.edition,
            opens_on=today,
            closes_on=today,
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("evaluations:survey_list")).status_code == 200
    assert len(many) == len(few)
