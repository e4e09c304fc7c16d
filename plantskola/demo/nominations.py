"""Demo talent nominations (issue 19): Kungsbacka's call "Framtida chefer 2027" with two
nominations: one by `chef-kungsbacka`, accepted (a draft application with the reference
given), with the rest of their people left to nominate from their start page; one by another
manager, declined (seen by the employee only). Uppsala's Ledarlabbet 2027 shows a nomination
beside the applications.
Idempotent: rows are found by (call, nominee). Runs after the app demos (`chef-kungsbacka`
comes from the events demo)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from plantskola.admissions.models import (
    Application,
    Call,
    CallQuestion,
    Nomination,
    NominationCompetency,
)
from plantskola.admissions.nominations.selectors import nomination_competencies
from plantskola.admissions.nominations.services import nomination_reference_give
from plantskola.competencies.models import RequirementProfile
from plantskola.core.models import Organisation, Person, User
from plantskola.programmes.models import Edition, Programme

STOCKHOLM = ZoneInfo("Europe/Stockholm")
ANSWERED = dt.datetime(2026, 11, 24, 10, 0, tzinfo=STOCKHOLM)

MOTIVATIONS = [
    "Tar ansvar för helheten i arbetsgruppen och är den kollegorna vänder sig till när något "
    "behöver lösas. Har lett arbetsplatsträffar och introducerat nya medarbetare.",
    "Driver förbättringsarbete på eget initiativ och får med sig andra. Kommunicerar tydligt "
    "även när det är svårt.",
    "Har samordnat införandet av ett nytt arbetssätt i enheten och lyssnar in alla synpunkter.",
]
EVIDENCE = [
    "Har lett arbetsplatsträffarna under hösten.",
    "Förklarar förändringar så att alla förstår varför.",
]


def load() -> None:
    kungsbacka = Organisation.objects.filter(slug="kungsbacka").first()
    if kungsbacka is not None:
        _kungsbacka(kungsbacka)
    _uppsala()


def _kungsbacka_call(kungsbacka: Organisation) -> Call:
    programme, _ = Programme.objects.get_or_create(
        organisation=kungsbacka,
        name="Framtida chefer i Kungsbacka",
        defaults={
            "audience": Programme.Audience.PRE_MANAGERS,
            "description": "För medarbetare som vill pröva på och utvecklas mot ett chefsuppdrag.",
        },
    )
    edition, _ = Edition.objects.get_or_create(
        programme=programme,
        name="Framtida chefer 2027",
        defaults={
            "start_date": dt.date(2027, 3, 1),
            "end_date": dt.date(2027, 12, 10),
            "capacity": 20,
            "status": Edition.Status.OPEN,
        },
    )
    call, created = Call.objects.get_or_create(
        edition=edition,
        defaults={
            "title": "Framtida chefer 2027",
            "description": (
                "Vill du bli chef i Kungsbacka kommun? Framtida chefer är ett år med "
                "träffar, skuggning av en chef och ett eget utvecklingsuppdrag. Din chef kan "
                "nominera dig, och du kan själv söka."
            ),
            "opens_at": dt.datetime(2026, 11, 16, 8, 0, tzinfo=STOCKHOLM),
            "published_at": dt.datetime(2026, 11, 9, 9, 0, tzinfo=STOCKHOLM),
            "closes_at": dt.datetime(2027, 2, 15, 23, 59, tzinfo=STOCKHOLM),
            "reference_deadline": dt.date(2027, 2, 28),
            "non_managers_only": True,
            "requirement_profile": RequirementProfile.objects.filter(
                organisation=kungsbacka, name="Chef i Kungsbacka kommun"
            ).first(),
        },
    )
    if created:
        call.organisations.add(kungsbacka)
        CallQuestion.objects.bulk_create(
            [
                CallQuestion(call=call, order=1, text="Varför vill du bli chef?"),
                CallQuestion(
                    call=call, order=2, text="Berätta om en gång då du tog ledningen i en grupp."
                ),
            ]
        )
    return call


def _nominate(
    call: Call, nominee: Person, nominator: Person, user: User | None, text: str
) -> Nomination:
    nomination, created = Nomination.objects.get_or_create(
        call=call,
        nominee=nominee,
        defaults={"nominated_by": nominator, "nominated_by_user": user, "motivation": text},
    )
    if created:
        for competency, evidence in zip(nomination_competencies(call)[:2], EVIDENCE, strict=False):
            NominationCompetency.objects.create(
                nomination=nomination, competency=competency, rating=4, evidence=evidence
            )
    return nomination


def _accept(nomination: Nomination) -> None:
    if nomination.status != Nomination.Status.PENDING:
        return
    application, _ = Application.objects.get_or_create(
        call=nomination.call,
        applicant=nomination.nominee,
        defaults={"manager": nomination.nominated_by},
    )
    nomination_reference_give(nomination=nomination, application=application)
    nomination.application = application
    nomination.status = Nomination.Status.ACCEPTED
    nomination.answered_at = ANSWERED
    nomination.save(update_fields=["application", "status", "answered_at"])


def _decline(nomination: Nomination) -> None:
    if nomination.status == Nomination.Status.PENDING:
        nomination.status = Nomination.Status.DECLINED
        nomination.answered_at = ANSWERED
        nomination.save(update_fields=["status", "answered_at"])


def _staff_of(manager: Person) -> list[Person]:
    if manager.unit is None:
        return []
    return list(
        Person.objects.filter(
            organisation_id=manager.organisation_id,
            unit__path__startswith=manager.unit.path,
            is_active=True,
            is_manager=False,
            user__isnull=True,
        ).order_by("employee_number")
    )


def _kungsbacka(kungsbacka: Organisation) -> None:
    call = _kungsbacka_call(kungsbacka)
    user = User.objects.filter(username="chef-kungsbacka").first()
    manager = Person.objects.filter(user=user).select_related("unit").first() if user else None
    if manager is None:
        return
    staff = _staff_of(manager)
    if staff:
        # The first of their people accepted; the rest are left for them to nominate.
        _accept(_nominate(call, staff[0], manager, user, MOTIVATIONS[0]))
    # Another manager's nomination, declined: only the employee knows.
    for other in (
        Person.objects.filter(
            organisation=kungsbacka, is_manager=True, is_active=True, unit__kind="unit"
        )
        .exclude(pk=manager.pk)
        .select_related("unit")
        .order_by("employee_number")
    ):
        others_staff = _staff_of(other)
        if others_staff:
            _decline(_nominate(call, others_staff[0], other, None, MOTIVATIONS[1]))
            break


def _uppsala() -> None:
    call = Call.objects.filter(edition__name="Ledarlabbet 2027").first()
    if call is None:
        return
    nominee = (
        Person.objects.filter(
            organisation__slug="uppsala",
            is_active=True,
            is_manager=False,
            manager__isnull=False,
            manager__is_manager=True,
            user__isnull=True,
        )
        .exclude(applications__call=call)
        .exclude(nominations__call=call)
        .order_by("employee_number")
        .first()
    )
    existing = Nomination.objects.filter(call=call).first()
    if existing is not None or nominee is None or nominee.manager is None:
        return
    # Waiting for the employee's answer: the coordinators see it beside the applications.
    _nominate(call, nominee, nominee.manager, None, MOTIVATIONS[2])
