"""Demo evaluations.

- Örebro, "Sveriges viktigaste chefsjobb 2015–2017": a module evaluation on a 1–6 scale after
  each of the four modules, answered by about 85 % of the five groups; the mean is about 4.7
  (the figure Örebro reported). Grupp 5 answered module 3 poorly (4 answers), so the reports
  show suppression at work.
- Alingsås, "Framtidens ledare 2023/2024": the written course evaluation that decides whether
  the course is given again.
- Uppsala's Ledarlabbet: a course evaluation per edition (a trend across editions), and the
  named (non-anonymous, and saying so) needs-and-expectations survey before the latest edition.
- An open follow-up survey about the Örebro programme that the `deltagare` login can answer
  (some others already have).

Idempotent: surveys are found by (edition, title); answers are only added to a survey that has
none, and tokens are created up front for everyone asked, as in production.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from plantskola.core.models import User
from plantskola.evaluations.models import (
    Answer,
    Question,
    Response,
    ResponseSignature,
    ResponseToken,
    Survey,
    SurveyTemplate,
)
from plantskola.evaluations.services import tokens_sync
from plantskola.programmes.models import Edition, Participant

SEED = 20150910
OREBRO_EDITION = (
    "orebro",
    "Sveriges viktigaste chefsjobb",
    "Sveriges viktigaste chefsjobb 2015–2017",
)
ALINGSAS_EDITION = ("alingsas", "Framtidens ledare", "Framtidens ledare 2023/2024")

MODULE_TEMPLATE = "Modulutvärdering"
MODULE_QUESTIONS: list[dict[str, Any]] = [
    {
        "kind": "rating",
        "text": "Helhetsbetyg för modulen",
        "scale_min_label": "Mycket dåligt",
        "scale_max_label": "Mycket bra",
    },
    {
        "kind": "rating",
        "text": "Innehållet var relevant för mitt chefsuppdrag",
        "scale_min_label": "Instämmer inte alls",
        "scale_max_label": "Instämmer helt",
    },
    {
        "kind": "rating",
        "text": "Kursledarnas genomförande",
        "scale_min_label": "Mycket dåligt",
        "scale_max_label": "Mycket bra",
    },
    {"kind": "single", "text": "Tempot var", "options": "För långsamt\nLagom\nFör snabbt"},
    {"kind": "text", "text": "Vad tar du med dig in i ditt chefsuppdrag?", "required": False},
]
COURSE_TEMPLATE = "Skriftlig kursutvärdering"
COURSE_QUESTIONS: list[dict[str, Any]] = [
    {
        "kind": "rating",
        "text": "Kursen som helhet",
        "scale_min": 1,
        "scale_max": 5,
        "scale_min_label": "Mycket dålig",
        "scale_max_label": "Mycket bra",
    },
    {
        "kind": "rating",
        "text": "Jag har fått verktyg för mitt personliga ledarskap",
        "scale_min": 1,
        "scale_max": 5,
    },
    {
        "kind": "multiple",
        "text": "Vilka delar var mest värdefulla?",
        "options": (
            "Det personliga ledarskapet\nGrupprocesser och kommunikation\n"
            "Inre drivkrafter och värderingar\nAtt gå bredvid en chef\nHandlingsplanen"
        ),
        "required": False,
    },
    {"kind": "single", "text": "Bör kursen ges igen?", "options": "Ja\nJa, med ändringar\nNej"},
    {"kind": "text", "text": "Vad skulle göra kursen bättre?", "required": False},
]
FOLLOW_UP_TEMPLATE = "Uppföljning efter programmet"
FOLLOW_UP_QUESTIONS: list[dict[str, Any]] = [
    {"kind": "rating", "text": "Programmet har gjort mig till en bättre chef"},
    {"kind": "rating", "text": "Jag använder ledarplattformen i mitt dagliga arbete"},
    {
        "kind": "multiple",
        "text": "Vad använder du fortfarande?",
        "options": (
            "Lärande samtal\nMålstyrning och delegering\nChefens färdplan\n"
            "Nätverket med andra chefer"
        ),
        "required": False,
    },
    {"kind": "text", "text": "Något du vill skicka med till nästa omgång?", "required": False},
]
TAKEAWAYS = [
    "Att jag är en del av en helhet och att mitt beslut påverkar andra förvaltningar.",
    "Lärande samtal – jag har redan provat i min arbetsplatsträff.",
    "Tydligare delegering till mina samordnare.",
    "Nätverket med chefer från andra förvaltningar.",
    "Att sätta mål tillsammans med medarbetarna.",
    "Mer förståelse för budgetprocessen.",
    "Modet att konfrontera på ett respektfullt sätt.",
    "Chefens färdplan som stöd de närmaste månaderna.",
]
IMPROVEMENTS = [
    "Mer tid för reflektion mellan dagarna.",
    "Fler konkreta exempel från kommunens egna verksamheter.",
    "Dagen med att gå bredvid en chef borde vara två dagar.",
    "Bra som den är.",
    "Skicka ut materialet i förväg.",
]


def _edition(org: str, programme: str, name: str) -> Edition | None:
    return Edition.objects.filter(
        programme__organisation__slug=org, programme__name=programme, name=name
    ).first()


def _template(
    edition: Edition, name: str, questions: list[dict[str, Any]], description: str
) -> SurveyTemplate:
    template, _created = SurveyTemplate.objects.get_or_create(
        organisation=edition.programme.organisation,
        name=name,
        defaults={"description": description},
    )
    if not template.questions.exists():
        for order, spec in enumerate(questions, start=1):
            Question.objects.create(template=template, order=order, **spec)
    return template


def _survey(template: SurveyTemplate, title: str, **fields: Any) -> Survey:
    survey = Survey.objects.filter(template=template, title=title).first()
    if survey is None:
        survey = Survey.objects.create(
            template=template, organisation=template.organisation, title=title, **fields
        )
    return survey


def _rating(rng: random.Random, question: Question, shift: float) -> int:
    """A realistic answer: mostly 4–6 on a 1–6 scale, mean about 4.7 (+ shift)."""
    if question.scale_max == 6:
        weights = [0.01, 0.03, 0.09, 0.24, 0.40, 0.23]
    else:
        weights = [0.01, 0.04, 0.15, 0.45, 0.35]
    value = rng.choices(question.scale, weights=weights)[0]
    if shift and rng.random() < abs(shift):
        value += 1 if shift > 0 else -1
    return max(question.scale_min, min(question.scale_max, value))


def _fill(
    survey: Survey, people: list[tuple[int, int | None]], rng: random.Random, shift: float = 0.0
) -> None:
    """Answers from `people` (person id, group id): tokens for everyone asked first, then the
    responses in shuffled order, unrelated to the tokens."""
    if survey.responses.exists():
        return
    tokens_sync(survey=survey)
    questions = list(survey.template.questions.all())
    order = list(people)
    rng.shuffle(order)
    answers = []
    for person_id, group_id in order:
        response = Response.objects.create(survey=survey, group_id=group_id)
        if not survey.is_anonymous:  # the form said so: "the coordinator sees your name"
            ResponseSignature.objects.create(response=response, person_id=person_id)
        for q in questions:
            if q.kind == Question.Kind.RATING:
                answers.append(Answer(response=response, question=q, rating=_rating(rng, q, shift)))
            elif q.kind == Question.Kind.SINGLE:
                options = q.option_list
                weights = (
                    [0.1, 0.8, 0.1]
                    if len(options) == 3 and options[1] == "Lagom"
                    else [0.7, 0.25, 0.05]
                )
                answers.append(
                    Answer(
                        response=response,
                        question=q,
                        choices=[rng.choices(options, weights=weights[: len(options)])[0]],
                    )
                )
            elif q.kind == Question.Kind.MULTIPLE:
                chosen = [o for o in q.option_list if rng.random() < 0.45]
                if chosen:
                    answers.append(Answer(response=response, question=q, choices=chosen))
            elif rng.random() < 0.4:
                pool = (
                    IMPROVEMENTS
                    if survey.edition and survey.edition.programme.organisation.slug == "alingsas"
                    else TAKEAWAYS
                )
                answers.append(Answer(response=response, question=q, text=rng.choice(pool)))
    Answer.objects.bulk_create(answers)
    ResponseToken.objects.filter(survey=survey, person_id__in=[p for p, _g in people]).update(
        used=True
    )


def _participants(edition: Edition) -> list[tuple[int, int | None]]:
    return list(
        Participant.objects.filter(edition=edition)
        .exclude(status=Participant.Status.WITHDRAWN)
        .order_by("person_id")
        .values_list("person_id", "group_id")
    )


def _load_orebro(rng: random.Random) -> None:
    edition = _edition(*OREBRO_EDITION)
    if edition is None:
        return
    template = _template(
        edition,
        MODULE_TEMPLATE,
        MODULE_QUESTIONS,
        "Tack för att du tar dig tid! Svaren är anonyma och används för att utveckla programmet.",
    )
    everyone = _participants(edition)
    for module in edition.modules.order_by("order"):
        last_day = module.sessions.order_by("-date").values_list("date", flat=True).first()
        opens = last_day or edition.start_date
        survey = _survey(
            template,
            f"Utvärdering modul {module.order}: {module.name}",
            target=Survey.Target.MODULE,
            edition=edition,
            module=module,
            opens_on=opens,
            closes_on=opens + dt.timedelta(days=21),
            invitations_sent_on=opens,
            last_reminder_on=opens + dt.timedelta(days=7),
        )
        groups = list(edition.groups.order_by("order", "name").values_list("pk", flat=True))
        answering = []
        for person_id, group_id in everyone:
            share = 0.85
            if module.order == 3 and groups and group_id == groups[-1]:
                share = 0.0
            if rng.random() < share:
                answering.append((person_id, group_id))
        if module.order == 3 and groups:
            answering += [p for p in everyone if p[1] == groups[-1]][:4]
        _fill(
            survey, answering, rng, shift={1: 0.0, 2: 0.15, 3: -0.2, 4: 0.1}.get(module.order, 0.0)
        )

    # The open follow-up that the participant login can answer.
    follow_up = _template(
        edition,
        FOLLOW_UP_TEMPLATE,
        FOLLOW_UP_QUESTIONS,
        "En kort uppföljning av Sveriges viktigaste chefsjobb. Svaren är anonyma.",
    )
    today = timezone.localdate()
    survey = _survey(
        follow_up,
        "Uppföljning: Sveriges viktigaste chefsjobb",
        target=Survey.Target.EDITION,
        edition=edition,
        opens_on=today - dt.timedelta(days=7),
        closes_on=today + dt.timedelta(days=30),
        invitations_sent_on=today - dt.timedelta(days=7),
    )
    if survey.closes_on < today + dt.timedelta(days=7):  # keep the demo's survey open
        survey.closes_on = today + dt.timedelta(days=30)
        survey.save(update_fields=["closes_on"])
    deltagare = (
        User.objects.filter(username="deltagare").values_list("person__pk", flat=True).first()
    )
    others = [p for p in everyone if p[0] != deltagare]
    _fill(survey, [p for p in others if rng.random() < 0.45], rng, shift=-0.3)


def _load_alingsas(rng: random.Random) -> None:
    edition = _edition(*ALINGSAS_EDITION)
    if edition is None:
        return
    template = _template(
        edition,
        COURSE_TEMPLATE,
        COURSE_QUESTIONS,
        "Den skriftliga utvärderingen avgör om kursen ges igen. Svaren är anonyma.",
    )
    survey = _survey(
        template,
        "Kursutvärdering Framtidens ledare 2023/2024",
        target=Survey.Target.EDITION,
        edition=edition,
        opens_on=dt.date(2024, 3, 22),
        closes_on=dt.date(2024, 4, 5),
        invitations_sent_on=dt.date(2024, 3, 22),
        last_reminder_on=dt.date(2024, 3, 29),
    )
    everyone = _participants(edition)
    _fill(survey, [p for p in everyone if rng.random() < 0.9], rng)


LEDARLABBET_TEMPLATE = "Utvärdering av Ledarlabbet"
LEDARLABBET_QUESTIONS: list[dict[str, Any]] = [
    {"kind": "rating", "text": "Ledarlabbet som helhet"},
    {"kind": "rating", "text": "Labben utgick från mina behov och förkunskaper"},
    {"kind": "text", "text": "Vad har du tagit med dig?", "required": False},
]
NEEDS_TEMPLATE = "Behov och förväntningar inför Ledarlabbet"
NEEDS_QUESTIONS: list[dict[str, Any]] = [
    {
        "kind": "rating",
        "text": "Hur stor erfarenhet har du av att leda andra?",
        "scale_min_label": "Ingen",
        "scale_max_label": "Mycket stor",
    },
    {
        "kind": "multiple",
        "text": "Vilka labb ser du mest fram emot?",
        "options": "Att leda sig själv\nAtt leda andra\nAtt leda förändring\nKommunikation",
        "required": False,
    },
    {"kind": "text", "text": "Vad vill du få ut av Ledarlabbet?", "required": False},
]


def _load_ledarlabbet(rng: random.Random) -> None:
    """A course evaluation per edition (the trend across editions), and the named
    needs-and-expectations survey before the latest edition started."""
    editions = list(
        Edition.objects.filter(
            programme__organisation__slug="uppsala",
            programme__name="Ledarlabbet",
            status=Edition.Status.COMPLETED,
        ).order_by("start_date")
    )
    if not editions:
        return
    template = _template(
        editions[0],
        LEDARLABBET_TEMPLATE,
        LEDARLABBET_QUESTIONS,
        "Tack för att du svarar! Svaren är anonyma.",
    )
    for i, edition in enumerate(editions):
        survey = _survey(
            template,
            f"Utvärdering {edition.name}",
            target=Survey.Target.EDITION,
            edition=edition,
            opens_on=edition.end_date,
            closes_on=edition.end_date + dt.timedelta(days=14),
            invitations_sent_on=edition.end_date,
        )
        people = _participants(edition)
        _fill(survey, [p for p in people if rng.random() < 0.85], rng, shift=0.1 * (i % 3) - 0.1)
    latest = editions[-1]
    needs = _template(
        latest,
        NEEDS_TEMPLATE,
        NEEDS_QUESTIONS,
        "Dina svar hjälper oss att forma labben efter gruppens förkunskaper och behov.",
    )
    survey = _survey(
        needs,
        f"Behov och förväntningar: {latest.name}",
        target=Survey.Target.EDITION,
        edition=latest,
        opens_on=latest.start_date - dt.timedelta(days=21),
        closes_on=latest.start_date - dt.timedelta(days=7),
        invitations_sent_on=latest.start_date - dt.timedelta(days=21),
        is_anonymous=False,
    )
    _fill(survey, [p for p in _participants(latest) if rng.random() < 0.9], rng)


@transaction.atomic
def load() -> None:
    rng = random.Random(SEED)
    _load_orebro(rng)
    _load_alingsas(rng)
    _load_ledarlabbet(rng)
