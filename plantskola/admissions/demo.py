"""Demo admission: Uppsala's Ledarlabbet 2027 with a call open now, applications in every
state, references (some given, some missing), an applicant login `sokande` with a draft, and
one reference link whose secret is published for the demo (DEMO_REFERENCE_TOKEN).
Idempotent; no e-mail is sent while loading."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.utils import timezone

from plantskola.admissions.models import (
    Answer,
    Application,
    Call,
    CallQuestion,
    Reference,
    ReferenceRating,
)
from plantskola.admissions.services import _hash
from plantskola.competencies.models import RequirementProfile
from plantskola.core.models import Organisation, Person, User
from plantskola.programmes.models import Edition, Programme

DEMO_REFERENCE_TOKEN = "demo-referens-ledarlabbet-2027"  # noqa: S105 - published demo link
STOCKHOLM = ZoneInfo("Europe/Stockholm")
LOGINS = [
    ("sokande", "Sökande till Ledarlabbet 2027 (Uppsala): ett utkast till ansökan att skicka in"),
]
QUESTIONS = [
    "Berätta om en situation där du tog ledningen i en grupp. "
    "Vad gjorde du och vad blev resultatet?",
    "Vad vill du utveckla hos dig själv under Ledarlabbet?",
    "Hur ser du på chefsuppdraget i en politiskt styrd organisation?",
]
MOTIVATIONS = [
    "Jag har lett flera förbättringsprojekt i min enhet och vill nu pröva om chefsrollen "
    "är något för mig.",
    "Jag vill utvecklas i att leda andra och bidra till att fler chefer rekryteras inifrån.",
    "Mina kollegor vänder sig ofta till mig när något behöver lösas, och jag vill ta nästa steg.",
]


def load() -> None:
    uppsala = Organisation.objects.filter(slug="uppsala").first()
    programme = Programme.objects.filter(organisation=uppsala, name="Ledarlabbet").first()
    if uppsala is None or programme is None:
        return
    edition, _ = Edition.objects.get_or_create(
        programme=programme,
        name="Ledarlabbet 2027",
        defaults={
            "start_date": dt.date(2027, 2, 1),
            "end_date": dt.date(2027, 12, 10),
            "capacity": 16,
            "status": Edition.Status.OPEN,
        },
    )
    call, created = Call.objects.get_or_create(
        edition=edition,
        defaults={
            "title": "Ledarlabbet 2027 – för dig som vill bli chef",
            "description": (
                "Ledarlabbet är Uppsala kommuns program för medarbetare som vill utvecklas mot "
                "ett chefsuppdrag. Under ett år deltar du i labb om samtalsfärdighet, feedback "
                "i en arbetsgrupp och mötesledning, och senare chefslabb, beteendelabb, "
                "förändringslabb och utvecklingslabb.\n\nUrvalet görs utifrån din ansökan, en "
                "referens från din närmaste chef och kompetensbaserade intervjuer med "
                "chefsrekryterare och hr. Vi strävar efter en spridning av deltagare över hela "
                "kommunkoncernen. 16 platser."
            ),
            "opens_at": dt.datetime(2026, 11, 2, 8, 0, tzinfo=STOCKHOLM),
            "closes_at": dt.datetime(2027, 1, 15, 23, 59, tzinfo=STOCKHOLM),
            "reference_deadline": dt.date(2027, 1, 31),
            "non_managers_only": True,
            "requirement_profile": RequirementProfile.objects.filter(
                organisation=uppsala, name="Blivande chef"
            ).first(),
        },
    )
    if created:
        call.organisations.add(uppsala)
        CallQuestion.objects.bulk_create(
            CallQuestion(call=call, order=i, text=text) for i, text in enumerate(QUESTIONS, 1)
        )
    questions = list(call.questions.all())
    candidates = list(
        Person.objects.filter(
            organisation=uppsala, is_active=True, is_manager=False, manager__isnull=False
        )
        .exclude(participations__edition__programme=programme)
        .order_by("employee_number")
    )
    rng = random.Random(2027)  # deterministic: the same applicants on every load
    applicants = rng.sample(candidates, min(24, len(candidates)))
    submitted_at = dt.datetime(2026, 11, 10, 9, 0, tzinfo=STOCKHOLM)
    for i, person in enumerate(applicants):
        status = Application.Status.DRAFT if i % 6 == 5 else Application.Status.SUBMITTED
        application, _ = Application.objects.get_or_create(
            call=call,
            applicant=person,
            defaults={
                "status": status,
                "motivation": MOTIVATIONS[i % len(MOTIVATIONS)],
                "manager": person.manager,
                "submitted_at": submitted_at + dt.timedelta(hours=7 * i)
                if status == Application.Status.SUBMITTED
                else None,
            },
        )
        for question in questions:
            Answer.objects.get_or_create(
                application=application,
                question=question,
                defaults={"text": "Ett konkret exempel från min vardag i verksamheten."},
            )
        if application.status != Application.Status.SUBMITTED or application.manager is None:
            continue
        token = DEMO_REFERENCE_TOKEN if i == 0 else f"demo-unpublished-{call.pk}-{person.pk}"
        reference, _ = Reference.objects.get_or_create(
            application=application,
            defaults={
                "manager": application.manager,
                # Only the first link's secret is published; the others are random per load.
                "token_hash": _hash(token if i == 0 else f"{token}-{rng.random()}"),
                "expires_on": call.reference_deadline,
            },
        )
        if i % 3 == 1 and reference.status == Reference.Status.REQUESTED:
            _give(reference, rng)
    _applicant_login(applicants[-1] if applicants else None)


def _give(reference: Reference, rng: random.Random) -> None:
    profile = reference.application.call.requirement_profile
    if profile is None:
        return
    for competency in profile.competencies.all():
        ReferenceRating.objects.get_or_create(
            reference=reference, competency=competency, defaults={"rating": rng.randint(3, 5)}
        )
    reference.status = Reference.Status.GIVEN
    reference.recommendation = rng.choice(["strong", "yes", "yes", "reserved"])
    reference.comment = "En trygg kollega som tar ansvar och lyssnar på andra."
    reference.answered_at = timezone.now()
    reference.save()


def _applicant_login(person: Person | None) -> None:
    """`sokande`: an Uppsala employee with a draft application (shares the demo password)."""
    template = User.objects.filter(username="koordinator-uppsala").first()
    if person is None or template is None:
        return
    user, _ = User.objects.get_or_create(
        username="sokande",
        defaults={"first_name": person.first_name, "last_name": person.last_name},
    )
    user.password = template.password
    user.save(update_fields=["password"])
    if person.user_id != user.pk:
        Person.objects.filter(user=user).exclude(pk=person.pk).update(user=None)
        person.user = user
        person.save(update_fields=["user"])
