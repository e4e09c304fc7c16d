"""Demo rows for the insights, on top of the demo's organisations, people and programmes.

- Ledarlabbet (Uppsala): the demo plan already has about 50 participants over the editions
  2021–2024, of whom 15 became unit managers (recorded as roster changes with dates). Added
  here: the calls of those editions with their applicants (about twice as many as places), and
  career events HR recorded by hand (two acting-manager periods, one change of role).
- Manager recruitments: Kungsbacka's 885 applications to 60 manager posts in 2014, per gender
  and age band (the seed's figure); some years of recruitments for Uppsala (whose internal
  hires include the Ledarlabbet alumni who became managers, on the day they did), Örebro,
  Alingsås and Upplands Väsby.

Everything goes through the real import and services; `load()` is idempotent (a demo
recruitment file is imported once per organisation, calls and events are looked up first).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import zoneinfo
from collections.abc import Sequence

from django.db import transaction

from plantskola.admissions.models import Application, Call
from plantskola.core.models import Organisation, OrgUnit, Person, PersonChange
from plantskola.demo.plan import RECORDED_UNTIL
from plantskola.insights.models import CareerEvent, RecruitmentImport
from plantskola.insights.recruitment import recruitment_import
from plantskola.programmes.models import Edition, Participant, Programme

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
DEMO_FILENAME = "rekryteringar-demo.csv"
HEADER = [
    "tjanst",
    "forvaltning",
    "datum",
    "kon",
    "aldersgrupp",
    "intern",
    "anstallningsnummer",
    "utfall",
]
BANDS = ("-29", "30-39", "40-49", "50-59", "60-")
BAND_WEIGHTS = (0.08, 0.31, 0.34, 0.22, 0.05)
POST_TITLES = (
    "Enhetschef",
    "Rektor",
    "Förskolechef",
    "Avdelningschef",
    "Verksamhetschef",
    "Enhetschef hemtjänst",
    "Sektionschef",
    "Biträdande rektor",
)


@transaction.atomic
def load() -> None:
    _ledarlabbet_history()
    # (organisation, year, posts, applications); Kungsbacka's 2014 is the seed's figure.
    plans = {
        "kungsbacka": [(2014, 60, 885), (2025, 48, 610)],
        "uppsala": [
            (2022, 30, 390),
            (2023, 32, 405),
            (2024, 34, 430),
            (2025, 31, 372),
            (2026, 24, 290),
        ],
        "orebro": [(2024, 40, 520), (2025, 38, 470)],
        "alingsas": [(2025, 14, 150)],
        "upplands-vasby": [(2025, 12, 131)],
    }
    for slug, years in plans.items():
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            continue
        if RecruitmentImport.objects.filter(
            organisation=organisation, filename=DEMO_FILENAME
        ).exists():
            continue
        content = _recruitment_csv(organisation, years)
        result = recruitment_import(
            organisation=organisation,
            content=content,
            filename=DEMO_FILENAME,
            uploaded_by=None,
            today=RECORDED_UNTIL,
        )
        if not result.ok:  # the demo's own file must be valid
            raise RuntimeError([e.message for e in result.errors])


# --- Ledarlabbet -----------------------------------------------------------------------------


def _ledarlabbet_history() -> None:
    uppsala = Organisation.objects.filter(slug="uppsala").first()
    programme = Programme.objects.filter(organisation=uppsala, name="Ledarlabbet").first()
    if uppsala is None or programme is None:
        return
    editions = Edition.objects.filter(programme=programme, end_date__lt=RECORDED_UNTIL).order_by(
        "start_date"
    )
    employees = list(
        Person.objects.filter(organisation=uppsala, is_manager=False, is_active=True)
        .exclude(participations__edition__programme=programme)
        .order_by("employee_number")
    )
    for edition in editions:
        if Call.objects.filter(edition=edition).exists():
            continue
        year = edition.start_date.year
        call = Call(
            edition=edition,
            title=f"{edition.name} – för dig som vill bli chef",
            description=(
                "Ledarlabbet är Uppsala kommuns program för medarbetare som vill utvecklas mot "
                "ett chefsuppdrag."
            ),
            opens_at=dt.datetime(year - 1, 10, 1, 8, 0, tzinfo=STOCKHOLM),
            published_at=dt.datetime(year - 1, 10, 1, 8, 0, tzinfo=STOCKHOLM),
            closes_at=dt.datetime(year - 1, 11, 15, 23, 59, tzinfo=STOCKHOLM),
            reference_deadline=dt.date(year - 1, 11, 30),
            non_managers_only=True,
        )
        call.full_clean(exclude=["organisations", "units", "created_by"])
        call.save()
        call.organisations.add(uppsala)
        rng = random.Random(f"ledarlabbet-{year}")
        submitted = call.opens_at + dt.timedelta(days=20)
        admitted = list(
            Participant.objects.filter(edition=edition).select_related("person__manager")
        )
        others = rng.sample(employees, min(len(employees), round(len(admitted) * 1.4)))
        rows = [(p.person, "admitted") for p in admitted] + [
            (person, rng.choice(("not_admitted", "not_admitted", "reserve"))) for person in others
        ]
        Application.objects.bulk_create(
            Application(
                call=call,
                applicant=person,
                status=Application.Status.SUBMITTED,
                motivation="Jag vill utvecklas mot ett chefsuppdrag.",
                manager=person.manager,
                outcome=outcome,
                submitted_at=submitted,
            )
            for person, outcome in rows
        )
    _hand_events(uppsala, programme)


def _hand_events(uppsala: Organisation, programme: Programme) -> None:
    """Two alumni who were acting managers for a while, and one who changed role."""
    promoted = set(
        PersonChange.objects.filter(
            person__organisation=uppsala, field=PersonChange.Field.IS_MANAGER
        ).values_list("person_id", flat=True)
    )
    alumni = [
        p
        for p in Participant.objects.filter(
            edition__programme=programme,
            status=Participant.Status.COMPLETED,
            edition__end_date__lt=dt.date(2024, 1, 1),
        )
        .select_related("person", "edition")
        .order_by("edition__start_date", "person__employee_number")
        if p.person_id not in promoted and not p.person.is_manager
    ]
    if len(alumni) < 3:
        return
    hr_note = "Registrerat av HR"
    plans: Sequence[tuple[Participant, list[tuple[str, int, str, bool]]]] = [
        (
            alumni[0],
            [
                ("became_manager", 200, "T.f. enhetschef", True),
                ("changed_role", 380, "Samordnare", False),
            ],
        ),
        (
            alumni[1],
            [
                ("became_manager", 300, "T.f. enhetschef under föräldraledighet", True),
                ("changed_role", 480, "Specialist", False),
            ],
        ),
        (alumni[2], [("changed_role", 150, "Verksamhetsutvecklare", False)]),
    ]
    for participant, events in plans:
        for kind, days, title, manager_after in events:
            CareerEvent.objects.get_or_create(
                person=participant.person,
                kind=kind,
                date=participant.edition.end_date + dt.timedelta(days=days),
                defaults={
                    "title": title,
                    "is_manager_after": manager_after and kind == "changed_role",
                    "note": hr_note,
                },
            )


# --- recruitments ----------------------------------------------------------------------------


def _allocate(total: int, weights: Sequence[float]) -> list[int]:
    """`total` split in proportion to `weights` (largest remainder), each at least 1."""
    scale = sum(weights)
    raw = [total * w / scale for w in weights]
    counts = [max(1, int(x)) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - int(raw[i]), reverse=True)
    i = 0
    while sum(counts) < total:
        counts[order[i % len(order)]] += 1
        i += 1
    while sum(counts) > total:
        j = max(range(len(counts)), key=lambda k: counts[k])
        counts[j] -= 1
    return counts


def _promotions(organisation: Organisation) -> dict[int, list[tuple[dt.date, str]]]:
    """Year → (day, employee number) of roster people who became managers that year."""
    result: dict[int, list[tuple[dt.date, str]]] = {}
    rows = PersonChange.objects.filter(
        person__organisation=organisation,
        field=PersonChange.Field.IS_MANAGER,
        new_value__iexact="true",
    ).values_list("effective_date", "person__employee_number")
    for day, number in sorted(rows):
        result.setdefault(day.year, []).append((day, number))
    return result


def _recruitment_csv(organisation: Organisation, years: list[tuple[int, int, int]]) -> bytes:
    rng = random.Random(f"recruitment-{organisation.slug}")
    tops = list(
        OrgUnit.objects.filter(organisation=organisation, parent__isnull=True).order_by("code")
    )
    managers = list(
        Person.objects.filter(organisation=organisation, is_manager=True)
        .order_by("employee_number")
        .values_list("employee_number", flat=True)
    )
    employees = list(
        Person.objects.filter(organisation=organisation, is_manager=False)
        .order_by("employee_number")
        .values_list("employee_number", flat=True)
    )
    promotions = _promotions(organisation)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADER)
    for year, posts, applications in years:
        per_post = _allocate(applications, [rng.uniform(0.4, 2.2) for _ in range(posts)])
        promoted = list(promotions.get(year, []))
        for index, count in enumerate(per_post):
            unit = tops[index % len(tops)]
            title = POST_TITLES[rng.randrange(len(POST_TITLES))]
            post = f"{title}, {unit.name} ({year}-{index + 1:02d})"
            advert = dt.date(year, 1, 15) + dt.timedelta(days=rng.randrange(0, 300))
            if promoted:
                # A roster promotion this year: the recruitment that filled it, internal hire.
                hired_day, hired_number = promoted.pop(0)
                advert = max(hired_day - dt.timedelta(days=40), dt.date(year, 1, 1))
                internal_hire: str | None = hired_number
            else:
                internal_hire = None if rng.random() < 0.55 else rng.choice(managers or [""])
                advert = min(advert, RECORDED_UNTIL - dt.timedelta(days=30))
            hired_at = rng.randrange(count)
            for i in range(count):
                day = min(advert + dt.timedelta(days=rng.randrange(0, 21)), dt.date(year, 12, 31))
                woman = rng.random() < 0.64
                band = rng.choices(BANDS, BAND_WEIGHTS)[0]
                hired = i == hired_at
                if hired:
                    internal = internal_hire is not None
                    number = internal_hire or ""
                else:
                    internal = rng.random() < 0.3
                    number = rng.choice(employees) if internal and employees else ""
                writer.writerow(
                    [
                        post,
                        unit.code,
                        day.isoformat(),
                        "kvinna" if woman else "man",
                        band,
                        "ja" if internal else "nej",
                        number,
                        "anställd" if hired else rng.choice(("ej anställd",) * 9 + ("återtagen",)),
                    ]
                )
    return buffer.getvalue().encode("utf-8")
