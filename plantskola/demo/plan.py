"""The five reference programmes, planned in memory on top of the generated roster.

Facts (programme, module and lab names, purposes, topics, dates, numbers, places, themes) come
from the municipalities' own Swedish texts about the programmes, summarised in
`docs/product.md`; every person is one of the roster's invented people. Planning may adjust
the roster (a former Ledarlabbet participant who became a manager, a demo login's title), so
it runs before anything is written.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field, replace
from datetime import date, time, timedelta
from decimal import Decimal

from plantskola.demo.roster import PROFILES, SEED, OrgRec, PersonRec, UnitRec

# Attendance is recorded for sessions before this day; later sessions are still to come.
RECORDED_UNTIL = date(2026, 11, 20)

Date = date  # SessionPlan has a field named `date`
EditionKey = tuple[str, str, str]  # (organisation slug, programme name, edition name)
SessionKey = tuple[str, date, str | None]  # (title, date, group name)


@dataclass
class ProgrammePlan:
    org: str
    name: str
    audience: str
    description: str


@dataclass
class ModulePlan:
    order: int
    name: str
    purpose: str
    topics: list[str]
    length_days: Decimal


@dataclass
class SessionPlan:
    title: str
    date: Date
    kind: str
    start_time: time
    end_time: time
    group: str | None = None
    module: int | None = None  # module order
    place: str = ""
    address: str = ""
    destination: str = ""
    leaders: list[PersonRec] = field(default_factory=list)
    # Who came, when not every participant (of the group) was expected: drop-in cafés.
    attendees: list[PersonRec] | None = None

    @property
    def key(self) -> SessionKey:
        return (self.title, self.date, self.group)


def day_by_day(session: SessionPlan, last: Date | None) -> list[SessionPlan]:
    """A session is one day: `session` from its date to `last` as one session per day. The
    first day keeps its start and ends at 16:30, days between run 08:30–16:30, the last day
    starts at 08:30 and keeps the end time (as the migration split the old multi-day ones)."""
    if last is None or last <= session.date:
        return [session]
    count = (last - session.date).days + 1
    days = [replace(session, end_time=max(time(16, 30), session.start_time))]
    for i in range(1, count):
        days.append(
            replace(
                session,
                date=session.date + timedelta(days=i),
                start_time=time(8, 30),
                end_time=session.end_time if i == count - 1 else time(16, 30),
                attendees=None if session.attendees is None else list(session.attendees),
                leaders=list(session.leaders),
            )
        )
    return days


@dataclass
class EditionPlan:
    programme: ProgrammePlan
    name: str
    start_date: date
    end_date: date
    status: str
    capacity: int | None = None
    partners: list[str] = field(default_factory=list)
    modules: list[ModulePlan] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    sessions: list[SessionPlan] = field(default_factory=list)
    # (person, group name or None, status)
    participants: list[tuple[PersonRec, str | None, str]] = field(default_factory=list)
    # username of the person who took attendance, if a demo user did
    recorded_by: str | None = None

    @property
    def key(self) -> EditionKey:
        return (self.programme.org, self.programme.name, self.name)


@dataclass
class LoginPlan:
    username: str
    person: PersonRec | None = None
    org_roles: list[tuple[str, str]] = field(default_factory=list)  # (org slug, role)
    # (org slug, programme name, edition name or None, role)
    programme_roles: list[tuple[str, str, str | None, str]] = field(default_factory=list)
    is_staff: bool = False
    is_superuser: bool = False
    has_demo_password: bool = True


@dataclass
class DemoPlan:
    roster: dict[str, OrgRec]
    programmes: list[ProgrammePlan] = field(default_factory=list)
    editions: list[EditionPlan] = field(default_factory=list)
    logins: list[LoginPlan] = field(default_factory=list)


def nth_weekday(year: int, month: int, weekday: int, n: int = 1) -> date:
    """The n-th given weekday (Monday 0) of a month."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


THURSDAY, TUESDAY, WEDNESDAY = 3, 1, 2
DAY = (time(9, 0), time(16, 0))


def _spread(
    candidates: list[PersonRec], n: int, rng: random.Random, *, taken: set[int]
) -> list[PersonRec]:
    """Pick n people spread as evenly as possible over the administrations and companies."""
    by_top: dict[str, list[PersonRec]] = {}
    for person in candidates:
        if id(person) not in taken:
            by_top.setdefault(person.unit.top.code, []).append(person)
    for people in by_top.values():
        rng.shuffle(people)
    tops = sorted(by_top)
    rng.shuffle(tops)
    chosen: list[PersonRec] = []
    while len(chosen) < n:
        progressed = False
        for top in tops:
            if by_top[top] and len(chosen) < n:
                chosen.append(by_top[top].pop())
                progressed = True
        if not progressed:
            raise ValueError("not enough people to choose from")
    taken.update(id(p) for p in chosen)
    return chosen


def _first_staff(org: OrgRec, profile: str) -> list[PersonRec]:
    """The staff of an organisation's first unit of a kind (the HR logins' unit)."""
    return org.staff_of(org.units_of_profile(profile)[0])


def _employee_titles(unit: UnitRec) -> tuple[str, ...]:
    return PROFILES[unit.profile].employee_titles if unit.profile else ("Handläggare",)


def _top_unit(org: OrgRec, code: str) -> UnitRec:
    return next(u for u in org.tops() if u.code == code)


# --- 1. Uppsala: Ledarlabbet ---------------------------------------------------------------

LEDARLABBET_LABS = [
    ModulePlan(
        1,
        "Samtalslabbet",
        "Lära känna varandra, skapa ett tryggt klimat i gruppen och träna samtalsförmågor.",
        ["Ett tryggt klimat i gruppen", "Samtalsförmåga", "Aktivt lyssnande"],
        Decimal("1"),
    ),
    ModulePlan(
        2,
        "Feedbacklabbet",
        "Hur man ger och tar emot feedback inom en arbetsgrupp.",
        ["Feedback inom en arbetsgrupp", "Att ta emot feedback"],
        Decimal("1"),
    ),
    ModulePlan(
        3,
        "Mötesledarlabbet",
        "Att vara en bra mötesledare.",
        ["Mötesledarskap", "Att leda en grupp mot ett beslut"],
        Decimal("1"),
    ),
    ModulePlan(
        4,
        "Chefslabbet",
        "Vad en chefsroll innebär i kommunkoncernen.",
        ["Chefsuppdraget i kommunkoncernen", "Arbetsgivarrollen", "Interna karriärvägar"],
        Decimal("1"),
    ),
    ModulePlan(
        5,
        "Beteendelabbet",
        "Beteenden, drivkrafter och grupprocesser.",
        ["Beteenden i grupp", "Egna förmågor och egenskaper"],
        Decimal("1"),
    ),
    ModulePlan(
        6,
        "Förändringslabbet",
        "Att skapa och leda förändring inom en arbetsgrupp.",
        ["Att leda förändring", "Delaktighet och motstånd"],
        Decimal("1"),
    ),
    ModulePlan(
        7,
        "Utvecklingslabbet",
        "Att träna på innovation och tjänstedesign.",
        ["Innovation", "Innovationsledning", "Tjänstedesign"],
        Decimal("1"),
    ),
]
LAB_MONTHS = (2, 3, 4, 5, 9, 10, 11)
# (year, participants, of whom later became managers)
LEDARLABBET_EDITIONS = ((2021, 11, 5), (2022, 11, 4), (2023, 12, 4), (2024, 16, 2))


def plan_ledarlabbet(plan: DemoPlan, rng: random.Random, reserved: set[int]) -> None:
    org = plan.roster["uppsala"]
    programme = ProgrammePlan(
        "uppsala",
        "Ledarlabbet",
        "pre_managers",
        "Chefsförberedande insats för medarbetare i hela kommunkoncernen – alla förvaltningar "
        "och kommunala bolag – som är intresserade av ledarskap. Främjar den interna "
        "chefsförsörjningen. Urval utifrån ansökan, referens från närmaste chef och "
        "kompetensbaserade intervjuer med chefsrekryterare och hr; urvalet strävar efter en "
        "spridning av deltagare från hela kommunkoncernen. Deltagarna tränar, testar och "
        "reflekterar i labb vars innehåll formas av deras förkunskaper, intressen och behov.",
    )
    plan.programmes.append(programme)
    # Unit managers who once were Ledarlabbet participants: the programme's purpose, fulfilled.
    unit_managers = [p for p in org.managers(2) if id(p) not in reserved]
    rng.shuffle(unit_managers)
    taken = set(reserved)
    for year, size, promoted in LEDARLABBET_EDITIONS:
        end = nth_weekday(year, 12, THURSDAY, 1)
        alumni = []
        for person in unit_managers[:promoted]:
            unit_managers.remove(person)
            on = min(end + timedelta(days=rng.randint(60, 540)), date(2026, 9, 1))
            others = [u for u in org.units if u.top is person.unit.top and u is not person.unit]
            old_unit = rng.choice(others or [person.unit])
            person.birth_year = rng.randint(1980, 1995)
            old_title = rng.choice(_employee_titles(old_unit) + ("Samordnare",))
            person.become_manager(on=on, old_title=old_title, old_unit=old_unit.name)
            alumni.append(person)
            taken.add(id(person))
        others_ = _spread(org.employees(), size - promoted, rng, taken=taken)
        edition = EditionPlan(
            programme, f"Ledarlabbet {year}", date(year, 2, 1), end, "completed", capacity=16
        )
        edition.modules = LEDARLABBET_LABS
        for lab, month in zip(LEDARLABBET_LABS, LAB_MONTHS, strict=True):
            first_half = lab.order <= 3
            edition.sessions.append(
                SessionPlan(
                    lab.name,
                    nth_weekday(year, month, THURSDAY, 2),
                    "lab",
                    *DAY,
                    module=lab.order,
                    place="Stadshuset, Uppsala" if first_half else "Uppsala Konsert & Kongress",
                    address="Stationsgatan 12, 753 75 Uppsala"
                    if first_half
                    else "Vaksala torg 1, 753 31 Uppsala",
                )
            )
        edition.participants = [(p, None, "completed") for p in alumni + others_]
        edition.recorded_by = "koordinator-uppsala"
        plan.editions.append(edition)


# --- 2. Örebro: Sveriges viktigaste chefsjobb ------------------------------------------------

OREBRO_MODULES = [
    ModulePlan(
        1,
        "Del av en helhet",
        "Att öka förståelsen för och bli framgångsrik i de möjligheter och begränsningar som en "
        "chefsroll innebär i Örebro kommun som politiskt styrd organisation.",
        [
            "Det kommunala uppdraget, politiken, roller och ansvar, "
            "övergripande strategi och budget",
            "Lednings- och styrsystem",
            "Varumärket, service och kommunikation, näringsliv och tillväxt",
            "Personalstrategiskt arbete, verksamhets- och ekonomistyrning",
        ],
        Decimal("1.5"),
    ),
    ModulePlan(
        2,
        "Klar ledare",
        "Att utveckla förmågan att beskriva sina upplevelser, intentioner och beslut klart och "
        "tydligt och samtidigt bygga en kultur där andra gör detsamma. Att skapa en lärande "
        "kultur och leda prestation genom engagemang och goda samarbetsrelationer.",
        [
            "Leda lärande: Klar ledare – en värdegrund och ett förhållningssätt",
            "Leda lärande: Att beskriva sin upplevelse klart och "
            "tydligt, få andra att göra detsamma",
            "Leda lärande: Lärande samtal för insikt, konfrontation och ömsesidigt lärande",
            "Leda lärande: Hinder för lyssnande och lärande",
            "Leda prestation: Använda sitt chefsmandat och samtidigt bygga samarbetsrelationer",
            "Leda prestation: Sätta mål, fatta beslut och göra andra ansvariga genom att delegera",
        ],
        Decimal("2"),
    ),
    ModulePlan(
        3,
        "Säker chef",
        "Att fördjupa förståelsen för rollen som arbetsgivarföreträdare, få insikt i de ramar "
        "inom ekonomi- och personalansvaret som ger förutsättningar för mitt chefsuppdrag och öka "
        "förmågan att nyttja organisationens möjligheter.",
        [
            "Arbetsgivarrollen och personalansvaret, kommunal juridik samt budget- och "
            "verksamhetsplaneringen",
            "Utforskande av relationer och förväntningar/roller mellan linje- och stödfunktioner",
        ],
        Decimal("1"),
    ),
    ModulePlan(
        4,
        "Initiativrik utvecklare",
        "Att utveckla förmågan att initiera och driva utveckling i komplexa sammanhang. Modulen "
        "avslutas med chefens färdplan för det fortsatta arbetet efter programmet.",
        [
            "Förhållningssätt och metoder som öppnar upp för trender och tendenser i omvärlden",
            "Min personliga förmåga att förutse, initiera och driva utveckling",
            "Ledningsgruppens roll i utvecklingsarbete",
            "Förhållningssätt och metoder för ett brett engagemang och "
            "lärande i utvecklingsprocesser",
            "Arbete med ett aktuellt case där chefen tränar sin förmåga att initiera och driva "
            "utveckling",
            "Chefens färdplan",
        ],
        Decimal("1.5"),
    ),
]
# First day of each module for Grupp 1..5; every group has its own dates.
OREBRO_DATES = {
    1: ("2015-09-10", "2015-09-24", "2015-10-08", "2015-10-22", "2015-11-05"),
    2: ("2015-11-19", "2015-12-03", "2016-01-21", "2016-02-04", "2016-02-18"),
    3: ("2016-03-10", "2016-03-17", "2016-04-07", "2016-04-21", "2016-05-12"),
    4: ("2016-09-08", "2016-09-22", "2016-10-06", "2016-10-20", "2016-11-10"),
}
OREBRO_PLACES = {
    1: ("Stadshuset, Örebro", "Drottninggatan 5, 701 35 Örebro"),
    2: ("Conventum Kongress", "Fabriksgatan 15, 702 10 Örebro"),
    3: ("Kulturkvarteret, Örebro", "Olof Palmes torg 1, 702 11 Örebro"),
    4: ("Naturens hus, Örebro", "Ekvägen 2, 703 59 Örebro"),
}
GROUP_SIZE = 22


def plan_orebro(plan: DemoPlan, rng: random.Random, reserved: set[int]) -> None:
    org = plan.roster["orebro"]
    consultants = plan.roster["norrsken-ledarskap"]
    programme = ProgrammePlan(
        "orebro",
        "Sveriges viktigaste chefsjobb",
        "all_managers",
        "Sveriges viktigaste chefsjobb – en ledarkultur för resultat. Koncernövergripande chefs- "
        "och ledarutvecklingsprogram för alla tillsvidareanställda chefer, hösten 2015 till och "
        "med sommaren 2017, byggt på Örebro kommuns ledarplattform: chefer som agerar Säkra, "
        "Initiativrika och Klara och kan bära ansvaret för helheten i kommunen. Sex "
        "utbildningsdagar i fyra moduler; förvaltningsledningsgrupperna går först. "
        "Förvaltningscheferna ingår i styrgruppen. Genomförs av en upphandlad konsult. "
        "Utvärderingar på en skala 1–6.",
    )
    plan.programmes.append(programme)
    edition = EditionPlan(
        programme,
        "Sveriges viktigaste chefsjobb 2015–2017",
        date(2015, 9, 1),
        date(2017, 6, 30),
        "completed",
        capacity=5 * GROUP_SIZE,
    )
    edition.modules = OREBRO_MODULES
    edition.groups = [f"Grupp {n}" for n in range(1, 6)]
    # Each administration's management team (chief and department heads) goes first, together.
    teams = [[p for p in org.managers() if p.level < 2 and p.unit.top is t] for t in org.tops()]
    first: dict[str, list[PersonRec]] = {"Grupp 1": [], "Grupp 2": []}
    for members in sorted(teams, key=len, reverse=True):
        smallest = min(first, key=lambda name: len(first[name]))
        first[smallest] += members
    taken = {id(p) for members in first.values() for p in members} | reserved
    for name, members in first.items():
        members += _spread(org.managers(2), GROUP_SIZE - len(members), rng, taken=taken)
        edition.participants += [(p, name, "completed") for p in members]
    mixed = _spread(org.managers(2), 3 * GROUP_SIZE, rng, taken=taken)
    for i, person in enumerate(mixed):  # _spread deals administrations in turn: mixed groups
        edition.participants.append((person, edition.groups[2 + i % 3], "completed"))
    team = consultants.staff_of(consultants.units_of_profile("konsult")[0])
    lead, others = team[0], team[1:]
    for module in OREBRO_MODULES:
        place, address = OREBRO_PLACES[module.order]
        for g, group in enumerate(edition.groups):
            start = date.fromisoformat(OREBRO_DATES[module.order][g])
            days = math.ceil(module.length_days)
            ends_at_noon = module.length_days % 1 != 0
            leaders = [lead, others[g % len(others)]] if g >= 2 else others[:2]
            first_day = SessionPlan(
                f"{module.name} – {group}",
                start,
                "module_day",
                time(8, 30),
                time(12, 0) if ends_at_noon else time(16, 30),
                group=group,
                module=module.order,
                place=place,
                address=address,
                leaders=leaders,
            )
            edition.sessions += day_by_day(
                first_day, start + timedelta(days=days - 1) if days > 1 else None
            )
    edition.recorded_by = "kursledare"
    plan.editions.append(edition)


# --- 3. Alingsås: Framtidens ledare ----------------------------------------------------------


def plan_alingsas(plan: DemoPlan, rng: random.Random, reserved: set[int]) -> None:
    org = plan.roster["alingsas"]
    programme = ProgrammePlan(
        "alingsas",
        "Framtidens ledare",
        "pre_managers",
        "Kurs i ledarskap för kommunanställda med potential att bli framtida ledare i Alingsås "
        "kommun: det personliga ledarskapet, grupprocesser, inre drivkrafter och värderingar. "
        "Deltagarna går bredvid en chef från en annan verksamhet än den egna. Avslutas med "
        "summering, reflektion, en personlig handlingsplan och diplomutdelning med "
        "kommundirektören och HR-chefen. En skriftlig utvärdering avgör om kursen ges igen.",
    )
    plan.programmes.append(programme)
    edition = EditionPlan(
        programme,
        "Framtidens ledare 2023/2024",
        date(2023, 11, 1),
        date(2024, 3, 22),
        "completed",
        capacity=15,
    )
    place, address = "Stadshuset, Alingsås", "Stora Torget 1, 441 30 Alingsås"
    sessions = [
        ("Uppstart: det personliga ledarskapet", date(2023, 11, 9), None, DAY),
        ("Grupprocesser och kommunikation", date(2023, 11, 30), None, DAY),
        ("Inre drivkrafter och värderingar", date(2023, 12, 14), None, DAY),
        ("Att leda i en politiskt styrd organisation", date(2024, 1, 18), None, DAY),
        (
            "Gå bredvid en chef från en annan förvaltning",
            date(2024, 2, 12),
            date(2024, 2, 13),
            (time(8, 0), time(16, 30)),
        ),
        ("Erfarenheter från att gå bredvid en chef", date(2024, 2, 29), None, DAY),
        (
            "Summering, reflektion och personlig handlingsplan",
            date(2024, 3, 22),
            None,
            (time(9, 0), time(12, 0)),
        ),
    ]
    for title, day, end, (start_t, end_t) in sessions:
        edition.sessions += day_by_day(
            SessionPlan(
                title,
                day,
                "module_day",
                start_t,
                end_t,
                place=place,
                address=address if end is None else "",
            ),
            end,
        )
    edition.sessions.append(
        SessionPlan(
            "Diplomutdelning",
            date(2024, 3, 22),
            "ceremony",
            time(13, 30),
            time(15, 0),
            place="Stadshuset, sessionssalen",
            address=address,
        )
    )
    people = _spread(org.employees(), 15, rng, taken=set(reserved))
    edition.participants = [(p, None, "completed") for p in people]
    edition.recorded_by = "koordinator-alingsas"
    plan.editions.append(edition)


# --- 4. Upplands Väsby: Växthuset ------------------------------------------------------------

PARTNERS = ["sollentuna", "sigtuna", "trygga-hander-omsorg", "forskolebolaget-larkan"]


def plan_vaxthuset(plan: DemoPlan, rng: random.Random, reserved: set[int]) -> None:
    org = plan.roster["upplands-vasby"]
    programme = ProgrammePlan(
        "upplands-vasby",
        "Växthuset",
        "network",
        "Ledarsatsning med internationella inslag för chefer i Upplands Väsby, grannkommunerna "
        "och leverantörer av välfärdstjänster. Fem tvådagarskonferenser i närområdet och två "
        "studieresor. Teman: ungt ledarskap, destruktivt ledarskap, mångkulturellt ledarskap och "
        "hur innovationskraft kan skapas och tas tillvara. Syftet: öka kundorienteringen och "
        "samspelet mellan interna och externa aktörer, bryta invanda tankemönster, hitta nya "
        "sätt att jobba, skapa ett chefsnätverk och ge utrymme för reflektion.",
    )
    plan.programmes.append(programme)
    edition = EditionPlan(
        programme,
        "Växthuset 2013",
        date(2013, 3, 1),
        date(2013, 12, 13),
        "completed",
        capacity=24,
        partners=list(PARTNERS),
    )
    hr = org.units_of_profile("hr")[0]
    leaders = [hr.parent.manager if hr.parent and hr.parent.manager else org.managers(0)[0]]
    leaders += [p for p in org.staff_of(org.units_of_profile("hr")[1])][:1]
    conference = (time(9, 0), time(16, 0))
    trip = (time(7, 0), time(20, 0))
    rows = [
        (
            "Konferens 1: Uppstart – personligt ledarskap och chefsnätverk",
            "2013-03-14",
            "conference",
            "Sigtunahöjden, Sigtuna",
            "",
        ),
        ("Studieresa till Kreta", "2013-04-22", "study_trip", "", "Platanias, Kreta"),
        ("Konferens 2: Ungt ledarskap", "2013-05-16", "conference", "Wenngarns slott, Sigtuna", ""),
        (
            "Konferens 3: Destruktivt ledarskap",
            "2013-09-12",
            "conference",
            "Konferensgården vid Edsviken, Sollentuna",
            "",
        ),
        ("Studieresa till södra Indien", "2013-10-24", "study_trip", "", "Sydindien"),
        (
            "Konferens 4: Mångkulturellt ledarskap",
            "2013-11-14",
            "conference",
            "Sigtunastiftelsen, Sigtuna",
            "",
        ),
        (
            "Konferens 5: Innovationskraft i verksamheten",
            "2013-12-12",
            "conference",
            "Infra City, Upplands Väsby",
            "",
        ),
    ]
    for title, day, kind, place, destination in rows:
        start = date.fromisoformat(day)
        length = 2 if kind == "conference" else (5 if "Kreta" in destination else 8)
        times = conference if kind == "conference" else trip
        edition.sessions += day_by_day(
            SessionPlan(
                title,
                start,
                kind,
                *times,
                place=place,
                destination=destination,
                leaders=leaders,
            ),
            start + timedelta(days=length - 1),
        )
    taken = set(reserved)
    people = _spread(org.managers(2) + org.managers(1), 12, rng, taken=taken)
    for slug, n in (
        ("sollentuna", 3),
        ("sigtuna", 3),
        ("trygga-hander-omsorg", 2),
        ("forskolebolaget-larkan", 2),
    ):
        people += _spread(plan.roster[slug].managers(2), n, rng, taken=taken)
    edition.participants = [(p, None, "completed") for p in people]
    edition.recorded_by = "koordinator-vasby"
    plan.editions.append(edition)


# --- 5. Kungsbacka: Kungsbackaledaren --------------------------------------------------------

KUNGSBACKA_PLACE = ("Stadshuset, Kungsbacka", "Storgatan 37, 434 81 Kungsbacka")

EIGHT_MONTH_MODULES = [
    ModulePlan(
        1,
        "Att leda i en modern e-förvaltning",
        "Förståelse för vad framtidens arbetssätt kräver av chefer och ledare.",
        ["E-förvaltning och digitalisering", "Kungsbackas ledarplattform"],
        Decimal("1"),
    ),
    ModulePlan(
        2,
        "Att leda sig själv i nya arbetssätt",
        "Verktyg för att leda sig själv.",
        ["Självledarskap", "Prioritering och återhämtning"],
        Decimal("1"),
    ),
    ModulePlan(
        3,
        "Att leda medarbetare i förändring",
        "Verktyg för att leda medarbetare i nya arbetssätt.",
        ["Förändringsledning", "Delaktighet"],
        Decimal("1"),
    ),
    ModulePlan(
        4,
        "Innovation i offentligt finansierad verksamhet",
        "Att öka innovationen i offentligt finansierad verksamhet.",
        ["Innovationsprocessen", "Att pröva och lära"],
        Decimal("1"),
    ),
    ModulePlan(
        5,
        "Digitala tjänster med medborgaren i centrum",
        "Tjänsteutveckling utifrån medborgarens behov.",
        ["Tjänstedesign", "Digitala kanaler"],
        Decimal("1"),
    ),
    ModulePlan(
        6,
        "Styrning, uppföljning och tillit",
        "Att följa upp och stödja i nya arbetssätt.",
        ["Mål och uppföljning", "Tillitsbaserat ledarskap"],
        Decimal("1"),
    ),
    ModulePlan(
        7,
        "Kommunikation och dialog",
        "Att kommunicera och skapa dialog i nya kanaler.",
        ["Kommunikativt ledarskap", "Dialog med medborgare"],
        Decimal("1"),
    ),
    ModulePlan(
        8,
        "Avslutning: att leda i utveckling",
        "Summering och personlig plan för det fortsatta ledarskapet.",
        ["Min plan framåt", "Erfarenhetsutbyte"],
        Decimal("1"),
    ),
]
INTRO_MODULES = [
    ModulePlan(
        1,
        "Del 1: Kungsbackas organisation och utveckling",
        "Kommunens organisation, styrning och utveckling.",
        ["Kommunens organisation", "Kungsbacka 2020"],
        Decimal("1"),
    ),
    ModulePlan(
        2,
        "Del 2: Ledarskapet och uppdraget som chef",
        "Ledarskapet och vad som förväntas av chefer och arbetsgivarrepresentanter.",
        ["Chefsuppdraget", "Att vara arbetsgivarrepresentant", "Ledarplattformen"],
        Decimal("1"),
    ),
    ModulePlan(
        3,
        "Del 3: Att arbeta i en politiskt styrd organisation",
        "Vad det innebär att arbeta i en politiskt styrd organisation.",
        ["Politiker och tjänstepersoner", "Nämnder och beslut"],
        Decimal("0.5"),
    ),
]


def _new_managers(
    org: OrgRec, n: int, rng: random.Random, *, between: tuple[date, date], taken: set[int]
) -> list[PersonRec]:
    """Unit managers who became managers recently: the introduction programme's participants."""
    people = _spread(org.managers(2), n, rng, taken=taken)
    span = (between[1] - between[0]).days
    for person in people:
        on = between[0] + timedelta(days=rng.randint(0, span))
        person.birth_year = rng.randint(1978, 1994)
        old_title = rng.choice(_employee_titles(person.unit))
        person.become_manager(on=on, old_title=old_title, old_unit=person.unit.name)
    return people


def plan_kungsbacka(plan: DemoPlan, rng: random.Random, reserved: set[int]) -> None:
    org = plan.roster["kungsbacka"]
    consultants = plan.roster["norrsken-ledarskap"]
    place, address = KUNGSBACKA_PLACE
    taken = set(reserved)
    new_2014 = _new_managers(
        org, 14, rng, between=(date(2013, 9, 1), date(2014, 2, 15)), taken=taken
    )
    new_2026 = _new_managers(
        org, 10, rng, between=(date(2026, 3, 1), date(2026, 9, 15)), taken=taken
    )
    managers_2014 = [p for p in org.managers() if p not in new_2026]

    # The leadership day and the leadership cafés are events (plantskola/demo/events.py).

    # The eight-month programme, then and now (delivered by the consultancy this time).
    eight = ProgrammePlan(
        "kungsbacka",
        "Kungsbackaledaren – leda i utveckling",
        "all_managers",
        "Åttamånadersprogram för chefer och ledare: att leda och verka i en modern "
        "e-förvaltning på ett effektivt sätt, med förståelse och verktyg för att leda "
        "medarbetare och sig själva i nya arbetssätt. Första omgången genomfördes med stöd av "
        "Vinnova, med målet att öka innovationen i offentligt finansierad verksamhet.",
    )
    plan.programmes.append(eight)
    team = consultants.staff_of(consultants.units_of_profile("konsult")[0])
    for name, start, end, status, first_month, leaders in (
        ("Kungsbackaledaren 2014", date(2014, 2, 1), date(2014, 9, 30), "completed", (2014, 2), []),
        (
            "Kungsbackaledaren 2026/2027",
            date(2026, 9, 1),
            date(2027, 4, 30),
            "running",
            (2026, 9),
            team[:2],
        ),
    ):
        edition = EditionPlan(eight, name, start, end, status, capacity=20)
        edition.modules = EIGHT_MONTH_MODULES
        year, month = first_month
        for module in EIGHT_MONTH_MODULES:
            edition.sessions.append(
                SessionPlan(
                    module.name,
                    nth_weekday(year, month, TUESDAY, 2),
                    "module_day",
                    *DAY,
                    module=module.order,
                    place=place,
                    address=address,
                    leaders=list(leaders),
                )
            )
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        pool = managers_2014 if status == "completed" else org.managers()
        chosen = _spread([p for p in pool if p.level == 2], 20, rng, taken=set(taken))
        people_status = "completed" if status == "completed" else "active"
        edition.participants = [(p, None, people_status) for p in chosen]
        edition.recorded_by = "kursledare" if leaders else "koordinator-kungsbacka"
        plan.editions.append(edition)

    # The introduction programme for new managers.
    intro = ProgrammePlan(
        "kungsbacka",
        "Introduktionsprogram för nya chefer",
        "new_managers",
        "Kommungemensam introduktion för nya chefer. Första delen handlar om Kungsbackas "
        "organisation och utveckling, den andra om ledarskapet och vad som förväntas av chefer "
        "och arbetsgivarrepresentanter. Från 2015 ingår även vad det innebär att arbeta i en "
        "politiskt styrd organisation.",
    )
    plan.programmes.append(intro)
    for name, start, end, status, modules, days, people in (
        (
            "Introduktion för nya chefer våren 2014",
            date(2014, 3, 1),
            date(2014, 5, 31),
            "completed",
            INTRO_MODULES[:2],
            (date(2014, 3, 13), date(2014, 4, 10)),
            new_2014,
        ),
        (
            "Introduktion för nya chefer hösten 2026",
            date(2026, 10, 1),
            date(2026, 12, 18),
            "running",
            INTRO_MODULES,
            (date(2026, 10, 15), date(2026, 11, 12), date(2026, 12, 3)),
            new_2026,
        ),
    ):
        edition = EditionPlan(intro, name, start, end, status, capacity=20)
        edition.modules = modules
        for module, when in zip(modules, days, strict=True):
            times = DAY if module.length_days >= 1 else (time(13, 0), time(16, 30))
            edition.sessions.append(
                SessionPlan(
                    module.name,
                    when,
                    "module_day",
                    *times,
                    module=module.order,
                    place=place,
                    address=address,
                )
            )
        people_status = "completed" if status == "completed" else "active"
        edition.participants = [(p, None, people_status) for p in people]
        edition.recorded_by = "koordinator-kungsbacka"
        plan.editions.append(edition)


# --- demo logins ---------------------------------------------------------------------------


def _retitle(person: PersonRec, title: str) -> PersonRec:
    person.title = title
    return person


def plan_logins(plan: DemoPlan) -> set[int]:
    """The demo users and the people they are; returns those people, kept out of selections.

    What each login is for is told in `loader.DEMO_LOGINS`.
    """
    r = plan.roster
    orebro_hr = _first_staff(r["orebro"], "hr")
    consultants = r["norrsken-ledarskap"]
    kursledare = consultants.staff_of(consultants.units_of_profile("konsult")[0])[0]
    vard_och_omsorg = _top_unit(r["orebro"], "VOO")
    chef = next(u for u in r["orebro"].units if u.parent is vard_och_omsorg).manager
    assert chef is not None and vard_och_omsorg.manager is not None  # noqa: S101
    orebro = ("orebro", "Sveriges viktigaste chefsjobb")
    kungsbacka = ("kungsbacka", "Kungsbackaledaren – leda i utveckling")
    plan.logins = [
        LoginPlan("admin", is_staff=True, is_superuser=True),
        LoginPlan(
            "hr",
            _retitle(orebro_hr[0], "HR-strateg"),
            org_roles=[("orebro", "hr_admin")],
            is_staff=True,
        ),
        LoginPlan(
            "koordinator",
            _retitle(orebro_hr[1], "Processledare chefs- och ledarutveckling"),
            org_roles=[("orebro", "coordinator")],
        ),
        LoginPlan(
            "kursledare",
            _retitle(kursledare, "Seniorkonsult"),
            programme_roles=[
                (*orebro, None, "course_leader"),
                (*kungsbacka, "Kungsbackaledaren 2026/2027", "course_leader"),
            ],
        ),
        LoginPlan(
            "styrgrupp",
            vard_och_omsorg.manager,
            programme_roles=[(*orebro, None, "steering_group")],
        ),
        LoginPlan("deltagare"),  # chosen among the participants, see build_plan
        LoginPlan("chef", chef),
        LoginPlan(
            "partner",
            _retitle(_first_staff(r["sollentuna"], "hr")[0], "HR-specialist"),
            org_roles=[("sollentuna", "hr_admin")],
        ),
    ]
    for slug, suffix in (
        ("uppsala", "uppsala"),
        ("alingsas", "alingsas"),
        ("upplands-vasby", "vasby"),
        ("kungsbacka", "kungsbacka"),
    ):
        person = _retitle(_first_staff(r[slug], "hr")[0], "HR-strateg")
        plan.logins.append(
            LoginPlan(f"koordinator-{suffix}", person, org_roles=[(slug, "coordinator")])
        )
    # The other förvaltningschefer are in the steering group too, without a demo password.
    for top in r["orebro"].tops():
        if top is not vard_och_omsorg and top.manager is not None:
            plan.logins.append(
                LoginPlan(
                    top.manager.email,
                    top.manager,
                    programme_roles=[(*orebro, None, "steering_group")],
                    has_demo_password=False,
                )
            )
    return {id(login.person) for login in plan.logins if login.person is not None}


def build_plan(roster: dict[str, OrgRec]) -> DemoPlan:
    plan = DemoPlan(roster)
    rng = random.Random(SEED)
    reserved = plan_logins(plan)
    plan_ledarlabbet(plan, rng, reserved)
    plan_orebro(plan, rng, reserved)
    plan_alingsas(plan, rng, reserved)
    plan_vaxthuset(plan, rng, reserved)
    plan_kungsbacka(plan, rng, reserved)
    # The participant login: an Örebro unit manager in Grupp 3, whose closest manager is the
    # `chef` login, so that the manager's view of a participant's roadmap can be tried.
    orebro = next(e for e in plan.editions if e.programme.org == "orebro")
    grupp3 = [p for p, g, _ in orebro.participants if g == "Grupp 3" and p.level == 2]
    chef_login = next(login for login in plan.logins if login.username == "chef")
    taking_part = {id(p) for e in plan.editions for p, _, _ in e.participants}
    logins = {id(login.person) for login in plan.logins if login.person is not None}
    deltagare = next((p for p in grupp3 if p.manager is chef_login.person), None)
    if deltagare is None:
        deltagare = next(
            (
                p
                for p in grupp3
                if p.manager is not None
                and id(p.manager) not in taking_part
                and (id(p.manager) not in logins or p.manager is chef_login.person)
            ),
            grupp3[0],
        )
        chef_login.person = deltagare.manager
    next(login for login in plan.logins if login.username == "deltagare").person = deltagare
    return plan
