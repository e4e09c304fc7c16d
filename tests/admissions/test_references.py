"""References (issue 21 point 5): an anchored scale, required fields marked, a confirmed
decline that tells the coordinator and the applicant, and "remind" / "ask another manager"
from the application page, which shows every step with its date and the next action."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from plantskola.admissions.models import Application, Call, Reference
from plantskola.admissions.selectors import (
    application_progress,
    call_coordinator_emails,
    reference_for_token,
)
from plantskola.admissions.services import (
    application_save,
    reference_ask_another,
    reference_remind,
)
from plantskola.core.models import Person
from tests.admissions.factories import competencies_of, decided_call, make_call, person_of
from tests.conftest import World

pytestmark = pytest.mark.django_db


def submitted(w: World, capture: Any) -> Application:
    call = make_call(w)
    question = call.questions.get()
    with capture(execute=True):
        return application_save(
            call=call,
            applicant=w.participant.person,
            motivation="Jag vill leda.",
            answers={question.pk: "När jag ledde projektet."},
            manager=w.manager_person,
            submit=True,
        )


def link_token(body: object) -> str:
    match = re.search(r"/referens/([^/\s]+)/", str(body))
    assert match, body
    return match.group(1)


def last_link_to(email: str) -> str:
    return link_token([m for m in mail.outbox if m.to == [email]][-1].body)


def other_manager(w: World) -> Person:
    return Person.objects.create(
        organisation=w.host,
        employee_number="H900",
        first_name="Tidigare",
        last_name="Chefsson",
        email="tidigare@host.example",
        is_manager=True,
        title="Enhetschef",
        unit_id=w.unit_id,
    )


def test_the_reference_form_shows_each_competencys_anchors_and_marks_required_fields(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    application = submitted(world, django_capture_on_commit_callbacks)
    first, second = competencies_of(application.call)
    first.anchor_low = "Undviker svåra samtal"
    first.anchor_high = "Tar svåra samtal tidigt och lyssnar"
    first.save()
    token = last_link_to(world.manager_person.email)
    page = world.client_for("anonymous").get(f"/referens/{token}/").content.decode()
    assert "1 – Undviker svåra samtal" in page
    assert "5 – Tar svåra samtal tidigt och lyssnar" in page
    # Without anchors of its own a competency gets the general wording, in Swedish.
    assert "1 – Långt under vad rollen kräver" in page
    assert "Fält markerade med * är obligatoriska." in page
    assert page.count("(obligatorisk)") == 3  # two ratings and the recommendation


def test_a_missing_rating_is_named_and_nothing_is_saved(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    application = submitted(world, django_capture_on_commit_callbacks)
    first, _second = competencies_of(application.call)
    token = last_link_to(world.manager_person.email)
    answer = world.client_for("anonymous").post(
        f"/referens/{token}/", {"give": "1", f"competency_{first.pk}": "4"}
    )
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Bedöm Självinsikt." in page and "Välj en rekommendation." in page
    assert Reference.objects.get().status == Reference.Status.REQUESTED


def test_declining_asks_for_confirmation_before_anything_changes(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    submitted(world, django_capture_on_commit_callbacks)
    token = last_link_to(world.manager_person.email)
    client = world.client_for("anonymous")
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        confirm = client.post(
            f"/referens/{token}/", {"decline": "1", "reason": "Fråga hennes förra chef."}
        )
    assert confirm.status_code == 200
    assert "Vill du avböja referensen?" in confirm.content.decode()
    assert Reference.objects.get().status == Reference.Status.REQUESTED
    assert len(mail.outbox) == sent
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            f"/referens/{token}/", {"confirm_decline": "1", "reason": "Fråga hennes förra chef."}
        )
    assert done.status_code == 200
    reference = Reference.objects.get()
    assert reference.status == Reference.Status.DECLINED
    assert reference.decline_reason == "Fråga hennes förra chef."


def test_a_confirmation_without_a_reason_is_refused(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    submitted(world, django_capture_on_commit_callbacks)
    token = last_link_to(world.manager_person.email)
    answer = world.client_for("anonymous").post(
        f"/referens/{token}/", {"confirm_decline": "1", "reason": " "}
    )
    assert answer.status_code == 400
    assert "Berätta kort varför du avböjer." in answer.content.decode()
    assert Reference.objects.get().status == Reference.Status.REQUESTED


def test_a_decline_tells_the_coordinator_and_the_applicant_without_the_reason(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    application = submitted(world, django_capture_on_commit_callbacks)
    token = last_link_to(world.manager_person.email)
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        world.client_for("anonymous").post(
            f"/referens/{token}/", {"confirm_decline": "1", "reason": "Hemligt skäl"}
        )
    news = mail.outbox[sent:]
    coordinators = call_coordinator_emails(application.call)
    assert person_of(world, "coordinator").email in coordinators
    to_coordinators = [m for m in news if m.to == coordinators]
    to_applicant = [m for m in news if m.to == [world.participant.person.email]]
    assert len(to_coordinators) == 1 and len(to_applicant) == 1
    assert f"/ansokningar/{application.pk}/" in to_coordinators[0].body
    assert "avböjt" in to_applicant[0].body
    assert all("Hemligt skäl" not in m.body for m in news)


def test_an_applicant_of_the_call_is_never_told_as_coordinator(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    application = submitted(world, django_capture_on_commit_callbacks)
    Application.objects.create(call=application.call, applicant=person_of(world, "coordinator"))
    assert person_of(world, "coordinator").email not in call_coordinator_emails(application.call)


def test_remind_sends_a_new_link_and_the_old_one_stops_working(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    application = submitted(world, django_capture_on_commit_callbacks)
    old = last_link_to(world.manager_person.email)
    client = world.client_for("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(f"/ansokningar/{application.pk}/referens/paminn/")
    assert answer.status_code == 302
    new = last_link_to(world.manager_person.email)
    assert new != old
    assert reference_for_token(old) is None
    assert reference_for_token(new) == Reference.objects.get()
    assert Reference.objects.get().reminders_sent == 1


def test_remind_is_refused_once_the_reference_is_declined(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    application = submitted(world, django_capture_on_commit_callbacks)
    Reference.objects.update(status=Reference.Status.DECLINED)
    with pytest.raises(ValidationError) as exc:
        reference_remind(application=application)
    assert "inte" in " ".join(exc.value.messages)
    assert Reference.objects.get().reminders_sent == 0


def test_after_a_decline_the_coordinator_asks_another_manager(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    application = submitted(world, django_capture_on_commit_callbacks)
    Reference.objects.update(status=Reference.Status.DECLINED, decline_reason="Ny chef")
    previous = other_manager(world)
    client = world.client_for("coordinator")
    form = client.get(f"/ansokningar/{application.pk}/referens/annan-chef/")
    assert form.status_code == 200
    # A searchable select: the page lists no managers, the search finds them by name.
    assert 'name="manager_search"' in form.content.decode()
    found = client.get(
        "/sok/personer/",
        {"q": "tidigare", "managers": "1", "organisation": str(world.host.pk)},
    ).json()
    assert [r["label"] for r in found["results"]] == [
        "Tidigare Chefsson (Enhetschef, Hemtjänst Norr)"
    ]
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            f"/ansokningar/{application.pk}/referens/annan-chef/", {"manager": previous.pk}
        )
    assert answer.status_code == 302
    reference = Reference.objects.get(application=application)
    assert reference.manager == previous and reference.status == Reference.Status.REQUESTED
    application.refresh_from_db()
    assert application.manager == previous and application.manager_corrected
    assert reference_for_token(last_link_to(previous.email)) == reference


def test_asking_someone_who_is_not_a_manager_changes_nothing(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    application = submitted(world, django_capture_on_commit_callbacks)
    Reference.objects.update(status=Reference.Status.DECLINED)
    with pytest.raises(ValidationError) as exc:
        reference_ask_another(application=application, manager=world.employee)
    assert "är inte chef" in " ".join(exc.value.messages)
    reference = Reference.objects.get()
    assert reference.status == Reference.Status.DECLINED
    assert reference.manager == world.manager_person


def test_asking_an_applicant_of_the_same_call_is_refused(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    application = submitted(world, django_capture_on_commit_callbacks)
    rival = other_manager(world)
    Application.objects.create(call=application.call, applicant=rival)
    answer = world.client_for("coordinator").post(
        f"/ansokningar/{application.pk}/referens/annan-chef/", {"manager": rival.pk}
    )
    assert answer.status_code == 400
    assert "har också sökt" in answer.content.decode()
    assert Reference.objects.get(application=application).manager == world.manager_person


def test_a_given_reference_cannot_be_replaced(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    application = submitted(world, django_capture_on_commit_callbacks)
    Reference.objects.update(status=Reference.Status.GIVEN)
    with pytest.raises(ValidationError):
        reference_ask_another(application=application, manager=other_manager(world))
    assert Reference.objects.get().status == Reference.Status.GIVEN


def test_no_reference_action_after_the_decision(world: World) -> None:
    call: Call = decided_call(world)
    application = call.applications.first()
    assert application is not None
    Reference.objects.filter(application=application).update(status=Reference.Status.REQUESTED)
    with pytest.raises(ValidationError):
        reference_remind(application=application)
    page = world.client_for("coordinator").get(f"/ansokningar/{application.pk}/")
    assert "Påminn chefen" not in page.content.decode()


def test_the_application_page_shows_unit_administration_steps_and_next_action(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    application = submitted(world, django_capture_on_commit_callbacks)
    page = world.client_for("coordinator").get(f"/ansokningar/{application.pk}/")
    html = page.content.decode()
    assert "Hemtjänst Norr" in html and "Socialförvaltningen" in html
    assert "Inskickad" in html and "Referens begärd" in html
    assert "Påminn chefen" in html and "Be en annan chef" in html
    progress = application_progress(application)
    assert "Maria Chef" in progress.next_action
    Reference.objects.update(status=Reference.Status.DECLINED)
    declined = world.client_for("coordinator").get(f"/ansokningar/{application.pk}/")
    assert "Be en annan chef om en referens." in declined.content.decode()
    assert "Påminn chefen" not in declined.content.decode()


def test_the_applicant_and_interviewers_see_no_steps_or_actions(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    application = submitted(world, django_capture_on_commit_callbacks)
    answer = world.client_for("participant").post(f"/ansokningar/{application.pk}/referens/paminn/")
    assert answer.status_code == 404
    assert Reference.objects.get().reminders_sent == 0
