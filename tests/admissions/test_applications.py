"""Call, application and reference: the Ledarlabbet flow up to the references."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from plantskola.admissions.models import Application, Call, Reference, ReferenceRating
from plantskola.admissions.selectors import reference_for_token
from plantskola.admissions.services import application_save, reference_decline, reference_give
from tests.admissions.factories import competencies_of, make_call
from tests.conftest import World

pytestmark = pytest.mark.django_db


def submit(w: World, call: Call, **overrides: Any) -> Application:
    question = call.questions.get()
    kwargs: dict[str, Any] = {
        "call": call,
        "applicant": w.participant.person,
        "motivation": "Jag vill leda.",
        "answers": {question.pk: "När jag ledde projektet."},
        "manager": w.manager_person,
        "submit": True,
    }
    kwargs.update(overrides)
    return application_save(**kwargs)


def link_token(body: object) -> str:
    match = re.search(r"/referens/([^/\s]+)/", str(body))
    assert match, body
    return match.group(1)


def test_submitting_sends_a_receipt_and_asks_the_manager_for_a_reference(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    call = make_call(world)
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(world, call)
    assert application.status == Application.Status.SUBMITTED
    subjects = sorted(m.subject for m in mail.outbox)
    assert any("tagit emot din ansökan" in s for s in subjects)
    request = next(m for m in mail.outbox if m.to == [world.manager_person.email])
    token = link_token(request.body)
    reference = reference_for_token(token)
    assert reference is not None and reference.application == application
    # Only a hash of the link is stored.
    assert token not in Reference.objects.values_list("token_hash", flat=True)


def test_a_draft_can_be_saved_incomplete_and_submitted_later(world: World) -> None:
    call = make_call(world)
    draft = submit(world, call, motivation="", answers={}, submit=False)
    assert draft.status == Application.Status.DRAFT
    assert not Reference.objects.exists()
    submitted = submit(world, call)
    assert submitted.pk == draft.pk and submitted.status == Application.Status.SUBMITTED


def test_submitting_with_unanswered_questions_is_refused_and_nothing_is_written(
    world: World,
) -> None:
    call = make_call(world)
    with pytest.raises(ValidationError) as exc:
        submit(world, call, answers={})
    assert "Berätta om en situation" in " ".join(exc.value.messages)
    assert not Application.objects.exists()


def test_nothing_can_be_submitted_or_changed_after_the_deadline(world: World) -> None:
    call = make_call(world)
    submit(world, call)
    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    call.refresh_from_db()
    with pytest.raises(ValidationError):
        submit(world, call, motivation="Ändrad")
    assert Application.objects.get().motivation == "Jag vill leda."


def test_one_application_per_person_and_call(world: World) -> None:
    call = make_call(world)
    submit(world, call)
    submit(world, call, motivation="Andra gången")
    assert Application.objects.filter(call=call).count() == 1


def test_managers_cannot_apply_to_a_call_for_non_managers(world: World) -> None:
    call = make_call(world)
    with pytest.raises(ValidationError):
        submit(world, call, applicant=world.manager_person, manager=None)
    assert not Application.objects.exists()


def test_the_closest_manager_can_be_corrected_but_must_be_a_manager(world: World) -> None:
    call = make_call(world)
    with pytest.raises(ValidationError):
        submit(world, call, manager=world.employee)
    application = submit(world, call)
    assert not application.manager_corrected  # the roster's manager was kept


def test_manager_gives_a_reference_once_through_the_link(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    call = make_call(world)
    with django_capture_on_commit_callbacks(execute=True):
        submit(world, call)
    token = link_token(next(m for m in mail.outbox if m.to == [world.manager_person.email]).body)
    client = world.client_for("anonymous")
    page = client.get(f"/referens/{token}/")
    assert page.status_code == 200
    competencies = competencies_of(call)
    data = {f"competency_{c.pk}": "4" for c in competencies}
    data.update({"give": "1", "recommendation": "yes", "comment": "Lovande."})
    done = client.post(f"/referens/{token}/", data)
    assert done.status_code == 200
    reference = Reference.objects.get()
    assert reference.status == Reference.Status.GIVEN
    assert ReferenceRating.objects.filter(reference=reference, rating=4).count() == 2
    # The link is single-purpose: it stops working once used.
    assert client.get(f"/referens/{token}/").status_code == 404


def test_an_incomplete_reference_is_refused_and_nothing_is_saved(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    call = make_call(world)
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(world, call)
    reference = Reference.objects.get(application=application)
    with pytest.raises(ValidationError):
        reference_give(reference=reference, ratings={}, recommendation="yes", comment="")
    assert not ReferenceRating.objects.exists()
    reference.refresh_from_db()
    assert reference.status == Reference.Status.REQUESTED


def test_an_expired_link_no_longer_works(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    call = make_call(world)
    with django_capture_on_commit_callbacks(execute=True):
        submit(world, call)
    token = link_token(next(m for m in mail.outbox if m.to == [world.manager_person.email]).body)
    Reference.objects.update(expires_on=timezone.localdate() - dt.timedelta(days=1))
    assert reference_for_token(token) is None
    assert world.client_for("anonymous").get(f"/referens/{token}/").status_code == 404


def test_a_manager_can_decline_with_a_reason(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    call = make_call(world)
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(world, call)
    reference = Reference.objects.get(application=application)
    with pytest.raises(ValidationError):
        reference_decline(reference=reference, reason=" ")
    reference_decline(reference=reference, reason="Jag känner inte den sökande.")
    reference.refresh_from_db()
    assert reference.status == Reference.Status.DECLINED


def test_the_applicant_never_sees_the_reference(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    call = make_call(world)
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(world, call)
    reference = Reference.objects.get(application=application)
    reference_decline(reference=reference, reason="Hemlig motivering")
    response = world.client_for("participant").get(f"/ansokningar/{application.pk}/")
    assert response.status_code == 404
    coordinator_page = world.client_for("coordinator").get(f"/ansokningar/{application.pk}/")
    assert "Hemlig motivering" in coordinator_page.content.decode()


def test_partner_staff_see_only_their_own_employees_applications(world: World) -> None:
    call = make_call(world)
    submit(world, call)
    partner_question = call.questions.get()
    application_save(
        call=call,
        applicant=world.partner_participant.person,
        motivation="Från grannkommunen",
        answers={partner_question.pk: "Svar"},
        manager=None,
        submit=False,
    )
    Application.objects.filter(applicant=world.partner_participant.person).update(
        status="submitted"
    )
    page = world.client_for("partner").get(f"/utlysningar/{call.pk}/ansokningar/").content.decode()
    assert world.partner_participant.person.full_name in page
    assert world.participant.person.full_name not in page


def test_coordinator_creates_a_call_from_the_edition(world: World) -> None:
    response = world.client_for("coordinator").post(
        f"/omgangar/{world.edition.pk}/utlysning/",
        {
            "title": "Ledarlabbet 2027",
            "description": "Sök!",
            "opens_at": "2026-12-01T08:00",
            "closes_at": "2027-01-15T23:59",
            "reference_deadline": "2027-01-31",
            "organisations": [world.host.pk],
            "non_managers_only": "on",
            "questions": "Varför vill du bli chef?\nBerätta om ett svårt samtal.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    call = Call.objects.get(edition=world.edition)
    assert [q.text for q in call.questions.all()] == [
        "Varför vill du bli chef?",
        "Berätta om ett svårt samtal.",
    ]


def test_a_call_that_closes_before_it_opens_is_refused(world: World) -> None:
    response = world.client_for("coordinator").post(
        f"/omgangar/{world.edition.pk}/utlysning/",
        {
            "title": "Fel",
            "description": "x",
            "opens_at": "2027-01-15T08:00",
            "closes_at": "2026-12-01T08:00",
            "reference_deadline": "2027-01-31",
            "organisations": [world.host.pk],
            "questions": "Fråga",
        },
    )
    assert response.status_code == 400
    assert not Call.objects.exists()
