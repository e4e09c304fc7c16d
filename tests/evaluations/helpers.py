"""Surveys for the tests: a template with one question of each kind on the world's host."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from plantskola.core.models import Person
from plantskola.evaluations import services
from plantskola.evaluations.models import Question, Survey, SurveyTemplate
from plantskola.programmes.models import Participant
from tests.conftest import World


def template(w: World, name: str = "Modulutvärdering") -> SurveyTemplate:
    existing = SurveyTemplate.objects.filter(organisation=w.host, name=name).first()
    if existing:
        return existing
    t = services.template_create(organisation=w.host, name=name)
    services.question_add(template=t, kind="rating", text="Helhetsbetyg för modulen")
    services.question_add(
        template=t, kind="single", text="Tempot var", options="För långsamt\nLagom\nFör snabbt"
    )
    services.question_add(
        template=t,
        kind="multiple",
        text="Vad var mest värdefullt?",
        options="Föreläsningarna\nGruppövningarna\nNätverket",
        required=False,
    )
    services.question_add(template=t, kind="text", text="Övriga synpunkter", required=False)
    return t


def questions(t: SurveyTemplate) -> dict[str, Question]:
    return {q.kind: q for q in t.questions.all()}


def session_survey(w: World) -> Survey:
    """An open survey about the world's group session (Grupp 1, led by the leader)."""
    existing = Survey.objects.filter(session=w.session).first()
    if existing:
        return existing
    today = timezone.localdate()
    return services.survey_create(
        template=template(w),
        title="Utvärdering: Del av en helhet, dag 1",
        target=w.session,
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=10),
    )


def answer(
    survey: Survey,
    person: Person,
    rating: int,
    *,
    text: str = "",
    choice: str = "Lagom",
    today: dt.date | None = None,
) -> None:
    """`person` answers on `today`, by default a day the survey is open (its first day)."""
    qs = questions(survey.template)
    values: dict[int, Any] = {qs["rating"].pk: rating, qs["single"].pk: choice}
    if text:
        values[qs["text"].pk] = text
    services.response_submit(
        survey=survey, person=person, answers=values, today=today or survey.opens_on
    )


def after(survey: Survey) -> dt.date:
    """The first day the survey's results are published (the day after it closes)."""
    return survey.closes_on + dt.timedelta(days=1)


def close(*surveys: Survey) -> None:
    """Close the surveys yesterday, so that their reports are published today."""
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    for survey in surveys:
        survey.refresh_from_db()
        survey.closes_on = yesterday
        survey.opens_on = min(survey.opens_on, yesterday)
        survey.save(update_fields=["opens_on", "closes_on"])


def add_participants(w: World, group: Any, count: int, prefix: str = "T") -> list[Person]:
    """`count` more active participants in `group` of the world's edition."""
    people = []
    start = Person.objects.filter(employee_number__startswith=prefix).count()
    for i in range(start, start + count):
        person = Person.objects.create(
            organisation=w.host,
            employee_number=f"{prefix}{i:03d}",
            first_name=f"Test{i}",
            last_name=f"{prefix}{group.name.replace(' ', '')}",
            email=f"test{i}.{prefix.lower()}@host.example",
        )
        Participant.objects.create(edition=w.edition, person=person, group=group, status="active")
        people.append(person)
    return people
