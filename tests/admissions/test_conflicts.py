"""Conflicts of interest (issue 21): an applicant of a call never interviews, gives references
for others or reads the selection in it; an applicant's closest manager never interviews them;
only the call's interviewer pool interviews at all. Each rule is enforced in the services and
the access layer, not only in the forms, with a Swedish message."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from plantskola.access.admissions import (
    applications_for_user,
    calls_for_user,
    interviews_for_user,
)
from plantskola.admissions.interviews.forms import InterviewForm
from plantskola.admissions.interviews.services import interview_book, scorecard_save
from plantskola.admissions.models import Application, Call, Interview, PoolMember, Reference
from plantskola.admissions.pool.selectors import interviewers_for, pool_candidates
from plantskola.admissions.pool.services import pool_add, pool_remove
from plantskola.admissions.services import application_save, reference_give
from plantskola.admissions.slots.forms import SlotsForm
from plantskola.admissions.slots.services import slots_publish
from plantskola.core.models import Person
from tests.admissions.factories import competencies_of, make_call, person_of, user_of
from tests.conftest import World

pytestmark = pytest.mark.django_db


def submitted(w: World, person: Person | None = None, **kw: Any) -> Application:
    return Application.objects.create(
        call=make_call(w),
        applicant=person or w.participant.person,
        status="submitted",
        motivation="M",
        manager=w.manager_person,
        **kw,
    )


def book(application: Application, interviewers: list[Person]) -> Interview:
    return interview_book(
        application=application,
        starts_at=timezone.now() + dt.timedelta(days=7),
        minutes=60,
        place="Stadshuset",
        interviewers=interviewers,
    )


def test_an_applicant_of_the_call_is_never_booked_as_interviewer(world: World) -> None:
    rival = submitted(world, person_of(world, "hr"))  # the HR administrator applied too
    application = submitted(world)
    with pytest.raises(ValidationError, match="har sökt till den här utlysningen"):
        book(application, [person_of(world, "hr"), person_of(world, "coordinator")])
    assert not Interview.objects.exists()
    # Nor offered in the form, nor for slots.
    form = InterviewForm(application=application)
    offered = set(form.fields["interviewers"].queryset)  # type: ignore[attr-defined]
    assert rival.applicant not in offered and person_of(world, "coordinator") in offered
    slots_form = SlotsForm(call=application.call)
    assert rival.applicant not in set(slots_form.fields["interviewers"].queryset)  # type: ignore[attr-defined]


def test_slots_cannot_be_published_with_an_applicant_as_interviewer(world: World) -> None:
    submitted(world, person_of(world, "leader"))
    start = timezone.now() + dt.timedelta(days=10)
    with pytest.raises(ValidationError, match="har sökt till den här utlysningen"):
        slots_publish(
            call=make_call(world),
            first_start=start,
            count=2,
            minutes=60,
            pause=0,
            place="Stadshuset",
            interviewers=[person_of(world, "leader")],
            bookable_until=start - dt.timedelta(days=1),
        )
    assert not make_call(world).interview_slots.exists()


def test_the_closest_manager_never_interviews_their_employee(world: World) -> None:
    call = make_call(world)
    manager = world.manager_person
    PoolMember.objects.create(call=call, person=manager, role="manager_recruiter")
    application = submitted(world)
    with pytest.raises(ValidationError, match="sökandes närmaste chef"):
        book(application, [manager, person_of(world, "hr")])
    assert manager not in set(interviewers_for(call=call, application=application))
    # The roster's closest manager counts even when the application names someone else.
    application.manager = None
    application.save()
    with pytest.raises(ValidationError, match="sökandes närmaste chef"):
        book(application, [manager])


def test_only_the_pool_interviews(world: World) -> None:
    application = submitted(world)
    steering = person_of(world, "steering")
    with pytest.raises(ValidationError, match="ingår inte i utlysningens intervjupanel"):
        book(application, [steering])
    pool_add(
        call=application.call,
        person=steering,
        role="manager_recruiter",
        user=user_of(world, "coordinator"),
    )
    assert book(application, [steering]).interviewers.get() == steering


def test_an_applicant_cannot_join_the_pool_and_hr_means_hr_staff(world: World) -> None:
    call = make_call(world)
    coordinator = user_of(world, "coordinator")
    employee = world.employee
    submitted(world, person_of(world, "steering"))
    assert person_of(world, "steering") not in set(pool_candidates(call))
    with pytest.raises(ValidationError, match="har sökt till den här utlysningen"):
        pool_add(
            call=call,
            person=person_of(world, "steering"),
            role="manager_recruiter",
            user=coordinator,
        )
    with pytest.raises(ValidationError, match="inte HR-personal"):
        pool_add(call=call, person=person_of(world, "manager"), role="hr", user=coordinator)
    with pytest.raises(ValidationError, match="inloggning"):
        pool_add(call=call, person=employee, role="manager_recruiter", user=coordinator)
    with pytest.raises(ValidationError, match="värdorganisationens personal"):
        pool_add(
            call=call,
            person=person_of(world, "partner"),
            role="manager_recruiter",
            user=coordinator,
        )
    assert call.pool.count() == 3  # the factory's pool, unchanged


def test_someone_in_the_pool_cannot_apply(world: World) -> None:
    call = make_call(world)
    leader = person_of(world, "leader")
    question = call.questions.get()
    with pytest.raises(ValidationError, match="ingår i utlysningens intervjupanel"):
        application_save(
            call=call,
            applicant=leader,
            motivation="Jag vill",
            answers={question.pk: "Svar"},
            manager=world.manager_person,
            submit=False,
        )
    assert not Application.objects.filter(applicant=leader).exists()


def test_a_manager_who_applied_gives_no_references_in_the_call(world: World) -> None:
    call = make_call(world)
    Call.objects.filter(pk=call.pk).update(non_managers_only=False)
    call.refresh_from_db()
    submitted(world, world.manager_person)  # the manager competes for a place
    question = call.questions.get()
    with pytest.raises(ValidationError, match="har också sökt till den här utlysningen"):
        application_save(
            call=call,
            applicant=world.employee,
            motivation="Jag vill",
            answers={question.pk: "Svar"},
            manager=world.manager_person,
            submit=True,
        )
    assert not Application.objects.filter(applicant=world.employee).exists()
    # A request sent before the manager applied can no longer be answered with a reference.
    earlier = submitted(world)
    reference = Reference.objects.create(
        application=earlier,
        manager=world.manager_person,
        token_hash="conflict",
        expires_on=call.reference_deadline,
    )
    with pytest.raises(ValidationError, match="Du har själv sökt"):
        reference_give(
            reference=reference,
            ratings={c.pk: 4 for c in competencies_of(call)},
            recommendation="yes",
            comment="",
        )
    reference.refresh_from_db()
    assert reference.status == Reference.Status.REQUESTED


def test_an_applicant_reads_nothing_of_the_others_even_as_coordinator(world: World) -> None:
    other = submitted(world)
    call = other.call
    hr = user_of(world, "hr")
    assert applications_for_user(hr, call).exists()
    Application.objects.create(call=call, applicant=person_of(world, "hr"))  # a draft is enough
    assert not applications_for_user(hr, call).exists()
    assert call not in calls_for_user(hr)
    client = world.client_for("hr")
    for name in ("selection", "application_list", "calibration", "interview_list"):
        assert client.get(reverse(f"admissions:{name}", args=[call.pk])).status_code == 403
    assert client.get(reverse("admissions:application_detail", args=[other.pk])).status_code == 404


def test_an_interviewer_who_applies_later_loses_the_scorecard(world: World) -> None:
    application = submitted(world)
    leader = person_of(world, "leader")
    interview = book(application, [leader])
    assert interviews_for_user(user_of(world, "leader")).filter(pk=interview.pk).exists()
    # Applying is refused while they are in the pool; suppose they were taken in anyway.
    Application.objects.create(call=application.call, applicant=leader)
    assert not interviews_for_user(user_of(world, "leader")).exists()
    with pytest.raises(ValidationError, match="har sökt till den här utlysningen"):
        scorecard_save(
            interview=interview,
            interviewer=leader,
            ratings={c.pk: (4, "") for c in competencies_of(application.call)},
        )
    assert not interview.scorecards.exists()


def test_a_booked_interviewer_stays_in_the_pool(world: World) -> None:
    application = submitted(world)
    leader = person_of(world, "leader")
    book(application, [leader])
    member = PoolMember.objects.get(call=application.call, person=leader)
    with pytest.raises(ValidationError, match="är bokad som intervjuare"):
        pool_remove(member=member)
    assert PoolMember.objects.filter(pk=member.pk).exists()
    free = PoolMember.objects.get(call=application.call, person=person_of(world, "hr"))
    pool_remove(member=free)
    assert not PoolMember.objects.filter(pk=free.pk).exists()


def test_the_coordinator_sets_the_pool_on_its_page(world: World) -> None:
    call = make_call(world)
    client = world.client_for("coordinator")
    url = reverse("admissions:interviewer_pool", args=[call.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Kursledare" in page.content.decode()
    steering = person_of(world, "steering")
    response = client.post(url, {"person": steering.pk, "role": "hr"})
    assert response.status_code == 400
    assert "inte HR-personal" in response.content.decode()
    response = client.post(url, {"person": steering.pk, "role": "manager_recruiter"})
    assert response.status_code == 302
    assert PoolMember.objects.get(call=call, person=steering).role == "manager_recruiter"
