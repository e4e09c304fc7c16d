"""The call's life cycle (issue 21): draft → published (with a preview exactly as an employee
sees it) → open → closed (at the closing time, or "close now") → decided, the edition's status
following; editing never fails on a field the coordinator cannot see, and errors show at their
field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from plantskola.admissions.models import Application, Call
from plantskola.admissions.selectors import open_calls_for
from plantskola.admissions.services import (
    application_save,
    call_close_now,
    call_publish,
    call_save,
    calls_sync_edition_status,
)
from plantskola.programmes.models import Edition
from tests.admissions.factories import decided_call, make_call, user_of
from tests.conftest import World

pytestmark = pytest.mark.django_db


def new_call(w: World) -> Call:
    now = timezone.now()
    return call_save(
        call=None,
        edition=w.edition,
        title="Ledarlabbet 2027",
        description="Vill du bli chef?",
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=20),
        reference_deadline=(now + dt.timedelta(days=30)).date(),
        organisations=[w.host],
        units=[],
        non_managers_only=True,
        requirement_profile=None,
        questions=["Berätta om när du ledde andra."],
        user=user_of(w, "coordinator"),
    )


def apply(w: World, call: Call) -> Application:
    return application_save(
        call=call,
        applicant=w.participant.person,
        motivation="Jag vill",
        answers={call.questions.get().pk: "Svar"},
        manager=w.manager_person,
        submit=True,
    )


def running_status(edition: Edition) -> str:
    today = timezone.localdate()
    if today > edition.end_date:
        return Edition.Status.COMPLETED
    if today >= edition.start_date:
        return Edition.Status.RUNNING
    return Edition.Status.PLANNED


def test_a_new_call_is_a_draft_that_no_employee_sees(world: World) -> None:
    call = new_call(world)
    assert call.state == Call.State.DRAFT
    assert call not in open_calls_for(world.participant.person)
    for role in ("anonymous", "participant", "manager", "outsider"):
        assert world.client_for(role).get(f"/utlysningar/{call.pk}/").status_code == 404
    with pytest.raises(ValidationError, match="inte publicerats"):
        apply(world, call)
    coordinator = world.client_for("coordinator")
    page = coordinator.get(f"/utlysningar/{call.pk}/").content.decode()
    assert "Utkast" in page and "Publicera utlysningen" in page


def test_the_preview_shows_the_call_as_an_employee_sees_it(world: World) -> None:
    call = new_call(world)
    preview = world.client_for("coordinator").get(f"/utlysningar/{call.pk}/forhandsvisning/")
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Förhandsvisning" in html and "Berätta om när du ledde andra." in html
    # No coordinator's actions in it, and the employee's Apply is there but inert.
    assert "Redigera utlysningen" not in html and "Ansökningar" not in html
    assert 'aria-disabled="true">Ansök<' in html
    assert f"/utlysningar/{call.pk}/ansok/" not in html


def test_publishing_opens_the_call_and_the_edition_follows(world: World) -> None:
    call = new_call(world)
    response = world.client_for("coordinator").post(f"/utlysningar/{call.pk}/publicera/")
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.state == Call.State.OPEN
    assert Edition.objects.get(pk=world.edition.pk).status == Edition.Status.OPEN
    assert call in open_calls_for(world.participant.person)
    assert world.client_for("participant").get(f"/utlysningar/{call.pk}/").status_code == 200
    with pytest.raises(ValidationError, match="redan publicerad"):
        call_publish(call=call)


def test_close_now_asks_first_then_closes_and_the_edition_follows(world: World) -> None:
    call = call_publish(call=new_call(world))
    apply(world, call)
    client = world.client_for("coordinator")
    confirm = client.get(f"/utlysningar/{call.pk}/stang/")
    assert confirm.status_code == 200
    assert "1 inskickad ansökan" in confirm.content.decode()
    call.refresh_from_db()
    assert call.state == Call.State.OPEN  # asking changed nothing
    assert client.post(f"/utlysningar/{call.pk}/stang/").status_code == 302
    call.refresh_from_db()
    assert call.state == Call.State.CLOSED
    edition = Edition.objects.get(pk=world.edition.pk)
    assert edition.status == running_status(edition)
    with pytest.raises(ValidationError, match="stängde"):
        apply(world, call)
    with pytest.raises(ValidationError, match="Bara en öppen utlysning"):
        call_close_now(call=call)


def test_a_call_closes_by_its_time_and_the_daily_command_moves_the_edition(
    world: World,
) -> None:
    call = call_publish(call=new_call(world))
    assert Edition.objects.get(pk=world.edition.pk).status == Edition.Status.OPEN
    Call.objects.filter(pk=call.pk).update(
        opens_at=timezone.now() - dt.timedelta(days=10),
        closes_at=timezone.now() - dt.timedelta(minutes=1),
    )
    call.refresh_from_db()
    assert call.state == Call.State.CLOSED
    assert calls_sync_edition_status() == 1
    edition = Edition.objects.get(pk=world.edition.pk)
    assert edition.status == running_status(edition)
    assert calls_sync_edition_status() == 0


def test_a_decided_call_says_so(world: World) -> None:
    call = decided_call(world)
    assert call.state == Call.State.DECIDED
    edition = Edition.objects.get(pk=world.edition.pk)
    assert edition.status == running_status(edition)


def form_data(call: Call, **changes: Any) -> dict[str, Any]:
    """The call's form as the page fills it, unchanged unless `changes` say otherwise."""
    data: dict[str, Any] = {
        "title": call.title,
        "description": call.description,
        "opens_at": timezone.localtime(call.opens_at).strftime("%Y-%m-%dT%H:%M"),
        "closes_at": timezone.localtime(call.closes_at).strftime("%Y-%m-%dT%H:%M"),
        "reference_deadline": call.reference_deadline.isoformat(),
        "organisations": [o.pk for o in call.organisations.all()],
        "non_managers_only": "on" if call.non_managers_only else "",
        "requirement_profile": call.requirement_profile_id or "",
        "questions": "\n".join(q.text for q in call.questions.all()),
    }
    data.update(changes)
    return data


def test_a_call_without_a_creator_saves_unchanged(world: World) -> None:
    """The demo's calls have no creator (loaded, not made by a user): saving one unchanged
    failed with "Detta fält får inte vara tomt" for a field the form does not show."""
    call = make_call(world)
    assert call.created_by_id is None
    client = world.client_for("coordinator")
    response = client.post(f"/omgangar/{world.edition.pk}/utlysning/", form_data(call))
    assert response.status_code == 302, response.content.decode()
    call.refresh_from_db()
    assert call.created_by_id is None and call.title == "Ledarlabbet 2026"


def test_form_errors_are_shown_at_their_field(world: World) -> None:
    call = make_call(world)
    client = world.client_for("coordinator")
    before = timezone.localtime(call.opens_at) - dt.timedelta(days=1)
    response = client.post(
        f"/omgangar/{world.edition.pk}/utlysning/",
        form_data(call, closes_at=before.strftime("%Y-%m-%dT%H:%M")),
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "Utlysningen måste stänga efter att den har öppnat." in form.errors["closes_at"]
    assert not form.non_field_errors()
    Application.objects.create(call=call, applicant=world.participant.person)
    response = client.post(
        f"/omgangar/{world.edition.pk}/utlysning/", form_data(call, questions="En ny fråga")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["questions"]
    call.refresh_from_db()
    assert call.closes_at > call.opens_at
