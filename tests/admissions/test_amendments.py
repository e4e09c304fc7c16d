"""Amending the decision: only with a reason, recorded (who, when, from → to), participants
follow in the same transaction, the applicant is told; scorecards stay locked."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from plantskola.admissions.decision.services import decision_amend
from plantskola.admissions.interviews.services import scorecard_save
from plantskola.admissions.models import Application, DecisionAmendment, Interview
from plantskola.programmes.models import Participant
from tests.admissions.factories import (
    competencies_of,
    decided_call,
    first_name_of,
    make_call,
    person_of,
    user_of,
)
from tests.conftest import World

pytestmark = pytest.mark.django_db


def by_name(call: Any) -> dict[str, Application]:
    return {first_name_of(a): a for a in Application.objects.filter(call=call)}


def test_an_admitted_withdraws_and_the_first_reserve_is_admitted(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    call = decided_call(world)
    apps = by_name(call)
    user = user_of(world, "coordinator")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision_amend(
            call=call,
            application=apps["Ada"],
            to_outcome="not_admitted",
            reason="Ada har tackat nej.",
            user=user,
        )
        decision_amend(
            call=call,
            application=apps["Bo"],
            to_outcome="admitted",
            reason="Första reserv antas när Ada tackat nej.",
            user=user,
        )
    ada = Participant.objects.get(edition=call.edition, person=apps["Ada"].applicant)
    assert ada.status == Participant.Status.WITHDRAWN
    bo = Participant.objects.get(edition=call.edition, person=apps["Bo"].applicant)
    assert bo.status == Participant.Status.INVITED
    outcomes = {k: a.outcome for k, a in by_name(call).items()}
    assert outcomes == {"Ada": "not_admitted", "Bo": "admitted", "Cid": "not_admitted"}
    first, second = DecisionAmendment.objects.all()
    assert (first.from_outcome, first.to_outcome, first.amended_by) == (
        "admitted",
        "not_admitted",
        user,
    )
    assert second.reason.startswith("Första reserv")
    assert sorted(m.to[0] for m in mail.outbox) == ["ada@host.example", "bo@host.example"]
    bo_mail = next(m for m in mail.outbox if m.to == ["bo@host.example"])
    assert "antagen" in bo_mail.body and bo_mail.subject.startswith("Nytt besked")
    ada_mail = next(m for m in mail.outbox if m.to == ["ada@host.example"])
    assert "inte antagen" in ada_mail.body.lower()
    # Admitting Ada again re-activates her participation rather than adding a second one.
    decision_amend(
        call=call,
        application=apps["Ada"],
        to_outcome="admitted",
        reason="Ada kunde ändå.",
        user=user,
    )
    ada.refresh_from_db()
    assert ada.status == Participant.Status.INVITED


def test_bad_amendments_are_refused_and_change_nothing(world: World) -> None:
    call = decided_call(world)
    apps = by_name(call)
    user = user_of(world, "coordinator")
    mail.outbox.clear()
    cases = [
        (apps["Bo"], "admitted", "   ", "skäl"),
        (apps["Bo"], "reserve", "Samma", "redan"),
        (apps["Bo"], "promoted", "Fel", "nytt besked"),
    ]
    for application, outcome, reason, message in cases:
        with pytest.raises(ValidationError, match=message):
            decision_amend(
                call=call,
                application=application,
                to_outcome=outcome,
                reason=reason,
                user=user,
            )
    assert not DecisionAmendment.objects.exists()
    assert by_name(call)["Bo"].outcome == "reserve"
    assert not Participant.objects.filter(person=apps["Bo"].applicant).exists()
    assert not mail.outbox


def test_no_amendment_before_the_decision(world: World) -> None:
    call = make_call(world)
    application = Application.objects.create(
        call=call, applicant=world.employee, status="submitted"
    )
    with pytest.raises(ValidationError, match="inget beslut"):
        decision_amend(
            call=call,
            application=application,
            to_outcome="admitted",
            reason="Varför inte",
            user=user_of(world, "coordinator"),
        )


def test_scorecards_stay_locked_after_an_amendment(world: World) -> None:
    call = decided_call(world)
    apps = by_name(call)
    decision_amend(
        call=call,
        application=apps["Ada"],
        to_outcome="reserve",
        reason="Omprövning",
        user=user_of(world, "coordinator"),
    )
    interview = Interview.objects.get(application=apps["Ada"])
    competencies = competencies_of(call)
    with pytest.raises(ValidationError):
        scorecard_save(
            interview=interview,
            interviewer=person_of(world, "hr"),
            ratings={c.pk: (1, "") for c in competencies},
        )


def test_the_decision_page_shows_and_records_amendments(world: World) -> None:
    call = decided_call(world)
    apps = by_name(call)
    client = world.client_for("coordinator")
    url = f"/utlysningar/{call.pk}/beslutet/"
    page = client.get(url)
    assert page.status_code == 200
    assert "har inte ändrats" in page.content.decode()
    response = client.post(url, {"application": apps["Cid"].pk, "to_outcome": "reserve"})
    assert response.status_code == 400
    assert not DecisionAmendment.objects.exists()
    response = client.post(
        url,
        {"application": apps["Cid"].pk, "to_outcome": "reserve", "reason": "Plats som reserv"},
    )
    assert response.status_code == 302
    content = client.get(url).content.decode()
    assert "Plats som reserv" in content and "Inte antagen → Reserv" in content
    assert "ändras bara med ett" in client.get(f"/utlysningar/{call.pk}/urval/").content.decode()


def test_the_decision_page_before_a_decision_sends_back_to_the_selection(world: World) -> None:
    call = make_call(world)
    response = world.client_for("coordinator").get(f"/utlysningar/{call.pk}/beslutet/")
    assert response.status_code == 302 and response["Location"].endswith("/urval/")
