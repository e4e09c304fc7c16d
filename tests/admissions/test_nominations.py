"""Talent nominations and the talent pool (issue 19 point 2): a manager nominates only within
their units; the employee is told and answers; accepting starts the application with the
manager's reference given; a declined nomination is seen by nobody else; the talent pool is
for HR and the person, who can withdraw at any time."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from plantskola.access.admissions import call_nominations_for_user
from plantskola.admissions.models import (
    Application,
    Call,
    Nomination,
    Reference,
    TalentInterest,
)
from plantskola.admissions.nominations import retention
from plantskola.admissions.nominations.services import (
    CompetencyEvidence,
    nomination_answer,
    nomination_create,
    talent_interest_set,
)
from plantskola.admissions.services import application_save
from plantskola.core.declarations import declarations_for
from plantskola.core.models import Person
from plantskola.privacy.erasure.services import erase_person
from plantskola.privacy.extract.selectors import build_extract
from plantskola.programmes.models import Edition, Participant, Programme
from tests.admissions.factories import competencies_of, make_call, person_of, user_of
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _form(call: Call, *, motivation: str = "Tar ansvar och ser helheten.") -> dict[str, str]:
    first, second = competencies_of(call)
    return {
        "motivation": motivation,
        f"rating_{first.pk}": "4",
        f"evidence_{first.pk}": "Leder arbetsplatsträffarna.",
        f"rating_{second.pk}": "",
        f"evidence_{second.pk}": "",
    }


def _nominate(w: World, nominee: Person, *, by: str = "manager") -> Nomination:
    call = make_call(w)
    competency = competencies_of(call)[0]
    return nomination_create(
        call=call,
        nominee=nominee,
        nominator=person_of(w, by) if by != "admin" else None,
        user=user_of(w, by),
        motivation="Tar ansvar och ser helheten.",
        evidence=[CompetencyEvidence(competency, 4, "Leder arbetsplatsträffarna.")],
    )


def _create_url(call: Call, person: Person) -> str:
    return reverse("admissions:nomination_create", args=[call.pk, person.pk])


def test_a_manager_nominates_an_employee_of_their_unit_who_is_told_by_email(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    call = make_call(world)
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client_for("manager").post(_create_url(call, world.employee), _form(call))
    assert response.status_code == 302
    nomination = Nomination.objects.get(nominee=world.employee)
    assert nomination.status == Nomination.Status.PENDING
    assert nomination.nominated_by == world.manager_person
    assert [(c.competency.name, c.rating) for c in nomination.competencies.all()] == [
        (competencies_of(call)[0].name, 4)
    ]
    sent = [m for m in mail.outbox if m.to == [world.employee.email]]
    assert len(sent) == 1
    assert f"/mina-nomineringar/{nomination.pk}/" in sent[0].body
    # A link, never the motivation.
    assert "helheten" not in sent[0].body


def test_a_manager_cannot_nominate_someone_outside_their_units(world: World) -> None:
    call = make_call(world)
    client = world.client_for("manager")
    outside = [
        person_of(world, "hr"),  # the host's HR department: not the manager's subtree
        Person.objects.get(employee_number="O100"),  # another organisation
        Person.objects.get(employee_number="P100"),  # a partner's employee
    ]
    for person in outside:
        assert client.get(_create_url(call, person)).status_code == 404
        assert client.post(_create_url(call, person), _form(call)).status_code == 404
    assert not Nomination.objects.exists()
    # Nor can an employee (no manager, no HR role) nominate anyone.
    assert world.client_for("participant").get(_create_url(call, world.employee)).status_code == 404


def test_a_nomination_without_a_rated_competency_is_refused_and_nothing_is_saved(
    world: World,
) -> None:
    call = make_call(world)
    data = _form(call)
    first = competencies_of(call)[0]
    data[f"rating_{first.pk}"] = ""
    response = world.client_for("manager").post(_create_url(call, world.employee), data)
    assert response.status_code == 400
    assert not Nomination.objects.exists()


def test_a_manager_cannot_nominate_to_a_call_the_employee_may_not_apply_to(world: World) -> None:
    call = make_call(world)
    call.closes_at = timezone.now() - dt.timedelta(minutes=1)
    call.opens_at = call.closes_at - dt.timedelta(days=10)
    call.save()
    with pytest.raises(ValidationError):
        _nominate(world, world.employee)
    assert not Nomination.objects.exists()


def test_accepting_starts_the_application_with_the_managers_reference_given(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    pia = person_of(world, "participant")
    nomination = _nominate(world, pia)
    client = world.client_for("participant")
    assert client.get(reverse("admissions:own_nomination", args=[nomination.pk])).status_code == 200
    response = client.post(
        reverse("admissions:own_nomination", args=[nomination.pk]), {"answer": "accept"}
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.ACCEPTED
    application = Application.objects.get(call=nomination.call, applicant=pia)
    assert nomination.application == application
    assert application.status == Application.Status.DRAFT
    assert application.manager == world.manager_person
    reference = Reference.objects.get(application=application)
    assert reference.status == Reference.Status.GIVEN
    assert reference.manager == world.manager_person
    assert "Tar ansvar och ser helheten." in reference.comment
    assert "Leder arbetsplatsträffarna." in reference.comment
    assert [r.rating for r in reference.ratings.all()] == [4]
    # Submitting keeps the given reference and asks nobody for another one.
    question = nomination.call.questions.get()
    with django_capture_on_commit_callbacks(execute=True):
        application_save(
            call=nomination.call,
            applicant=pia,
            motivation="Jag vill leda.",
            answers={question.pk: "Svar"},
            manager=world.manager_person,
            submit=True,
        )
    reference.refresh_from_db()
    assert reference.status == Reference.Status.GIVEN
    assert Reference.objects.filter(application=application).count() == 1
    assert not [m for m in mail.outbox if m.to == [world.manager_person.email]]


def test_a_nomination_is_answered_once(world: World) -> None:
    nomination = _nominate(world, person_of(world, "participant"))
    nomination_answer(nomination=nomination, accept=False)
    with pytest.raises(ValidationError):
        nomination_answer(nomination=nomination, accept=True)
    assert not Application.objects.exists()


def test_a_declined_nomination_is_seen_by_nobody_else(world: World) -> None:
    declined = _nominate(world, person_of(world, "participant"))
    nomination_answer(nomination=declined, accept=False)
    pending = _nominate(world, world.employee)
    call = declined.call
    coordinator = user_of(world, "coordinator")
    assert list(call_nominations_for_user(coordinator, call)) == [pending]
    page = world.client_for("coordinator").get(
        reverse("admissions:call_nominations", args=[call.pk])
    )
    main = page.content.decode().split("<main", 1)[1]
    assert world.employee.last_name in main
    assert "Deltagare" not in main  # Pia Deltagare declined
    listing = world.client_for("coordinator").get(
        reverse("admissions:application_list", args=[call.pk])
    )
    assert listing.context["nomination_count"] == 1
    # The nominator sees the same "closed" for a declined nomination as for an accepted one.
    home = world.client_for("manager").get(reverse("admissions:nomination_home"))
    rows = {n.nominee_id: n.status_text for n in home.context["nominations"]}
    nora = Person.objects.create(
        organisation=world.host, employee_number="H900", first_name="Nora", last_name="Nyfiken"
    )
    accepted = _nominate(world, nora, by="hr")
    nomination_answer(nomination=accepted, accept=True)
    hr_home = world.client_for("hr").get(reverse("admissions:nomination_home"))
    hr_rows = {n.nominee_id: n.status_text for n in hr_home.context["nominations"]}
    assert rows[declined.nominee_id] == hr_rows[accepted.nominee_id]
    assert rows[declined.nominee_id] != rows[pending.nominee_id]
    # And the nominator cannot open the nominee's own page.
    own = reverse("admissions:own_nomination", args=[declined.pk])
    assert world.client_for("manager").get(own).status_code == 404


def test_another_nominator_is_not_stopped_by_a_declined_nomination(world: World) -> None:
    pia = person_of(world, "participant")
    nomination_answer(nomination=_nominate(world, pia), accept=False)
    again = _nominate(world, pia, by="hr")
    assert again.status == Nomination.Status.PENDING
    with pytest.raises(ValidationError):
        _nominate(world, pia)  # the same manager again: refused, they know anyway


def test_the_coordinators_see_the_spread_across_the_organisation(world: World) -> None:
    _nominate(world, world.employee)
    _nominate(world, person_of(world, "participant"))
    page = world.client_for("hr").get(
        reverse("admissions:call_nominations", args=[make_call(world).pk])
    )
    spread = page.context["data"].spread
    assert spread == [("Socialförvaltningen", 2)]  # both in Hemtjänst Norr, under it


# --- the talent pool -----------------------------------------------------------------------


def _pool_names(world: World, role: str) -> list[str] | int:
    response = world.client_for(role).get(reverse("admissions:talent_pool", args=[world.host.slug]))
    if response.status_code != 200:
        return int(response.status_code)
    return [e.person.last_name for e in response.context["entries"]]


def test_the_pool_is_for_hr_and_the_person_and_a_withdrawal_removes_them(world: World) -> None:
    pia = person_of(world, "participant")
    nomination_answer(nomination=_nominate(world, pia), accept=True)
    client = world.client_for("participant")
    page = client.get(reverse("admissions:my_talent"))
    assert page.context["eligible"] and page.context["interest"] is None
    assert client.post(reverse("admissions:my_talent"), {"interested": "yes"}).status_code == 302
    assert _pool_names(world, "hr") == ["Deltagare"]
    for role in ["manager", "coordinator", "participant", "partner", "outsider"]:
        assert _pool_names(world, role) == 404, role
    page = client.get(reverse("admissions:my_talent"))
    assert page.context["entry"].nominations[0].motivation == "Tar ansvar och ser helheten."
    client.post(reverse("admissions:my_talent"), {"interested": "no"})
    assert not TalentInterest.objects.exists()
    assert _pool_names(world, "hr") == []


def test_only_an_accepted_nomination_or_a_completed_pre_manager_programme_qualifies(
    world: World,
) -> None:
    employee = world.employee
    with pytest.raises(ValidationError):
        talent_interest_set(person=employee, interested=True)
    nomination_answer(nomination=_nominate(world, employee), accept=False)
    with pytest.raises(ValidationError):
        talent_interest_set(person=employee, interested=True)
    programme = Programme.objects.create(
        organisation=world.host, name="Blivande chefer", audience=Programme.Audience.PRE_MANAGERS
    )
    edition = Edition.objects.create(
        programme=programme,
        name="Blivande chefer 2025",
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2025, 6, 30),
    )
    Participant.objects.create(edition=edition, person=employee, status="completed")
    assert talent_interest_set(person=employee, interested=True) is not None
    assert _pool_names(world, "hr") == [employee.last_name]


# --- privacy -------------------------------------------------------------------------------


def test_nominations_and_interest_are_declared_for_the_register_extract(world: World) -> None:
    pia = person_of(world, "participant")
    nomination = _nominate(world, pia)
    nomination_answer(nomination=nomination, accept=True)
    talent_interest_set(person=pia, interested=True)
    for model in [Nomination, TalentInterest]:
        rows = [row for d in declarations_for(model) for row in d.rows_for(pia)]
        assert rows, model


def test_the_extract_lists_the_nomination_and_erasure_removes_it(world: World) -> None:
    pia = person_of(world, "participant")
    nomination_answer(nomination=_nominate(world, pia), accept=True)
    talent_interest_set(person=pia, interested=True)
    categories = {s.category for s in build_extract(pia).sections}
    assert {"Nominations to calls", "Interest in a manager role (the talent pool)"} <= {
        str(c) for c in categories
    } or {"Nomineringar till utlysningar", "Intresse för ett chefsuppdrag (talangpoolen)"} <= (
        categories
    )
    # The manager's own record: the nominations they made.
    manager_categories = {str(s.category) for s in build_extract(world.manager_person).sections}
    assert manager_categories & {"Nominations made as manager", "Nomineringar gjorda som chef"}
    erase_person(pia)
    assert not Nomination.objects.exists() and not TalentInterest.objects.exists()


def test_declined_nominations_are_weeded_six_months_after_the_answer(world: World) -> None:
    declined = _nominate(world, person_of(world, "participant"))
    nomination_answer(nomination=declined, accept=False)
    kept = _nominate(world, world.employee)
    nomination_answer(nomination=kept, accept=True)
    today = timezone.localdate()
    months = retention.DEFAULT_MONTHS
    soon = today + dt.timedelta(days=150)
    assert not retention.due(world.host, months, soon).exists()
    later = today + dt.timedelta(days=190)
    due = retention.due(world.host, months, later)
    assert list(due) == [declined]
    assert retention.weed(due) == {"nominations": 1}
    assert list(Nomination.objects.all()) == [kept]
    assert not retention.due(world.host, months, later).exists()
    assert [b.count for b in retention.schedule(world.host, months)] == []


def test_the_start_page_shows_a_pending_nomination_to_the_nominee(world: World) -> None:
    nomination = _nominate(world, person_of(world, "participant"))
    page = world.client_for("participant").get("/")
    assert reverse("admissions:own_nomination", args=[nomination.pk]) in page.content.decode()
    mine = world.client_for("participant").get(reverse("admissions:my_applications"))
    assert re.search(
        rf'href="{reverse("admissions:own_nomination", args=[nomination.pk])}"',
        mine.content.decode(),
    )
    manager_home = world.client_for("manager").get("/").content.decode()
    assert reverse("admissions:nomination_home") in manager_home
