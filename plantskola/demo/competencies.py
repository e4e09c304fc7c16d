"""Demo leadership platforms: Örebro (values Säker, Initiativrik, Klar), Kungsbacka (requirement
profile "Chef i Kungsbacka kommun") and Uppsala (profile "Blivande chef" for Ledarlabbet).
Idempotent: rows are found by name and brought up to date."""

from __future__ import annotations

from dataclasses import dataclass

from plantskola.competencies.models import Competency, RequirementProfile, Value
from plantskola.competencies.services import competency_save, profile_save
from plantskola.core.models import Organisation


@dataclass(frozen=True)
class PlatformSpec:
    values: list[tuple[str, str]]
    # (name, value name or None, description, behavioural indicators per level)
    competencies: list[tuple[str, str | None, str, dict[int, str]]]
    # (name, description, competency name → level expected)
    profiles: list[tuple[str, str, dict[str, int]]]


PLATFORMS: dict[str, PlatformSpec] = {
    "orebro": PlatformSpec(
        values=[
            (
                "Säker",
                "Vi tar ansvar för helheten, följer lagar och beslut och är trygga i vår roll.",
            ),
            (
                "Initiativrik",
                "Vi ser möjligheter, tar initiativ och driver utveckling tillsammans.",
            ),
            ("Klar", "Vi är tydliga i det vi säger och gör, och skapar klarhet för andra."),
        ],
        competencies=[
            (
                "Helhetssyn",
                "Säker",
                "Förstår den politiskt styrda organisationen och sin roll i den.",
                {
                    1: "Känner till kommunens uppdrag och styrning\nFöljer fattade beslut",
                    2: "Förklarar beslut och deras bakgrund för medarbetarna",
                    3: "Agerar för kommunens bästa även när det kostar den egna enheten",
                    4: "Bygger samarbeten över förvaltningsgränser för helheten",
                },
            ),
            (
                "Arbetsgivarskap",
                "Säker",
                "Tar arbetsgivarens ansvar för ekonomi, personal och arbetsmiljö.",
                {
                    1: "Känner till sitt personal- och budgetansvar",
                    2: "Håller budget och följer upp arbetsmiljön systematiskt",
                    3: "Hanterar svåra personalärenden tryggt och rättssäkert",
                    4: "Är ett stöd för andra chefer i arbetsgivarfrågor",
                },
            ),
            (
                "Leda lärande",
                "Klar",
                "Skapar en lärande kultur där andra vill bidra.",
                {
                    1: "Ger och tar emot återkoppling",
                    2: "Beskriver sina upplevelser, intentioner och beslut klart och tydligt",
                    3: "Leder lärande samtal med insikt, konfrontation och ömsesidigt lärande",
                    4: "Går före och gör lärandet till en del av vardagen i hela verksamheten",
                },
            ),
            (
                "Leda prestation",
                "Klar",
                "Skapar engagemang kring mål, beslut och strategier.",
                {
                    1: "Gör målen kända för medarbetarna",
                    2: "Fattar beslut och förklarar dem",
                    3: "Delegerar och gör andra ansvariga genom att sätta mål",
                    4: "Bygger samarbetsrelationer som ger hög prestation över tid",
                },
            ),
            (
                "Utvecklingsförmåga",
                "Initiativrik",
                "Initierar och driver utveckling i komplexa sammanhang.",
                {
                    1: "Är öppen för nya arbetssätt",
                    2: "Fångar upp trender och tendenser i omvärlden",
                    3: "Driver förbättringsarbete tillsammans med medarbetarna",
                    4: "Leder utveckling som förändrar verksamheten i grunden",
                },
            ),
        ],
        profiles=[
            (
                "Chef i Örebro kommun",
                "Kravprofil för alla tillsvidareanställda chefer.",
                {
                    "Helhetssyn": 3,
                    "Arbetsgivarskap": 3,
                    "Leda lärande": 3,
                    "Leda prestation": 3,
                    "Utvecklingsförmåga": 2,
                },
            ),
        ],
    ),
    "kungsbacka": PlatformSpec(
        values=[
            ("Engagemang", "Vi brinner för uppdraget och för dem vi är till för."),
            ("Öppenhet", "Vi delar information, lyssnar och välkomnar nya perspektiv."),
            ("Ansvar", "Vi tar ansvar för våra beslut och för helheten i Kungsbacka."),
        ],
        competencies=[
            (
                "Strategiskt ledarskap",
                "Ansvar",
                "Omsätter politiska mål i verksamhetens vardag.",
                {
                    1: "Känner till verksamhetens mål",
                    2: "Bryter ned mål till aktiviteter",
                    3: "Prioriterar utifrån helheten och långsiktigheten",
                    4: "Formar strategier som andra chefer bygger vidare på",
                },
            ),
            (
                "Kommunikation",
                "Öppenhet",
                "Kommunicerar tydligt och lyssnar aktivt.",
                {
                    1: "Informerar medarbetarna om det som rör dem",
                    2: "Anpassar budskapet efter mottagaren",
                    3: "Skapar dialog även i svåra frågor",
                    4: "Är en förebild i öppen och tydlig kommunikation",
                },
            ),
            (
                "Leda förändring",
                "Engagemang",
                "Leder medarbetare genom förändring.",
                {
                    1: "Förklarar varför förändringen behövs",
                    2: "Involverar medarbetarna i förändringsarbetet",
                    3: "Hanterar motstånd konstruktivt",
                    4: "Skapar en kultur där förändring är en naturlig del av arbetet",
                },
            ),
            (
                "Relationsskapande",
                "Engagemang",
                "Bygger förtroendefulla relationer.",
                {
                    1: "Är lyhörd och respektfull",
                    2: "Bygger nätverk inom den egna förvaltningen",
                    3: "Samarbetar över förvaltningsgränser",
                    4: "Bygger relationer som stärker hela kommunen",
                },
            ),
            (
                "Resultatorientering",
                "Ansvar",
                "Följer upp och når resultat.",
                {
                    1: "Följer upp verksamhetens resultat",
                    2: "Agerar när resultaten avviker",
                    3: "Använder uppföljning för att utveckla verksamheten",
                    4: "Når goda resultat över tid tillsammans med medarbetarna",
                },
            ),
        ],
        profiles=[
            (
                "Chef i Kungsbacka kommun",
                "Gemensam kravprofil vid rekrytering av chefer.",
                {
                    "Strategiskt ledarskap": 3,
                    "Kommunikation": 3,
                    "Leda förändring": 3,
                    "Relationsskapande": 3,
                    "Resultatorientering": 3,
                },
            ),
        ],
    ),
    "uppsala": PlatformSpec(
        values=[],
        competencies=[
            (
                "Kommunikativ förmåga",
                None,
                "Samtalsfärdighet: lyssnar, frågar och uttrycker sig tydligt.",
                {
                    1: "Lyssnar aktivt och ställer öppna frågor",
                    2: "Anpassar sitt sätt att kommunicera efter situationen",
                    3: "Leder svåra samtal på ett konstruktivt sätt",
                },
            ),
            (
                "Feedback",
                None,
                "Ger och tar emot återkoppling i en arbetsgrupp.",
                {
                    1: "Tar emot återkoppling utan att gå i försvar",
                    2: "Ger konkret och respektfull återkoppling",
                    3: "Skapar ett klimat där återkoppling är självklar",
                },
            ),
            (
                "Mötesledning",
                None,
                "Leder möten som leder framåt.",
                {
                    1: "Förbereder möten med tydligt syfte",
                    2: "Leder möten så att alla kommer till tals",
                    3: "Leder möten till tydliga beslut och uppföljning",
                },
            ),
            (
                "Förändringsförmåga",
                None,
                "Hanterar och driver förändring, innovation och tjänstedesign.",
                {
                    1: "Är nyfiken på nya arbetssätt",
                    2: "Prövar nya idéer i den egna verksamheten",
                    3: "Driver utveckling med innovation och tjänstedesign",
                },
            ),
            (
                "Självinsikt",
                None,
                "Känner sina styrkor och utvecklingsområden.",
                {
                    1: "Reflekterar över sitt eget beteende",
                    2: "Söker aktivt återkoppling för att utvecklas",
                    3: "Använder sina insikter för att leda sig själv och andra",
                },
            ),
        ],
        profiles=[
            (
                "Blivande chef",
                "Kravprofil för Ledarlabbet: potential för chefsuppdrag i kommunkoncernen.",
                {
                    "Kommunikativ förmåga": 2,
                    "Feedback": 2,
                    "Mötesledning": 2,
                    "Förändringsförmåga": 2,
                    "Självinsikt": 3,
                },
            ),
        ],
    ),
}


def load() -> None:
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=PLATFORMS)}
    for slug, platform in PLATFORMS.items():
        organisation = organisations.get(slug)
        if organisation is None:
            continue
        values: dict[str, Value] = {}
        for order, (name, description) in enumerate(platform.values, start=1):
            values[name], _ = Value.objects.update_or_create(
                organisation=organisation,
                name=name,
                defaults={"description": description, "order": order},
            )
        competencies: dict[str, Competency] = {}
        for order, (name, value, description, levels) in enumerate(
            platform.competencies,
            start=1,
        ):
            competency = Competency.objects.filter(organisation=organisation, name=name).first()
            competency = competency or Competency(organisation=organisation, name=name)
            competency.description = description
            competency.value = values.get(value) if value else None
            competency.order = order
            competencies[name] = competency_save(competency=competency, levels=levels)
        for name, description, requirements in platform.profiles:
            profile = RequirementProfile.objects.filter(
                organisation=organisation, name=name
            ).first()
            profile = profile or RequirementProfile(organisation=organisation, name=name)
            profile.description = description
            profile_save(
                profile=profile,
                requirements={competencies[c].pk: level for c, level in requirements.items()},
            )
