"""Demo rows of the development app, loaded by `plantskola demo` (idempotent).

Action plans and roadmaps (`load_plans`):
- Alingsås, Framtidens ledare 2023/2024: the login `deltagare-alingsas` (a participant) has a
  written personal action plan, shared with their closest manager (login `chef-alingsas`), who
  has commented on it, and reflections on two sessions, one shared;
- Örebro, Sveriges viktigaste chefsjobb: the existing `deltagare` login has a manager's roadmap
  with goals linked to Örebro's leadership platform, shared with the course leaders.

Alingsås has no leadership platform in the competencies demo; three competencies are added for
it here (found by name, so a reload changes nothing).
"""

from __future__ import annotations

import datetime as dt

from plantskola.access.core import closest_manager
from plantskola.competencies.models import Competency
from plantskola.core.models import Organisation, User
from plantskola.demo import shadowing as demo_shadowing
from plantskola.demo.loader import demo_login
from plantskola.development.models import (
    DevelopmentPlan,
    PlanAction,
    PlanComment,
    PlanGoal,
    Reflection,
)
from plantskola.programmes.models import Attendance, Edition, Participant

LOGINS = [
    (
        "deltagare-alingsas",
        "Deltagare i Framtidens ledare 2023/2024 (Alingsås): en skriven personlig handlingsplan, "
        "delad med sin chef, med chefens kommentar; reflektioner efter tillfällena",
    ),
    (
        "chef-alingsas",
        "Närmaste chef till deltagaren i Alingsås: läser och kommenterar den delade "
        "handlingsplanen under Delade planer",
    ),
    *demo_shadowing.LOGINS,
]

ALINGSAS_COMPETENCIES = [
    ("Självkännedom", "Känner sina drivkrafter, värderingar och sitt sätt att reagera."),
    ("Kommunikation", "Lyssnar, ger och tar emot återkoppling och uttrycker sig tydligt."),
    ("Leda grupper", "Förstår grupprocesser och skapar delaktighet i en arbetsgrupp."),
]

# (title, competency, description, support, [(action, due date, done)])
# A goal: title, competency, description, support needed, actions (text, due date, done).
DemoGoal = tuple[str, str, str, str, list[tuple[str, dt.date, bool]]]

ALINGSAS_GOALS: list[DemoGoal] = [
    (
        "Ge och ta emot återkoppling i min arbetsgrupp",
        "Kommunikation",
        "Jag vill bli tryggare i att ge återkoppling, även när det gäller något som inte fungerar.",
        "Att min chef ger mig återkoppling på hur jag leder våra arbetsplatsträffar.",
        [
            (
                "Leda två arbetsplatsträffar med en runda för återkoppling",
                dt.date(2024, 5, 31),
                True,
            ),
            ("Be tre kollegor om återkoppling på hur jag kommunicerar", dt.date(2024, 6, 15), True),
            ("Samtal med min chef om vad jag lärt mig", dt.date(2024, 9, 30), False),
        ],
    ),
    (
        "Prova på att leda en förändring",
        "Leda grupper",
        "Ta ansvar för införandet av det nya schemaläggningssystemet i vår enhet.",
        "Tid avsatt i min tjänst (cirka fyra timmar i veckan) och stöd från HR i "
        "förändringsarbetet.",
        [
            (
                "Göra en tidsplan för införandet tillsammans med min chef",
                dt.date(2024, 4, 30),
                True,
            ),
            (
                "Hålla en workshop med medarbetarna om farhågor och förväntningar",
                dt.date(2024, 8, 31),
                False,
            ),
            ("Utvärdera införandet och redovisa för ledningsgruppen", dt.date(2024, 12, 15), False),
        ],
    ),
    (
        "Lära känna mina drivkrafter som ledare",
        "Självkännedom",
        "Fortsätta reflektera över vad som driver mig och hur jag reagerar under press.",
        "En mentor, gärna en chef från en annan förvaltning.",
        [
            ("Skriva ned lärdomarna från att gå bredvid en chef", dt.date(2024, 3, 31), True),
            ("Söka en mentor via HR-avdelningen", dt.date(2024, 10, 31), False),
        ],
    ),
]
ALINGSAS_DIRECTION = (
    "Jag vill ta nästa steg mot en chefsroll inom två år. Under kursen har jag sett att jag "
    "trivs med att leda förändring och att jag behöver bli tryggare i svåra samtal."
)
ALINGSAS_COMMENT = (
    "Tack för en genomtänkt plan! Jag ser gärna att du leder införandet av schemaläggningen. "
    "Vi bokar ett uppföljningssamtal i september och går igenom hur det har gått."
)
ALINGSAS_REFLECTIONS = [
    (
        "Grupprocesser och kommunikation",
        "Övningen i att ge återkoppling var svårare än jag trodde. Jag tar med mig att vara "
        "konkret och att fråga hur mottagaren uppfattade det jag sa.",
        True,
    ),
    (
        "Inre drivkrafter och värderingar",
        "Jag drivs mer av att se andra växa än jag trott. Det säger något om vilken sorts chef "
        "jag vill bli.",
        False,
    ),
]

OREBRO_GOALS: list[DemoGoal] = [
    (
        "Tydliggöra uppdraget för min enhet",
        "Helhetssyn",
        "Medarbetarna ska kunna förklara hur vårt arbete bidrar till förvaltningens mål.",
        "Material från förvaltningsledningen om årets mål.",
        [
            (
                "Gå igenom förvaltningens verksamhetsplan på en arbetsplatsträff",
                dt.date(2016, 9, 30),
                True,
            ),
            ("Ta fram enhetens egna mål tillsammans med medarbetarna", dt.date(2016, 11, 30), True),
            ("Följa upp målen i medarbetarsamtalen", dt.date(2017, 3, 31), False),
        ],
    ),
    (
        "Systematiskt arbetsmiljöarbete",
        "Arbetsgivarskap",
        "Ett årshjul för arbetsmiljöarbetet som hela enheten känner till.",
        "Stöd från HR-konsult och företagshälsovården.",
        [
            ("Göra en riskbedömning tillsammans med skyddsombudet", dt.date(2016, 10, 31), True),
            ("Ta fram ett årshjul för arbetsmiljöarbetet", dt.date(2017, 1, 31), False),
        ],
    ),
]
OREBRO_DIRECTION = (
    "Min färdplan: att vara en säker, initiativrik och klar chef för min enhet, med fokus på "
    "att alla förstår vårt uppdrag och att arbetsmiljöarbetet blir systematiskt."
)


def load() -> None:
    load_plans()
    demo_shadowing.load()


def load_plans() -> None:
    _load_alingsas()
    _load_orebro()


def _write_goals(
    plan: DevelopmentPlan, goals: list[DemoGoal], competencies: dict[str, Competency]
) -> None:
    if plan.goals.exists():
        return  # written once; a reload leaves the plan (and what a visitor changed) alone
    for order, (title, competency, description, support, actions) in enumerate(goals, start=1):
        goal = PlanGoal.objects.create(
            plan=plan,
            title=title,
            competency=competencies.get(competency),
            description=description,
            support=support,
            order=order,
        )
        PlanAction.objects.bulk_create(
            PlanAction(goal=goal, text=text, due_date=due, done=done) for text, due, done in actions
        )


def _load_alingsas() -> None:
    organisation = Organisation.objects.filter(slug="alingsas").first()
    edition = Edition.objects.filter(
        programme__organisation=organisation,
        programme__name="Framtidens ledare",
        name="Framtidens ledare 2023/2024",
    ).first()
    if organisation is None or edition is None:
        return
    competencies = {}
    for order, (name, description) in enumerate(ALINGSAS_COMPETENCIES, start=1):
        competencies[name] = Competency.objects.get_or_create(
            organisation=organisation,
            name=name,
            defaults={"description": description, "order": order},
        )[0]

    user = User.objects.filter(username="deltagare-alingsas").first()
    participant = (
        Participant.objects.filter(edition=edition, person__user=user)
        .select_related("person")
        .first()
        if user
        else None
    )
    if participant is None:
        participant = next(
            (
                p
                for p in Participant.objects.filter(edition=edition, person__user__isnull=True)
                .select_related("person__unit")
                .order_by("person__employee_number")
                if (m := closest_manager(p.person)) is not None and m.user_id is None
            ),
            None,
        )
    if participant is None:
        return
    demo_login("deltagare-alingsas", participant.person)
    manager = closest_manager(participant.person)
    if manager is None:
        return
    manager_user = demo_login("chef-alingsas", manager)

    plan, _ = DevelopmentPlan.objects.update_or_create(
        participant=participant,
        defaults={
            "kind": DevelopmentPlan.Kind.ACTION_PLAN,
            "direction": ALINGSAS_DIRECTION,
            "share_with_manager": True,
            "share_with_leaders": True,
            "manager": manager,
        },
    )
    _write_goals(plan, ALINGSAS_GOALS, competencies)
    PlanComment.objects.get_or_create(
        plan=plan,
        text=ALINGSAS_COMMENT,
        defaults={
            "author": manager_user,
            "author_name": manager.full_name,
            "author_role": PlanComment.AuthorRole.MANAGER,
        },
    )
    for title, text, shared in ALINGSAS_REFLECTIONS:
        session = edition.sessions.filter(title=title).first()
        if session is None:
            continue
        # The reflection is on a session attended: make sure the register says so.
        Attendance.objects.update_or_create(
            session=session,
            participant=participant,
            defaults={"status": Attendance.Status.PRESENT},
        )
        Reflection.objects.update_or_create(
            participant=participant, session=session, defaults={"text": text, "shared": shared}
        )


def _load_orebro() -> None:
    participant = (
        Participant.objects.filter(
            person__user__username="deltagare",
            edition__programme__organisation__slug="orebro",
            edition__programme__name="Sveriges viktigaste chefsjobb",
        )
        .select_related("person", "edition__programme")
        .first()
    )
    if participant is None:
        return
    competencies = {
        c.name: c
        for c in Competency.objects.filter(
            organisation_id=participant.edition.programme.organisation_id
        )
    }
    plan, _ = DevelopmentPlan.objects.update_or_create(
        participant=participant,
        defaults={
            "kind": DevelopmentPlan.Kind.ROADMAP,
            "direction": OREBRO_DIRECTION,
            "share_with_leaders": True,
        },
    )
    _write_goals(plan, OREBRO_GOALS, competencies)
