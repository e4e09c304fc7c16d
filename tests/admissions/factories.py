"""Builders for admissions tests: a call on the World's edition with a requirement profile."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from plantskola.admissions.decision.services import decision_confirm
from plantskola.admissions.models import (
    Answer,
    Application,
    Call,
    CallQuestion,
    Interview,
    PoolMember,
    Reference,
    ReferenceRating,
    Scorecard,
    ScorecardRating,
)
from plantskola.admissions.selection.rules import Rules
from plantskola.admissions.selection.services import selection_run
from plantskola.competencies.models import Competency, ProfileRequirement, RequirementProfile
from plantskola.core.models import Person, User
from tests.conftest import World


def user_of(w: World, role: str) -> User:
    """The world's user in `role` (every role the admissions tests use has one)."""
    user = w.users[role]
    assert user is not None, role
    return user


def person_of(w: World, role: str) -> Person:
    return user_of(w, role).person


def competencies_of(call: Call) -> list[Competency]:
    """The competencies of the call's requirement profile (`make_call` always gives one)."""
    profile = call.requirement_profile
    assert profile is not None
    return list(profile.competencies.all())


def first_name_of(application: Application) -> str:
    """The applicant's first name (not weeded: the person is still there)."""
    assert application.applicant is not None
    return application.applicant.first_name


def make_call(w: World, *, open_now: bool = True) -> Call:
    existing = Call.objects.filter(edition=w.edition).first()
    if existing:
        return existing
    profile, _ = RequirementProfile.objects.get_or_create(organisation=w.host, name="Blivande chef")
    for name in ["Kommunikation", "Självinsikt"]:
        competency, _ = Competency.objects.get_or_create(organisation=w.host, name=name)
        ProfileRequirement.objects.get_or_create(
            profile=profile, competency=competency, defaults={"level": 2}
        )
    now = timezone.now()
    opens = now - dt.timedelta(days=5) if open_now else now + dt.timedelta(days=5)
    call = Call.objects.create(
        edition=w.edition,
        title="Ledarlabbet 2026",
        description="Vill du bli chef?",
        opens_at=opens,
        published_at=opens - dt.timedelta(days=1),
        closes_at=opens + dt.timedelta(days=20),
        reference_deadline=(opens + dt.timedelta(days=30)).date(),
        requirement_profile=profile,
        non_managers_only=True,
    )
    call.organisations.add(w.host, w.partner)
    CallQuestion.objects.create(
        call=call, order=1, text="Berätta om en situation där du ledde andra."
    )
    # The interviewer pool: HR staff (the HR administrator and the coordinator) and the course
    # leader as manager recruiter.
    for role, pool_role in (("hr", "hr"), ("coordinator", "hr"), ("leader", "manager_recruiter")):
        PoolMember.objects.create(call=call, person=person_of(w, role), role=pool_role)
    return call


def decided_call(w: World, *, capacity: int = 1, reserves: int = 1) -> Call:
    """A closed call with three applicants (Ada 5, Bo 4, Cid 3 from their references; Ada also
    interviewed and scored with evidence), a selection run and a confirmed decision."""
    call = make_call(w)
    competencies = competencies_of(call)
    question = call.questions.get()
    for i, (name, rating) in enumerate([("Ada", 5), ("Bo", 4), ("Cid", 3)]):
        person = Person.objects.create(
            organisation=w.host,
            employee_number=f"D{i}",
            first_name=name,
            last_name="Sökande",
            unit_id=w.unit_id,
            gender="woman" if i % 2 else "man",
            email=f"{name.lower()}@host.example",
        )
        application = Application.objects.create(
            call=call,
            applicant=person,
            status="submitted",
            manager=w.manager_person,
            motivation=f"{name} vill leda",
            submitted_at=timezone.now(),
        )
        Answer.objects.create(application=application, question=question, text=f"{name} svarar")
        reference = Reference.objects.create(
            application=application,
            manager=w.manager_person,
            token_hash=f"decided-{i}",
            expires_on=call.reference_deadline,
            status="given",
            comment=f"{name} är bra",
        )
        for c in competencies:
            ReferenceRating.objects.create(reference=reference, competency=c, rating=rating)
        if name == "Ada":
            interview = Interview.objects.create(
                application=application,
                starts_at=timezone.now() - dt.timedelta(days=3),
                ends_at=timezone.now() - dt.timedelta(days=3) + dt.timedelta(hours=1),
                place="Stadshuset",
                uid="decided-ada@plantskola",
            )
            interviewer = person_of(w, "hr")
            interview.interviewers.add(interviewer)
            card = Scorecard.objects.create(interview=interview, interviewer=interviewer)
            for c in competencies:
                ScorecardRating.objects.create(
                    scorecard=card, competency=c, rating=5, evidence="Ada berättade om krisen"
                )
    Call.objects.filter(pk=call.pk).update(
        opens_at=timezone.now() - dt.timedelta(days=30),
        closes_at=timezone.now() - dt.timedelta(days=1),
    )
    call.refresh_from_db()
    user = user_of(w, "coordinator")
    # Bo and Cid have no interview: counted as the lowest score there, they rank after Ada.
    run = selection_run(call=call, rules=Rules(capacity=capacity, incomplete="lowest"), user=user)
    decision_confirm(call=call, run=run, user=user, reserves=reserves)
    call.refresh_from_db()
    return call
