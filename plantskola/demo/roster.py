"""The demo organisations in memory: unit trees and fictional people, generated deterministically.

Nothing here touches the database. `build_roster()` returns the same organisations, units and
people (names, employee numbers, e-mails) on every call, so the loader can upsert them on
natural keys. Real municipality and administration names are used; every person is invented.
"""

from __future__ import annotations

import random
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from faker import Faker

SEED = 20240322

# Unit kinds and organisation kinds as stored (the model's TextChoices values).
ADMINISTRATION = "administration"
COMPANY = "company"
DEPARTMENT = "department"
UNIT = "unit"


@dataclass(frozen=True)
class DeptProfile:
    """A kind of department: its name, how its units are named, who leads and works there."""

    name: str  # may contain {A}, an area ("Nord", "Syd", ...)
    unit_names: tuple[str, ...]  # may contain {P}, a place in the municipality
    unit_manager_title: str
    employee_titles: tuple[str, ...]
    head_title: str = "Avdelningschef"


PROFILES: dict[str, DeptProfile] = {
    "stab": DeptProfile(
        "Stab och kansli",
        ("Kansliet", "Utredning och kvalitet", "Säkerhet och beredskap"),
        "Enhetschef",
        ("Utredare", "Nämndsekreterare", "Handläggare"),
    ),
    "hr": DeptProfile(
        "HR-avdelningen",
        ("Chefs- och ledarutveckling", "HR-stöd", "Lön och pension", "Arbetsmiljö och hälsa"),
        "Enhetschef",
        ("HR-specialist", "HR-strateg", "HR-konsult", "Lönespecialist"),
        "HR-direktör",
    ),
    "ekonomi": DeptProfile(
        "Ekonomiavdelningen",
        ("Redovisning", "Budget och analys", "Upphandling", "Ekonomiservice"),
        "Enhetschef",
        ("Controller", "Ekonom", "Upphandlare", "Redovisningsekonom"),
        "Ekonomidirektör",
    ),
    "kommunikation": DeptProfile(
        "Kommunikationsavdelningen",
        ("Webb och digitala kanaler", "Kontaktcenter", "Presstjänst"),
        "Enhetschef",
        ("Kommunikatör", "Kundtjänstmedarbetare", "Webbredaktör"),
    ),
    "it": DeptProfile(
        "Digitalisering och IT",
        ("IT-drift", "Verksamhetsutveckling", "Informationssäkerhet", "IT-support"),
        "Enhetschef",
        ("IT-tekniker", "Systemförvaltare", "Verksamhetsutvecklare", "IT-arkitekt"),
    ),
    "forskola": DeptProfile(
        "Förskola {A}",
        ("{P} förskoleområde", "Förskolorna i {P}", "Förskolan {P}"),
        "Rektor",
        ("Förskollärare", "Barnskötare", "Förskollärare", "Barnskötare", "Kock"),
        "Verksamhetschef",
    ),
    "grundskola": DeptProfile(
        "Grundskola {A}",
        ("{P}skolan", "{P} skola", "Skolan i {P}"),
        "Rektor",
        ("Lärare", "Lärare", "Fritidspedagog", "Elevassistent", "Skolkurator", "Speciallärare"),
        "Verksamhetschef",
    ),
    "gymnasium": DeptProfile(
        "Gymnasieskolor",
        ("{P}gymnasiet", "{P} gymnasium", "Gymnasiesärskolan {P}"),
        "Rektor",
        ("Gymnasielärare", "Gymnasielärare", "Studie- och yrkesvägledare", "Skolsköterska"),
        "Verksamhetschef",
    ),
    "hemtjanst": DeptProfile(
        "Hemtjänst {A}",
        ("Hemtjänst {P}", "Hemtjänstgrupp {P}", "Nattpatrull {P}"),
        "Enhetschef",
        ("Undersköterska", "Undersköterska", "Vårdbiträde", "Undersköterska", "Planerare"),
    ),
    "boende": DeptProfile(
        "Vård- och omsorgsboenden {A}",
        ("{P} vård- och omsorgsboende", "{P}gården", "Korttidsboendet {P}"),
        "Enhetschef",
        ("Undersköterska", "Sjuksköterska", "Vårdbiträde", "Undersköterska", "Arbetsterapeut"),
    ),
    "lss": DeptProfile(
        "Funktionsstöd {A}",
        ("Gruppbostad {P}", "Daglig verksamhet {P}", "Servicebostad {P}"),
        "Enhetschef",
        ("Stödassistent", "Boendestödjare", "Stödpedagog", "Personlig assistent"),
    ),
    "ifo": DeptProfile(
        "Individ- och familjeomsorg {A}",
        ("Barn och unga {P}", "Vuxenenheten {P}", "Familjebehandling {P}", "Mottagningen {P}"),
        "Enhetschef",
        ("Socialsekreterare", "Socialsekreterare", "Familjebehandlare", "Handläggare"),
    ),
    "ekbist": DeptProfile(
        "Ekonomiskt bistånd",
        ("Försörjningsstöd {P}", "Verksamhetsnära stöd", "Mottagning ekonomiskt bistånd"),
        "Enhetschef",
        ("Socialsekreterare", "Handläggare", "Samordnare"),
    ),
    "arbetsmarknad": DeptProfile(
        "Arbete och bostad",
        ("Jobbcentrum {P}", "Vuxenutbildningen {P}", "Stödfamiljer och boende", "Feriejobb"),
        "Enhetschef",
        ("Arbetskonsulent", "Handläggare", "Lärare", "Jobbcoach"),
    ),
    "plan": DeptProfile(
        "Plan och bygg",
        ("Bygglov", "Detaljplan", "Lantmäteri", "Översiktlig planering"),
        "Enhetschef",
        ("Bygglovshandläggare", "Planarkitekt", "Lantmätare", "Byggnadsinspektör"),
    ),
    "gata": DeptProfile(
        "Gata och park",
        ("Gatudrift {P}", "Parkenheten", "Trafik och mobilitet", "Vinterväghållning"),
        "Enhetschef",
        ("Parkarbetare", "Gatuingenjör", "Arbetsledare", "Trafikplanerare"),
    ),
    "miljo": DeptProfile(
        "Miljö och hälsoskydd",
        ("Livsmedelskontroll", "Miljötillsyn", "Hälsoskydd"),
        "Enhetschef",
        ("Miljöinspektör", "Livsmedelsinspektör", "Miljöstrateg"),
    ),
    "kultur": DeptProfile(
        "Kultur",
        ("{P} bibliotek", "Kulturskolan {P}", "Konsthallen", "Stadsbiblioteket"),
        "Enhetschef",
        ("Bibliotekarie", "Kulturpedagog", "Musiklärare", "Biblioteksassistent"),
    ),
    "fritid": DeptProfile(
        "Fritid",
        ("Fritidsgård {P}", "Simhallen {P}", "Idrottsanläggningar {P}"),
        "Enhetschef",
        ("Fritidsledare", "Badmästare", "Drifttekniker", "Fritidsledare"),
    ),
    "service": DeptProfile(
        "Kost och lokalvård {A}",
        ("Köket i {P}", "Lokalvård {P}", "Tillagningsköket {P}"),
        "Enhetschef",
        ("Kock", "Måltidsbiträde", "Lokalvårdare", "Kock"),
    ),
    "fastighet": DeptProfile(
        "Förvaltning {A}",
        ("Område {P}", "Fastighetsservice {P}", "Kundcenter {P}"),
        "Områdeschef",
        ("Fastighetsförvaltare", "Fastighetstekniker", "Kundtjänstmedarbetare", "Projektledare"),
        "Förvaltningschef bostäder",
    ),
    "vatten": DeptProfile(
        "Vatten och avfall",
        ("Vattenverket", "Ledningsnät", "Avfall och återvinning", "Reningsverket"),
        "Driftchef",
        ("Drifttekniker", "Processingenjör", "Renhållningsarbetare", "Ledningsnätstekniker"),
    ),
    "teater": DeptProfile(
        "Scen och publik",
        ("Scen och produktion", "Publik och marknad", "Ateljéer"),
        "Enhetschef",
        ("Skådespelare", "Scentekniker", "Producent", "Kostymör"),
    ),
    "parkering": DeptProfile(
        "Parkering",
        ("Parkeringsövervakning", "Kundservice", "Anläggningar"),
        "Enhetschef",
        ("Parkeringsvakt", "Kundtjänstmedarbetare", "Drifttekniker"),
    ),
    "konsult": DeptProfile(
        "Ledarskap och organisationsutveckling",
        ("Konsultteamet", "Programadministration"),
        "Teamledare",
        ("Seniorkonsult", "Konsult", "Seniorkonsult", "Programkoordinator"),
        "Affärsområdeschef",
    ),
}

AREAS = ("Nord", "Syd", "Öst", "Väst", "Centrum", "Landsbygd")


@dataclass(frozen=True)
class TopUnitSpec:
    """An administration or company with its departments (profile key, number of units)."""

    code: str
    name: str
    kind: str
    departments: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class OrgSpec:
    slug: str
    name: str
    kind: str
    prefix: str  # employee-number prefix
    domain: str  # e-mail domain, always .example
    places: tuple[str, ...]
    top_units: tuple[TopUnitSpec, ...]
    employees_per_unit: tuple[int, int]


@dataclass(eq=False)
class UnitRec:
    code: str
    name: str
    kind: str
    parent: UnitRec | None
    profile: str | None
    manager: PersonRec | None = None

    @property
    def top(self) -> UnitRec:
        unit = self
        while unit.parent is not None:
            unit = unit.parent
        return unit


@dataclass(eq=False)
class PersonRec:
    number: str
    first_name: str
    last_name: str
    email: str
    gender: str
    birth_year: int
    unit: UnitRec
    title: str
    is_manager: bool
    level: int  # 0 top manager, 1 department head, 2 unit manager, 3 employee
    manager: PersonRec | None = None
    # (field, old value, new value, effective date) recorded as PersonChange rows
    changes: list[tuple[str, str, str, date]] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def become_manager(self, *, on: date, old_title: str, old_unit: str) -> None:
        """Record that this (now) manager was an employee until `on`."""
        self.changes.append(("is_manager", "False", "True", on))
        self.changes.append(("title", old_title, self.title, on))
        if old_unit != self.unit.name:
            self.changes.append(("unit", old_unit, self.unit.name, on))


@dataclass(eq=False)
class OrgRec:
    spec: OrgSpec
    units: list[UnitRec]
    people: list[PersonRec]

    @property
    def slug(self) -> str:
        return self.spec.slug

    def tops(self) -> list[UnitRec]:
        return [u for u in self.units if u.parent is None]

    def managers(self, level: int | None = None) -> list[PersonRec]:
        return [p for p in self.people if p.is_manager and (level is None or p.level == level)]

    def employees(self) -> list[PersonRec]:
        return [p for p in self.people if not p.is_manager]

    def units_of_profile(self, profile: str) -> list[UnitRec]:
        return [u for u in self.units if u.profile == profile and u.kind == UNIT]

    def staff_of(self, unit: UnitRec) -> list[PersonRec]:
        return [p for p in self.people if p.unit is unit and not p.is_manager]


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "".join(c if c.isalnum() else "-" for c in text).strip("-")


def _place_streams(places: tuple[str, ...], rng: random.Random) -> dict[str, Iterator[str]]:
    """One shuffled, endless stream of places per unit-name template, so names rarely repeat."""

    def stream() -> Iterator[str]:
        order = list(places)
        rng.shuffle(order)
        round_ = 1
        while True:
            for place in order:
                yield place if round_ == 1 else f"{place} {round_}"
            round_ += 1

    return defaultdict(stream)


class _PeopleMaker:
    """Invents people for one organisation: names, gender, birth year, unique e-mail."""

    def __init__(self, spec: OrgSpec) -> None:
        seed = zlib.crc32(f"{SEED}:{spec.slug}".encode())
        self.spec = spec
        self.rng = random.Random(seed)
        self.fake = Faker("sv_SE")
        self.fake.seed_instance(seed)
        self.count = 0
        self.emails: set[str] = set()

    def make(
        self, *, unit: UnitRec, title: str, level: int, manager: PersonRec | None
    ) -> PersonRec:
        rng = self.rng
        self.count += 1
        is_manager = level < 3
        woman = rng.random() < (0.62 if is_manager else 0.72)
        first = self.fake.first_name_female() if woman else self.fake.first_name_male()
        last = self.fake.last_name()
        roll = rng.random()
        if roll < 0.10:
            gender = ""  # not stated
        elif roll < 0.11:
            gender = "other"
        else:
            gender = "woman" if woman else "man"
        birth_year = rng.randint(1958, 1988) if is_manager else rng.randint(1960, 2002)
        local = f"{_ascii(first)}.{_ascii(last)}"
        email, n = f"{local}@{self.spec.domain}", 1
        while email in self.emails:
            n += 1
            email = f"{local}{n}@{self.spec.domain}"
        self.emails.add(email)
        return PersonRec(
            number=f"{self.spec.prefix}{self.count:05d}",
            first_name=first,
            last_name=last,
            email=email,
            gender=gender,
            birth_year=birth_year,
            unit=unit,
            title=title,
            is_manager=is_manager,
            level=level,
            manager=manager,
        )


def generate_org(spec: OrgSpec) -> OrgRec:
    maker = _PeopleMaker(spec)
    rng = maker.rng
    places = _place_streams(spec.places, rng)
    units: list[UnitRec] = []
    people: list[PersonRec] = []
    lo, hi = spec.employees_per_unit

    def staff(unit: UnitRec, profile: DeptProfile, boss: PersonRec, n: int) -> None:
        for _ in range(n):
            title = rng.choice(profile.employee_titles)
            people.append(maker.make(unit=unit, title=title, level=3, manager=boss))

    for top in spec.top_units:
        top_unit = UnitRec(top.code, top.name, top.kind, None, None)
        units.append(top_unit)
        chief_title = "VD" if top.kind == COMPANY else "Förvaltningschef"
        if spec.kind == "consultancy":
            chief_title = "VD"
        chief = maker.make(unit=top_unit, title=chief_title, level=0, manager=None)
        top_unit.manager = chief
        people.append(chief)
        areas = iter(AREAS)
        for d_index, (profile_key, n_units) in enumerate(top.departments, start=1):
            profile = PROFILES[profile_key]
            dept_name = (
                profile.name.format(A=next(areas)) if "{A}" in profile.name else profile.name
            )
            dept = UnitRec(
                f"{top.code}-{d_index:02d}", dept_name, DEPARTMENT, top_unit, profile_key
            )
            units.append(dept)
            head = maker.make(unit=dept, title=profile.head_title, level=1, manager=chief)
            dept.manager = head
            people.append(head)
            used: set[str] = set()
            for u_index in range(1, n_units + 1):
                template = profile.unit_names[(u_index - 1) % len(profile.unit_names)]
                name = template
                while "{P}" in template:
                    name = template.format(P=next(places[template]))
                    if name not in used:
                        break
                if name in used:
                    name = f"{name} {u_index}"
                used.add(name)
                unit = UnitRec(f"{dept.code}-{u_index:02d}", name, UNIT, dept, profile_key)
                units.append(unit)
                boss = maker.make(
                    unit=unit, title=profile.unit_manager_title, level=2, manager=head
                )
                unit.manager = boss
                people.append(boss)
                # HR units always have a few people: the demo's HR logins live there.
                n = rng.randint(lo, hi)
                staff(unit, profile, boss, max(n, 3) if profile_key == "hr" else n)
    return OrgRec(spec, units, people)


def _top(code: str, name: str, *depts: tuple[str, int], kind: str = ADMINISTRATION) -> TopUnitSpec:
    return TopUnitSpec(code, name, kind, tuple(depts))


UPPSALA = OrgSpec(
    slug="uppsala",
    name="Uppsala kommun",
    kind="municipality",
    prefix="UPP",
    domain="uppsala.example",
    places=(
        "Gottsunda",
        "Sävja",
        "Gränby",
        "Luthagen",
        "Eriksberg",
        "Årsta",
        "Storvreta",
        "Björklinge",
        "Vänge",
        "Stenhagen",
        "Valsätra",
        "Norby",
        "Kvarngärdet",
        "Fålhagen",
        "Svartbäcken",
        "Sunnersta",
        "Rasbo",
        "Skyttorp",
        "Bälinge",
        "Flogsta",
        "Rosendal",
        "Salabacke",
        "Nåntuna",
        "Almunge",
        "Järlåsa",
    ),
    top_units=(
        _top(
            "KLK",
            "Kommunledningskontoret",
            ("stab", 2),
            ("hr", 3),
            ("ekonomi", 2),
            ("kommunikation", 2),
            ("it", 2),
        ),
        _top(
            "UBF",
            "Utbildningsförvaltningen",
            ("forskola", 3),
            ("forskola", 3),
            ("grundskola", 4),
            ("grundskola", 3),
            ("gymnasium", 3),
        ),
        _top("SOF", "Socialförvaltningen", ("ifo", 3), ("ekbist", 3)),
        _top("ALF", "Äldreförvaltningen", ("hemtjanst", 3), ("hemtjanst", 2), ("boende", 3)),
        _top("OMF", "Omsorgsförvaltningen", ("lss", 3), ("lss", 2)),
        _top("AMF", "Arbetsmarknadsförvaltningen", ("arbetsmarknad", 4)),
        _top("KUF", "Kulturförvaltningen", ("kultur", 3)),
        _top("SBF", "Stadsbyggnadsförvaltningen", ("plan", 3)),
        _top("GSF", "Gatu- och samhällsmiljöförvaltningen", ("gata", 3)),
        _top("IFF", "Idrotts- och fritidsförvaltningen", ("fritid", 3)),
        _top("MHF", "Miljöförvaltningen", ("miljo", 2)),
        _top("UHEM", "Uppsalahem AB", ("fastighet", 3), ("fastighet", 2), kind=COMPANY),
        _top("UVA", "Uppsala Vatten och Avfall AB", ("vatten", 3), kind=COMPANY),
        _top("SKOF", "Uppsala kommun Skolfastigheter AB", ("fastighet", 2), kind=COMPANY),
        _top("TEAT", "Uppsala stadsteater AB", ("teater", 3), kind=COMPANY),
        _top("FYR", "Fyrishov AB", ("fritid", 2), kind=COMPANY),
        _top("PARK", "Uppsala Parkerings AB", ("parkering", 2), kind=COMPANY),
    ),
    employees_per_unit=(3, 5),
)

OREBRO = OrgSpec(
    slug="orebro",
    name="Örebro kommun",
    kind="municipality",
    prefix="ORE",
    domain="orebro.example",
    places=(
        "Vivalla",
        "Brickebacken",
        "Baronbackarna",
        "Varberga",
        "Oxhagen",
        "Adolfsberg",
        "Mosås",
        "Glanshammar",
        "Odensbacken",
        "Vintrosa",
        "Hovsta",
        "Lillån",
        "Sörbyängen",
        "Rynninge",
        "Tybble",
        "Haga",
        "Almby",
        "Markbacken",
        "Lundby",
        "Mikaelsplan",
        "Ladugårdsängen",
        "Björkhaga",
        "Ekeby",
        "Stora Mellösa",
        "Norrby",
        "Västhaga",
    ),
    top_units=(
        _top("KLF", "Kommunledningsförvaltningen", ("hr", 4), ("ekonomi", 3), ("it", 3)),
        _top(
            "FOS",
            "Förvaltningen förskola och skola",
            ("forskola", 8),
            ("grundskola", 8),
            ("gymnasium", 4),
        ),
        _top("VOO", "Förvaltningen vård och omsorg", ("hemtjanst", 7), ("boende", 7), ("lss", 6)),
        _top(
            "SOV", "Förvaltningen social välfärd", ("ifo", 6), ("ekbist", 3), ("arbetsmarknad", 4)
        ),
        _top("SBN", "Förvaltningen Stadsbyggnad", ("plan", 4), ("gata", 4), ("miljo", 3)),
        _top("KOF", "Förvaltningen kultur och fritid", ("kultur", 4), ("fritid", 5)),
        _top(
            "INS", "Förvaltningen Intern service", ("service", 7), ("service", 6), ("fastighet", 4)
        ),
    ),
    employees_per_unit=(3, 5),
)

ALINGSAS = OrgSpec(
    slug="alingsas",
    name="Alingsås kommun",
    kind="municipality",
    prefix="ALI",
    domain="alingsas.example",
    places=(
        "Noltorp",
        "Stadsskogen",
        "Sollebrunn",
        "Ingared",
        "Hemsjö",
        "Gräfsnäs",
        "Bjärke",
        "Östlyckan",
        "Brogården",
        "Nolby",
        "Lövekulle",
        "Kullingsberg",
        "Tuvelycke",
    ),
    top_units=(
        _top("KLK", "Kommunledningskontoret", ("hr", 3), ("ekonomi", 2), ("kommunikation", 2)),
        _top(
            "BUF",
            "Barn- och ungdomsförvaltningen",
            ("forskola", 4),
            ("grundskola", 4),
            ("gymnasium", 2),
        ),
        _top("VOF", "Vård- och omsorgsförvaltningen", ("hemtjanst", 3), ("boende", 3)),
        _top("SOC", "Socialförvaltningen", ("ifo", 3), ("arbetsmarknad", 2)),
        _top("SBK", "Samhällsbyggnadsförvaltningen", ("plan", 2), ("gata", 2), ("miljo", 2)),
        _top("KFF", "Kultur- och fritidsförvaltningen", ("kultur", 2), ("fritid", 2)),
    ),
    employees_per_unit=(3, 5),
)

UPPLANDS_VASBY = OrgSpec(
    slug="upplands-vasby",
    name="Upplands Väsby kommun",
    kind="municipality",
    prefix="UVK",
    domain="upplandsvasby.example",
    places=(
        "Runby",
        "Bollstanäs",
        "Vilunda",
        "Sigma",
        "Smedby",
        "Fresta",
        "Grimstaby",
        "Messingen",
        "Bredden",
        "Ekeby",
        "Brunnby",
        "Hasselgatan",
        "Nordanvind",
    ),
    top_units=(
        _top("KLK", "Kommunledningskontoret", ("hr", 3), ("ekonomi", 2), ("it", 2)),
        _top("UTB", "Utbildningskontoret", ("forskola", 3), ("grundskola", 4)),
        _top("SOC", "Socialkontoret", ("ifo", 3), ("lss", 2)),
        _top("VOO", "Vård- och omsorgskontoret", ("hemtjanst", 2), ("boende", 3)),
        _top("SBK", "Samhällsbyggnadskontoret", ("plan", 2), ("gata", 2)),
        _top("KOF", "Kultur- och fritidskontoret", ("kultur", 2), ("fritid", 2)),
    ),
    employees_per_unit=(2, 3),
)

KUNGSBACKA = OrgSpec(
    slug="kungsbacka",
    name="Kungsbacka kommun",
    kind="municipality",
    prefix="KBA",
    domain="kungsbacka.example",
    places=(
        "Åsa",
        "Frillesås",
        "Onsala",
        "Särö",
        "Kullavik",
        "Fjärås",
        "Vallda",
        "Tölö",
        "Hede",
        "Anneberg",
        "Gällinge",
        "Kolla",
        "Björkris",
        "Inlag",
        "Hanhals",
        "Lerkil",
        "Älvsåker",
        "Ölmevalla",
        "Förlanda",
        "Hammargård",
        "Varla",
        "Kläppa",
        "Eskilsby",
        "Idala",
        "Släp",
        "Rydal",
        "Malevik",
        "Ekenäs",
        "Buerås",
        "Duvehed",
    ),
    top_units=(
        _top(
            "KLK",
            "Kommunledningskontoret",
            ("stab", 3),
            ("hr", 4),
            ("ekonomi", 4),
            ("kommunikation", 3),
            ("it", 4),
        ),
        _top(
            "FG",
            "Förvaltningen Förskola & Grundskola",
            ("forskola", 17),
            ("forskola", 16),
            ("forskola", 16),
            ("grundskola", 17),
            ("grundskola", 17),
            ("grundskola", 16),
        ),
        _top(
            "GA",
            "Förvaltningen Gymnasium & Arbetsmarknad",
            ("gymnasium", 10),
            ("arbetsmarknad", 11),
        ),
        _top(
            "VO",
            "Förvaltningen Vård & Omsorg",
            ("hemtjanst", 15),
            ("hemtjanst", 15),
            ("boende", 15),
            ("boende", 14),
            ("lss", 15),
        ),
        _top(
            "IFO", "Förvaltningen Individ & Familjeomsorg", ("ifo", 12), ("ifo", 11), ("ekbist", 6)
        ),
        _top("KF", "Förvaltningen Kultur & Fritid", ("kultur", 9), ("fritid", 10)),
        _top("SERV", "Förvaltningen Service", ("service", 15), ("service", 14)),
        _top("TEK", "Förvaltningen Teknik", ("gata", 9), ("vatten", 9)),
        _top("SBF", "Förvaltningen Samhällsbyggnad", ("plan", 6), ("miljo", 5)),
    ),
    employees_per_unit=(1, 2),
)

SOLLENTUNA = OrgSpec(
    slug="sollentuna",
    name="Sollentuna kommun",
    kind="neighbouring_municipality",
    prefix="SOL",
    domain="sollentuna.example",
    places=("Edsberg", "Tureberg", "Häggvik", "Rotebro", "Vaxmora", "Helenelund", "Norrviken"),
    top_units=(
        _top("KLK", "Kommunledningskontoret", ("hr", 2)),
        _top("BUK", "Barn- och utbildningskontoret", ("forskola", 3), ("grundskola", 2)),
        _top("SOK", "Socialkontoret", ("ifo", 3)),
    ),
    employees_per_unit=(1, 2),
)

SIGTUNA = OrgSpec(
    slug="sigtuna",
    name="Sigtuna kommun",
    kind="neighbouring_municipality",
    prefix="SIG",
    domain="sigtuna.example",
    places=("Märsta", "Valsta", "Steninge", "Rosersberg", "Sätuna", "Skepptuna", "Odensala"),
    top_units=(
        _top("KLK", "Kommunledningsförvaltningen", ("hr", 2)),
        _top("UTF", "Utbildningsförvaltningen", ("forskola", 2), ("grundskola", 3)),
        _top("VOF", "Vård- och omsorgsförvaltningen", ("hemtjanst", 3), ("boende", 2)),
    ),
    employees_per_unit=(1, 2),
)

TRYGGA_HANDER = OrgSpec(
    slug="trygga-hander-omsorg",
    name="Trygga Händer Omsorg AB",
    kind="welfare_provider",
    prefix="THO",
    domain="tryggahander.example",
    places=("Runby", "Vilunda", "Smedby", "Bollstanäs", "Edsberg", "Märsta"),
    top_units=(
        _top(
            "THO",
            "Trygga Händer Omsorg AB",
            ("hemtjanst", 4),
            ("boende", 2),
            ("hr", 2),
            kind=COMPANY,
        ),
    ),
    employees_per_unit=(1, 2),
)

LARKAN = OrgSpec(
    slug="forskolebolaget-larkan",
    name="Förskolebolaget Lärkan AB",
    kind="welfare_provider",
    prefix="LAR",
    domain="larkanforskolor.example",
    places=("Bredden", "Fresta", "Grimstaby", "Sigma", "Häggvik", "Rotebro"),
    top_units=(
        _top(
            "LAR",
            "Förskolebolaget Lärkan AB",
            ("forskola", 4),
            ("forskola", 2),
            ("hr", 2),
            kind=COMPANY,
        ),
    ),
    employees_per_unit=(1, 2),
)

CONSULTANCY = OrgSpec(
    slug="norrsken-ledarskap",
    name="Norrsken Ledarskap AB",
    kind="consultancy",
    prefix="NLS",
    domain="norrskenledarskap.example",
    places=("Örebro",),
    top_units=(_top("NLS", "Norrsken Ledarskap AB", ("konsult", 2), kind=COMPANY),),
    employees_per_unit=(3, 4),
)

ORG_SPECS = (
    UPPSALA,
    OREBRO,
    ALINGSAS,
    UPPLANDS_VASBY,
    KUNGSBACKA,
    SOLLENTUNA,
    SIGTUNA,
    TRYGGA_HANDER,
    LARKAN,
    CONSULTANCY,
)


def build_roster() -> dict[str, OrgRec]:
    """Every demo organisation with its units and people, keyed by slug."""
    return {spec.slug: generate_org(spec) for spec in ORG_SPECS}
