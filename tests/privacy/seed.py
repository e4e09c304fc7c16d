"""Puts one person (the World's participant, Pia Deltagare) into every app, with a distinctive
text in each free-text field, for the register extract and erasure tests."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from plantskola.admissions.models import (
    Answer,
    Application,
    Interview,
    Reference,
    ReferenceRating,
    Scorecard,
    ScorecardRating,
)
from plantskola.competencies.models import Competency
from plantskola.core.models import AuditEntry, OutgoingEmail, Person, PersonChange
from plantskola.development.models import Reflection, ShadowingMatch, ShadowingPreference
from plantskola.development.plans import services as services_plans
from plantskola.evaluations import services as evaluation_services
from plantskola.events.models import Registration
from plantskola.insights.models import CareerEvent, RecruitmentApplication, RecruitmentImport
from plantskola.programmes.calendar.services import feed_regenerate
from plantskola.programmes.models import Attendance, NetworkProfile
from tests.admissions.factories import make_call
from tests.conftest import World
from tests.development.authz_rows_shadowing import host, make_round
from tests.development.plans_helpers import make_plan
from tests.diplomas.helpers import issued_diploma
from tests.evaluations.helpers import questions, session_survey, template
from tests.events.authz_rows import host_event
from tests.privacy.helpers import world_user

MARKERS = {
    "motivation": "Jag vill leda med nyfikenhet-MOTIV",
    "answer": "Jag ledde ett förändringsarbete-SVAR",
    "reference_comment": "Pia tar ansvar och lyssnar-REFERENS",
    "evidence": "Gav tydliga exempel på coachning-BEVIS",
    "presentation": "Gärna samtal om schemaläggning-PROFIL",
    "dietary": "Glutenfri-KOST",
    "email_body": "Hej Pia, tack för din ansökan-BREV",
    "goal_support": "Återkoppling från min chef-STÖD",
    "reflection": "Dagen fick mig att tänka på ansvar-REFLEKTION",
    "career_note": "Vikarierande enhetschef-KARRIÄR",
    "named_answer": "Jag vill lära mig om arbetsrätt-BEHOV",
}


def seed_everywhere(w: World) -> Person:
    person = w.participant.person
    person.email = "pia.deltagare@host.example"
    person.save(update_fields=["email"])
    PersonChange.objects.create(
        person=person,
        field="title",
        old_value="Undersköterska",
        new_value="Samordnare",
        effective_date=dt.date(2026, 1, 1),
        source="roster",
    )
    NetworkProfile.objects.create(person=person, presentation=MARKERS["presentation"])
    feed_regenerate(person=person)
    Attendance.objects.create(session=w.session, participant=w.participant, status="present")
    call = make_call(w)
    application = Application.objects.create(
        call=call,
        applicant=person,
        manager=w.manager_person,
        status=Application.Status.SUBMITTED,
        motivation=MARKERS["motivation"],
        submitted_at=timezone.now(),
    )
    Answer.objects.create(
        application=application, question=call.questions.get(), text=MARKERS["answer"]
    )
    competency = Competency.objects.filter(organisation=w.host).first()
    assert competency is not None  # the world's host has a leadership platform
    reference = Reference.objects.create(
        application=application,
        manager=w.manager_person,
        token_hash="x" * 64,
        expires_on=dt.date(2027, 1, 1),
        status=Reference.Status.GIVEN,
        comment=MARKERS["reference_comment"],
    )
    ReferenceRating.objects.create(reference=reference, competency=competency, rating=3)
    interview = Interview.objects.create(
        application=application,
        starts_at=timezone.now(),
        ends_at=timezone.now() + dt.timedelta(hours=1),
        place="Stadshuset",
    )
    scorecard = Scorecard.objects.create(interview=interview, interviewer=w.manager_person)
    ScorecardRating.objects.create(
        scorecard=scorecard, competency=competency, rating=4, evidence=MARKERS["evidence"]
    )
    issued_diploma(w)
    Registration.objects.create(
        event=host_event(w),
        person=person,
        dietary_needs=MARKERS["dietary"],
        registered_at=timezone.now(),
    )
    OutgoingEmail.objects.create(
        organisation=w.host,
        template_key="application_receipt",
        to=person.email,
        subject="Din ansökan",
        body=MARKERS["email_body"],
        status="sent",
    )
    _seed_development(w)
    _seed_evaluations(w)
    _seed_insights(w)
    AuditEntry.objects.create(
        action="read",
        object_type="admissions.application",
        object_id=str(application.pk),
        subject_person_id=person.pk,
        organisation_id=w.host.pk,
    )
    return person


def _seed_development(w: World) -> None:
    plan = make_plan(w, with_manager=True)
    goal = plan.goals.first()
    assert goal is not None
    goal.support = MARKERS["goal_support"]
    goal.save(update_fields=["support"])
    services_plans.plan_comment(plan=plan, author=world_user(w, "manager"), text="Bra början!")
    Reflection.objects.create(
        participant=w.participant, session=w.session, text=MARKERS["reflection"], shared=True
    )
    round = make_round(w)
    ShadowingPreference.objects.create(round=round, participant=w.participant, host=host(w), rank=1)
    ShadowingMatch.objects.create(
        round=round,
        participant=w.participant,
        host=host(w),
        status=ShadowingMatch.Status.ACCEPTED,
        token_hash="seed-" + "0" * 59,
        expires_on=dt.date(2030, 1, 1),
    )


def _seed_evaluations(w: World) -> None:
    # An anonymous survey: Pia gets a token with the invitation.
    evaluation_services.tokens_sync(survey=session_survey(w))
    needs_template = template(w, name="Behov och förväntningar")
    needs = evaluation_services.survey_create(
        template=needs_template,
        title="Behov inför omgången",
        target=w.edition,
        opens_on=timezone.localdate() - dt.timedelta(days=1),
        closes_on=timezone.localdate() + dt.timedelta(days=10),
        is_anonymous=False,
    )
    qs = questions(needs_template)
    evaluation_services.response_submit(
        survey=needs,
        person=w.participant.person,
        answers={
            qs["text"].pk: MARKERS["named_answer"],
            qs["rating"].pk: 5,
            qs["single"].pk: "Lagom",
        },
        today=timezone.localdate(),
    )


def _seed_insights(w: World) -> None:
    person = w.participant.person
    CareerEvent.objects.create(
        person=person,
        kind=CareerEvent.Kind.CHANGED_ROLE,
        date=dt.date(2026, 3, 1),
        title="Vikarierande enhetschef",
        note=MARKERS["career_note"],
        created_by=w.users["hr"],
    )
    assert person.unit is not None and person.unit.parent_id is not None
    administration_id = person.unit.parent_id
    batch = RecruitmentImport.objects.create(
        organisation=w.host, filename="rekrytering.xlsx", uploaded_by=w.users["hr"], rows=1
    )
    RecruitmentApplication.objects.create(
        organisation=w.host,
        batch=batch,
        post="Enhetschef hemtjänst",
        administration_id=administration_id,
        date=dt.date(2026, 5, 1),
        gender="woman",
        internal=True,
        employee_number=person.employee_number,
        outcome="hired",
    )
