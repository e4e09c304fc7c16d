"""The demo's admissions (issue 21): both Ledarlabbet calls have an interviewer pool, and no
applicant persona, nor any applicant, interviews in their own programme's calls; no one
interviews an applicant whose closest manager they are."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction
from pytest_django import DjangoDbBlocker

from plantskola.admissions.models import Application, Call, Interview, InterviewSlot, PoolMember
from plantskola.demo.loader import demo_load

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        demo_load()
        yield
        transaction.set_rollback(True)


def test_no_applicant_interviews_in_their_programmes_calls(demo: None) -> None:
    # The history's calls (2021–2023, from the insights demo) have no interviews.
    calls = list(Call.objects.filter(edition__programme__name="Ledarlabbet", pool__isnull=False))
    assert {c.edition.name for c in set(calls)} == {"Ledarlabbet 2024", "Ledarlabbet 2027"}
    for call in set(calls):
        programme_applicants = set(
            Application.objects.filter(call__edition__programme=call.edition.programme).values_list(
                "applicant_id", flat=True
            )
        )
        pool = set(PoolMember.objects.filter(call=call).values_list("person_id", flat=True))
        assert {m.role for m in PoolMember.objects.filter(call=call)} == {
            "hr",
            "manager_recruiter",
        }
        assert not pool & programme_applicants
        interviews = Interview.objects.filter(application__call=call).select_related(
            "application__applicant"
        )
        slots = InterviewSlot.objects.filter(call=call)
        assert interviews.exists()
        for interview in interviews:
            people = set(interview.interviewers.values_list("pk", flat=True))
            assert people and people <= pool
            applicant = interview.application.applicant
            assert applicant is not None
            assert applicant.manager_id not in people
            assert interview.application.manager_id not in people
        for slot in slots:
            assert set(slot.interviewers.values_list("pk", flat=True)) <= pool


def test_the_demo_personas_with_a_login_interview_nowhere_they_applied(demo: None) -> None:
    for interview in Interview.objects.filter(
        application__call__edition__programme__name="Ledarlabbet"
    ):
        for person in interview.interviewers.all():
            assert person.user_id is not None
            assert not Application.objects.filter(
                call__edition__programme__name="Ledarlabbet", applicant=person
            ).exists()


def test_the_demo_reference_form_shows_anchored_scales(demo: None) -> None:
    """Every competency of Ledarlabbet 2027's requirement profile says what 1 and 5 mean."""
    call = Call.objects.get(edition__name="Ledarlabbet 2027")
    profile = call.requirement_profile
    assert profile is not None
    competencies = list(profile.competencies.all())
    assert len(competencies) == 5
    assert all(c.anchor_low and c.anchor_high for c in competencies)


def test_the_demo_reserves_have_their_reserve_numbers(demo: None) -> None:
    call = Call.objects.get(edition__name="Ledarlabbet 2024")
    positions = sorted(
        p or 0
        for p in Application.objects.filter(call=call, outcome="reserve").values_list(
            "reserve_position", flat=True
        )
    )
    assert positions == list(range(1, call.reserve_list_size + 1))
