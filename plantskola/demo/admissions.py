"""Demo admission: Uppsala's Ledarlabbet 2027 with a call open now, applications in every
state, references (some given, some missing), interview slots that invited applicants book
themselves, an applicant login `sokande` with a draft, and one reference link whose secret is
published for the demo (DEMO_REFERENCE_TOKEN). Ledarlabbet 2024's finished admission is due
for weeding (its applicants not admitted: two years after the decision of November 2023).
Both calls have an interviewer pool: the coordinator (HR) and a manager recruiter
(`rekryterare-uppsala`); no one with a demo login applies to Ledarlabbet, so no applicant
persona ever interviews in their own programme's calls, and the recruiter is no applicant's
closest manager. Idempotent; no e-mail is sent while loading."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone

from plantskola.admissions.models import (
    Answer,
    Application,
    Call,
    CallQuestion,
    Decision,
    Interview,
    InterviewSlot,
    PoolMember,
    Reference,
    ReferenceRating,
    Scorecard,
    ScorecardRating,
    SelectionRun,
)
from plantskola.admissions.selection.rules import Rules
from plantskola.admissions.selection.services import selection_run
from plantskola.admissions.selectors import token_hash as _hash
from plantskola.competencies.models import Competency, RequirementProfile
from plantskola.core.models import Organisation, Person, User
from plantskola.demo.loader import demo_login
from plantskola.programmes.models import Edition, Programme

DEMO_REFERENCE_TOKEN = "demo-referens-ledarlabbet-2027"  # noqa: S105 - published demo link
STOCKHOLM = ZoneInfo("Europe/Stockholm")
LOGINS = [
    ("sokande", "Sökande till Ledarlabbet 2027 (Uppsala): ett utkast till ansökan att skicka in"),
    (
        "rekryterare-uppsala",
        "Chefsrekryterare i Uppsala kommun: intervjuar i Ledarlabbets intervjupanel",
    ),
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
    _scale_anchors(uppsala)
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
            "published_at": dt.datetime(2026, 10, 26, 9, 0, tzinfo=STOCKHOLM),
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
        .exclude(user__isnull=False)  # the demo's other personas never apply
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
    pool = _pool(call, programme)
    _interview_slots(call, pool)
    _finished_2024(uppsala, programme)


# What 1 and 5 mean for each competency of "Blivande chef", shown on the reference form.
SCALE_ANCHORS = {
    "Kommunikativ förmåga": (
        "Otydlig i tal och skrift; lyssnar sällan in andra",
        "Tydlig och lyhörd; anpassar budskapet efter mottagaren",
    ),
    "Feedback": (
        "Undviker att ge och ta emot återkoppling",
        "Ger och ber om återkoppling ofta, konkret och respektfullt",
    ),
    "Mötesledning": (
        "Möten saknar syfte och struktur",
        "Leder möten med tydligt syfte, delaktighet och beslut",
    ),
    "Förändringsförmåga": (
        "Håller fast vid invanda sätt även när de inte fungerar",
        "Driver förändring och hjälper andra genom den",
    ),
    "Självinsikt": (
        "Ser sällan sin egen del i det som händer",
        "Känner sina styrkor och gränser och söker aktivt utveckling",
    ),
}


def _scale_anchors(uppsala: Organisation) -> None:
    for competency in Competency.objects.filter(organisation=uppsala, name__in=SCALE_ANCHORS):
        low, high = SCALE_ANCHORS[competency.name]
        if (competency.anchor_low, competency.anchor_high) != (low, high):
            competency.anchor_low, competency.anchor_high = low, high
            competency.save(update_fields=["anchor_low", "anchor_high"])


def _recruiter(programme: Programme) -> Person | None:
    """`rekryterare-uppsala`: an Uppsala manager who never applied to Ledarlabbet and took no
    part in it, whose direct reports are all managers who took no part in it either: so they
    are no applicant's closest manager (the applicants are employees who are not managers, or
    earlier participants) and can interview everyone."""
    existing = Person.objects.filter(user__username="rekryterare-uppsala").first()
    if existing is not None:
        return existing
    applied = Application.objects.filter(call__edition__programme=programme)
    person = (
        Person.objects.filter(
            organisation=programme.organisation, is_active=True, is_manager=True, user__isnull=True
        )
        .exclude(participations__edition__programme=programme)
        .exclude(pk__in=applied.values("applicant_id"))
        .exclude(pk__in=applied.values("applicant__manager_id"))
        .exclude(reports__is_manager=False)
        .exclude(reports__participations__edition__programme=programme)
        .order_by("employee_number")
        .first()
    )
    if person is not None:
        demo_login("rekryterare-uppsala", person)
    return person


def _pool(call: Call, programme: Programme) -> list[Person]:
    """The call's interviewer pool: the coordinator (HR) and the manager recruiter."""
    coordinator = Person.objects.filter(user__username="koordinator-uppsala").first()
    recruiter = _recruiter(programme)
    pool = []
    for person, role in (
        (coordinator, PoolMember.Role.HR),
        (recruiter, PoolMember.Role.MANAGER_RECRUITER),
    ):
        if person is not None:
            PoolMember.objects.get_or_create(call=call, person=person, defaults={"role": role})
            pool.append(person)
    return pool


def _interview_slots(call: Call, pool: list[Person]) -> None:
    """Eight interview slots for Ledarlabbet 2027 that invited applicants book themselves; six
    applicants are invited and two have booked (rows only: no e-mail while loading)."""
    if InterviewSlot.objects.filter(call=call).exists() or not pool:
        return
    slots = []
    for day in (25, 26):
        for hour, minute in ((9, 0), (10, 15), (13, 0), (14, 15)):
            start = dt.datetime(2027, 1, day, hour, minute, tzinfo=STOCKHOLM)
            slot = InterviewSlot.objects.create(
                call=call,
                starts_at=start,
                ends_at=start + dt.timedelta(hours=1),
                place="Stadshuset, Stationsgatan 12, rum Fyris",
                bookable_until=dt.datetime(2027, 1, 22, 16, 0, tzinfo=STOCKHOLM),
            )
            slot.interviewers.set(pool)
            slots.append(slot)
    invited = list(
        Application.objects.filter(call=call, status=Application.Status.SUBMITTED).order_by(
            "submitted_at"
        )[:6]
    )
    Application.objects.filter(pk__in=[a.pk for a in invited]).update(
        interview_invited_at=dt.datetime(2026, 11, 20, 10, 0, tzinfo=STOCKHOLM)
    )
    for slot, application in zip(slots[1:3], invited[:2], strict=True):
        slot.application = application
        slot.booked_at = dt.datetime(2026, 11, 21, 8, 30, tzinfo=STOCKHOLM)
        slot.save(update_fields=["application", "booked_at"])
        interview = Interview.objects.create(
            application=application,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            place=slot.place,
            uid=f"demo-2027-{application.pk}@plantskola",
        )
        interview.interviewers.set(pool)


def _finished_2024(uppsala: Organisation, programme: Programme) -> None:
    """Ledarlabbet 2024's admission, finished: its 16 participants were chosen from 38
    applicants with references, interviews and scorecards, by a recorded selection run and a
    confirmed decision. The selection is the engine's own (16 places, at most 2 per
    administration), with the participants locked in, as the demo's history already has them."""
    edition = Edition.objects.filter(programme=programme, name="Ledarlabbet 2024").first()
    profile = RequirementProfile.objects.filter(organisation=uppsala, name="Blivande chef").first()
    if edition is None or profile is None:
        return
    call, created = Call.objects.get_or_create(
        edition=edition,
        defaults={
            "title": "Ledarlabbet 2024",
            "description": "Ledarlabbet 2024 för medarbetare som vill bli chefer.",
            "opens_at": dt.datetime(2023, 9, 1, 8, 0, tzinfo=STOCKHOLM),
            "published_at": dt.datetime(2023, 8, 25, 9, 0, tzinfo=STOCKHOLM),
            "closes_at": dt.datetime(2023, 10, 15, 23, 59, tzinfo=STOCKHOLM),
            "reference_deadline": dt.date(2023, 10, 31),
            "requirement_profile": profile,
        },
    )
    if created:
        call.organisations.add(uppsala)
        CallQuestion.objects.bulk_create(
            CallQuestion(call=call, order=i, text=text) for i, text in enumerate(QUESTIONS, 1)
        )
    if hasattr(call, "decision"):
        return
    participants = list(
        Person.objects.filter(participations__edition=edition).order_by("employee_number")
    )
    others = list(
        Person.objects.filter(organisation=uppsala, is_active=True, is_manager=False)
        .exclude(participations__edition__programme=programme)
        .exclude(applications__call__edition__programme=programme)
        .exclude(user__isnull=False)  # the demo's other personas never apply
        .order_by("employee_number")
    )
    rng = random.Random(2024)
    applicants = participants + rng.sample(others, min(22, len(others)))
    interviewers = _pool(call, programme)
    competencies = list(profile.competencies.all())
    chosen_ids = []
    for i, person in enumerate(applicants):
        application, _ = Application.objects.get_or_create(
            call=call,
            applicant=person,
            defaults={
                "status": Application.Status.SUBMITTED,
                "motivation": MOTIVATIONS[i % len(MOTIVATIONS)],
                "manager": person.manager,
                "submitted_at": dt.datetime(2023, 10, 1, 9, 0, tzinfo=STOCKHOLM)
                + dt.timedelta(hours=5 * i),
            },
        )
        if person in participants:
            chosen_ids.append(application.pk)
        if person.manager is not None:
            reference, _ = Reference.objects.get_or_create(
                application=application,
                defaults={
                    "manager": person.manager,
                    "token_hash": _hash(f"demo-2024-{application.pk}-{rng.random()}"),
                    "expires_on": call.reference_deadline,
                },
            )
            if reference.status == Reference.Status.REQUESTED:
                _give(reference, rng)
        if len(interviewers) == 2:
            interview, made = Interview.objects.get_or_create(
                application=application,
                defaults={
                    "starts_at": dt.datetime(2023, 11, 6, 9, 0, tzinfo=STOCKHOLM)
                    + dt.timedelta(hours=i),
                    "ends_at": dt.datetime(2023, 11, 6, 10, 0, tzinfo=STOCKHOLM)
                    + dt.timedelta(hours=i),
                    "place": "Stadshuset, Uppsala",
                    "uid": f"demo-2024-{application.pk}@plantskola",
                },
            )
            if made:
                interview.interviewers.set(interviewers)
                strong = person in participants
                for interviewer in interviewers:
                    scorecard = Scorecard.objects.create(
                        interview=interview, interviewer=interviewer
                    )
                    ScorecardRating.objects.bulk_create(
                        ScorecardRating(
                            scorecard=scorecard,
                            competency=c,
                            rating=rng.randint(4, 5) if strong else rng.randint(2, 4),
                            evidence="Konkret exempel från intervjun.",
                        )
                        for c in competencies
                    )
    user = User.objects.filter(username="koordinator-uppsala").first()
    if user is None:
        return
    run = SelectionRun.objects.filter(call=call).first()
    if run is None:
        locked = tuple(sorted(chosen_ids))
        # The history's participants are locked in, even one whose application lacked a part.
        rules = Rules(16, max_per_administration=2, include=locked, incomplete="locked_only")
        try:
            run = selection_run(call=call, rules=rules, user=user)
        except ValidationError:  # the history's participants break the spread rule
            run = selection_run(
                call=call, rules=rules.relaxed(max_per_administration=None), user=user
            )
    decision = Decision.objects.create(call=call, run=run, decided_by=user)
    Decision.objects.filter(pk=decision.pk).update(
        decided_at=dt.datetime(2023, 11, 20, 15, 0, tzinfo=STOCKHOLM)
    )
    chosen = set(run.result.get("chosen", []))
    reserves = 0
    by_score = sorted(
        Application.objects.filter(call=call),
        key=lambda a: -(run.scores.get(str(a.pk), {}).get("score") or 0),
    )
    for application in by_score:
        if str(application.pk) in chosen:
            application.outcome = "admitted"
        elif reserves < call.reserve_list_size:
            application.outcome, reserves = "reserve", reserves + 1
            application.reserve_position = reserves
        else:
            application.outcome = "not_admitted"
        application.save(update_fields=["outcome", "reserve_position"])


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
    if person is not None:
        demo_login("sokande", person)
