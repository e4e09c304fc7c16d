"""Kungsbacka's leadership days and cafés for the demo (seed 004), loaded by the demo command.

- Ledardagen 2014 (about 340 managers; its themes and notes stay in the archive) and the
  coming Ledardagen 2027: 340 managers registered, seated at 34 tables of 10 by the
  composition engine (once; a reload keeps the seating);
- the four leadership cafés of 2014 with their themes and notes, and one coming café, open for
  registration, full, with a short waiting list;
- a demo login `chef-kungsbacka`: a Kungsbacka unit manager registered for Ledardagen 2027
  (with a table) and not yet for the café.

`load()` is idempotent: events are upserted on (organisation, title, date), registrations on
(event, person).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from plantskola.core.models import Organisation, Person, User
from plantskola.demo.loader import demo_login
from plantskola.demo.sync import sync_rows
from plantskola.events.models import Event, Registration
from plantskola.events.seating import services

SEED = 20141009
DEMO_USERNAME = "chef-kungsbacka"
LOGINS = [
    (
        DEMO_USERNAME,
        "Chef i Kungsbacka kommun: anmäld till Ledardagen 2027 (bord 19), kan ställa sig i kö "
        "till ledarskapscaféet",
    ),
]
SEATING_SECONDS = 2.0

STADSHUSET = ("Stadshuset, Kungsbacka", "Storgatan 37, 434 81 Kungsbacka")
TEATERN = ("Kungsbacka teater", "Borgmästaregången 5, 434 30 Kungsbacka")

PAST_CAFES: list[tuple[str, str, dt.date, str]] = [
    (
        "Ledarskapscafé: Målbild 2020",
        "Målbild 2020 samt goda exempel på det förändrings- och utvecklingsarbete som pågår "
        "inom Kungsbacka 2020",
        dt.date(2014, 2, 13),
        "Kommundirektören presenterade Målbild 2020. Tre förvaltningar berättade om pågående "
        "utvecklingsarbete: digitala tjänster i bygglovsprocessen, ett nytt arbetssätt i "
        "hemtjänsten och samverkan mellan skola och socialtjänst.\n"
        "Medskick: fler goda exempel ska spridas på intranätet, och nästa café bör handla om "
        "hur vi leder olikheter i våra arbetsgrupper.",
    ),
    (
        "Ledarskapscafé: Olikhet och jämlikhet",
        "Olikhet och jämlikhet, hur hanterar vi det som gör oss alla olika och unika på en "
        "arbetsplats? Teori och praktik kring mångfald, jämställdhet, mänskliga rättigheter "
        "och bemötande",
        dt.date(2014, 4, 10),
        "Föreläsning om mångfald och jämställdhet som ledarskapsfråga, följd av samtal i "
        "blandade grupper om bemötande i vardagen.\n"
        "Flera chefer efterfrågade stöd i rekrytering med kompetensbaserade intervjuer; "
        "HR tar med det till arbetet med kravprofilen.",
    ),
    (
        "Ledarskapscafé: Förändring börjar alltid med avslut",
        "Förändring börjar alltid med avslut",
        dt.date(2014, 9, 18),
        "Om att avsluta det gamla innan det nya kan börja: reaktioner på förändring, att ge "
        "medarbetare tid och att som chef själv ta farväl av tidigare arbetssätt.\n"
        "Samtalsunderlaget finns hos HR-avdelningen.",
    ),
    (
        "Ledarskapscafé: Beslutspyramiden",
        "Beslutspyramiden, vägen till klokare beslut",
        dt.date(2014, 11, 20),
        "Beslutspyramiden som verktyg: vilka beslut fattas på vilken nivå, och hur gör vi "
        "medarbetarna delaktiga utan att otydliggöra ansvaret?\n"
        "Deltagarna prövade modellen på egna exempel från sina verksamheter.",
    ),
]
DIETS = ["Vegetarisk", "Glutenfri", "Laktosfri", "Vegansk", "Nötallergi"]


def load() -> None:
    org = Organisation.objects.filter(slug="kungsbacka").first()
    if org is None:
        return
    managers = list(
        Person.objects.filter(organisation=org, is_manager=True, is_active=True)
        .select_related("unit")
        .order_by("employee_number")
    )
    chef = _demo_manager(org, managers)
    rng = random.Random(SEED)  # noqa: S311 - demo data, not secrets

    day_2014 = _event(
        org,
        kind=Event.Kind.LEADERSHIP_DAY,
        title="Ledardagen 2014",
        date=dt.date(2014, 10, 9),
        times=(dt.time(8, 30), dt.time(16, 30)),
        where=TEATERN,
        theme="Kungsbackaledaren – Framtidens ledare 2020",
        capacity=350,
        description=(
            "Föreläsningar på temat värdegrundsbaserat ledarskap, och arbete vidare med frågor "
            "om framtidens utmaningar som ledare och vad som krävs av ett bra ledarskap och "
            "medarbetarskap."
        ),
        notes=(
            "Runt 340 chefer och ledare deltog. Det som kom fram under dagen har legat till "
            "grund för arbetet med Kungsbackas ledarplattform: gemensamma värderingar och "
            "förhållningssätt för chef- och ledarskap i Kungsbacka."
        ),
    )
    attending = [p for p in managers if p != chef]
    rng.shuffle(attending)
    _register(day_2014, attending[:340], rng, diets=False)

    for title, theme, date, notes in PAST_CAFES:
        cafe = _event(
            org,
            kind=Event.Kind.CAFE,
            title=title,
            date=date,
            times=(dt.time(13), dt.time(15, 30)),
            where=STADSHUSET,
            theme=theme,
            capacity=40,
            notes=notes,
            description="Ledarskapscafé för kommunens chefer och ledare.",
        )
        guests = rng.sample(attending, rng.randint(24, 38))
        _register(cafe, guests, rng, diets=False)

    day_2027 = _event(
        org,
        kind=Event.Kind.LEADERSHIP_DAY,
        title="Ledardagen 2027",
        date=dt.date(2027, 2, 4),
        times=(dt.time(8, 30), dt.time(16, 30)),
        where=TEATERN,
        theme="Att leda i utveckling – Kungsbackas ledarplattform i vardagen",
        capacity=350,
        registration=(dt.date(2026, 11, 2), dt.date(2027, 1, 21)),
        description=(
            "Kommunens ledardag för alla chefer. Föreläsningar om ledarplattformen i vardagen "
            "och samtal vid borden, blandade över förvaltningarna."
        ),
    )
    invited = [p for p in managers if p != chef]
    rng.shuffle(invited)
    first = [chef] if chef is not None else []
    _register(day_2027, [*first, *invited[: 340 - len(first)]], rng, diets=True)
    if Registration.objects.filter(
        event=day_2027, status=Registration.Status.REGISTERED, table_number__isnull=True
    ).exists():
        services.event_seat(
            event=day_2027, table_size=10, time_limit=SEATING_SECONDS, seed=SEED % 1000
        )

    cafe = _event(
        org,
        kind=Event.Kind.CAFE,
        title="Ledarskapscafé: Tillit i vardagen",
        date=dt.date(2026, 12, 10),
        times=(dt.time(13), dt.time(15, 30)),
        where=STADSHUSET,
        theme="Tillitsbaserat ledarskap – att släppa kontroll utan att släppa ansvar",
        capacity=25,
        registration=(dt.date(2026, 11, 2), dt.date(2026, 12, 7)),
        description=(
            "Ett samtal om tillitsbaserad styrning och ledning: vad betyder det för mig som "
            "chef, och hur följer vi upp utan att detaljstyra?"
        ),
    )
    guests = rng.sample(invited, 29)
    _register(cafe, guests, rng, diets=True, capacity=25)


def _event(
    org: Organisation,
    *,
    kind: str,
    title: str,
    date: dt.date,
    times: tuple[dt.time, dt.time],
    where: tuple[str, str],
    theme: str,
    capacity: int,
    description: str,
    notes: str = "",
    registration: tuple[dt.date, dt.date] | None = None,
) -> Event:
    opens, closes = registration or (date - dt.timedelta(days=45), date - dt.timedelta(days=7))
    event, _ = Event.objects.update_or_create(
        organisation=org,
        title=title,
        date=date,
        defaults={
            "kind": kind,
            "theme": theme,
            "description": description,
            "start_time": times[0],
            "end_time": times[1],
            "place": where[0],
            "address": where[1],
            "capacity": capacity,
            "registration_opens": opens,
            "registration_closes": closes,
            "audience": Event.Audience.ALL_MANAGERS,
            "status": Event.Status.PUBLISHED,
            "notes": notes,
        },
    )
    return event


def _register(
    event: Event,
    people: list[Person],
    rng: random.Random,
    *,
    diets: bool,
    capacity: int | None = None,
) -> None:
    """Registrations in the order given; beyond `capacity` they wait. Dietary needs only for
    events still to come (those of past events have been deleted)."""
    start = timezone.make_aware(dt.datetime.combine(event.registration_opens, dt.time(8)))
    rows: list[dict[str, Any]] = []
    for n, person in enumerate(people):
        diet = rng.choice(DIETS) if diets and rng.random() < 0.12 else ""
        waiting = capacity is not None and n >= capacity
        rows.append(
            {
                "event_id": event.pk,
                "person_id": person.pk,
                "status": Registration.Status.WAITING
                if waiting
                else Registration.Status.REGISTERED,
                "dietary_needs": diet,
                "registered_at": start + dt.timedelta(minutes=7 * n),
            }
        )
    sync_rows(
        Registration,
        keys=("event_id", "person_id"),
        rows=rows,
        existing=Registration.objects.filter(event=event),
    )


def _demo_manager(org: Organisation, managers: list[Person]) -> Person | None:
    """The `chef-kungsbacka` login: a unit manager, the same person on every load."""
    user = User.objects.filter(username=DEMO_USERNAME).first()
    person = Person.objects.filter(user=user).first() if user else None
    if person is None:
        person = next(
            (p for p in managers if p.user_id is None and p.unit and p.unit.kind == "unit"), None
        )
    if person is None:
        return None
    demo_login(DEMO_USERNAME, person)
    return person
