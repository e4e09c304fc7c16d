"""Answering a survey: anonymous in the database, once per person, bad input changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from plantskola.core.models import Person, User
from plantskola.evaluations import services
from plantskola.evaluations.models import (
    Answer,
    Response,
    ResponseSignature,
    ResponseToken,
    Survey,
)
from tests.conftest import World
from tests.evaluations.helpers import add_participants, answer, questions, session_survey, template


def test_response_and_answer_tables_have_no_link_to_a_person_and_no_time() -> None:
    for model in (Response, Answer):
        for field in model._meta.get_fields():
            related = getattr(field, "related_model", None)
            assert related not in (Person, User), f"{model.__name__}.{field.name} links a person"
            if related is not None and field.concrete:
                # Only the survey, the group (for the breakdown), the question and the response.
                assert field.name in {"survey", "group", "question", "response"}, field.name
            assert not isinstance(field, (models.DateField, models.DateTimeField, models.TimeField))
        assert isinstance(model._meta.pk, models.UUIDField)  # no sequential id: no order


def test_no_response_row_can_be_joined_to_a_person(world: World) -> None:
    survey = session_survey(world)
    people = [world.participant.person, *add_participants(world, world.group, 4)]
    services.tokens_sync(survey=survey)
    token_ids = set(ResponseToken.objects.filter(survey=survey).values_list("pk", flat=True))
    for i, person in enumerate(people):
        answer(survey, person, 6 - i % 3, text=f"Synpunkt {i}")
    # Tokens were all created up front: answering created none (no id order to join on).
    assert set(ResponseToken.objects.filter(survey=survey).values_list("pk", flat=True)) == (
        token_ids
    )
    assert ResponseToken.objects.filter(survey=survey, used=True).count() == 5
    person_ids = {p.pk for p in people}
    user_ids = set(User.objects.values_list("pk", flat=True))
    for row in Response.objects.filter(survey=survey).values():
        assert set(row) == {"id", "survey_id", "group_id"}
        assert row["group_id"] == world.group.pk
    for answer_row in Answer.objects.filter(response__survey=survey).values():
        assert set(answer_row) == {"id", "response_id", "question_id", "rating", "choices", "text"}
        assert not ({answer_row["rating"]} & (person_ids | user_ids) - set(range(1, 7)))
    assert not ResponseSignature.objects.exists()


def test_a_person_answers_only_once(world: World) -> None:
    survey = session_survey(world)
    answer(survey, world.participant.person, 5)
    with pytest.raises(ValidationError, match="redan svarat"):
        answer(survey, world.participant.person, 2)
    assert Response.objects.count() == 1
    assert Answer.objects.filter(rating=2).count() == 0


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("rating", 7, "från 1 till 6"),
        ("rating", "fem", "från 1 till 6"),
        ("rating", "", "Svara på den här frågan"),
        ("single", "Jättesnabbt", "bland de givna"),
        ("multiple", ["Nätverket", "Fika"], "bland de givna"),
        ("single", ["Lagom", "För snabbt"], "bara ett alternativ"),
    ],
)
def test_bad_answers_are_refused_and_change_nothing(
    world: World, kind: str, value: object, message: str
) -> None:
    survey = session_survey(world)
    qs = questions(survey.template)
    values = {qs["rating"].pk: 4, qs["single"].pk: "Lagom", qs[kind].pk: value}
    with pytest.raises(ValidationError) as info:
        services.response_submit(
            survey=survey,
            person=world.participant.person,
            answers=values,
            today=timezone.localdate(),
        )
    assert message in str(info.value)
    assert not Response.objects.exists() and not Answer.objects.exists()
    assert not ResponseToken.objects.filter(used=True).exists()


def test_too_long_text_and_unknown_question_are_refused(world: World) -> None:
    survey = session_survey(world)
    qs = questions(survey.template)
    base = {qs["rating"].pk: 4, qs["single"].pk: "Lagom"}
    person = world.participant.person
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="högst 4000"):
        services.response_submit(
            survey=survey, person=person, answers={**base, qs["text"].pk: "x" * 4001}, today=today
        )
    with pytest.raises(ValidationError, match="stämmer inte"):
        services.response_submit(
            survey=survey, person=person, answers={**base, 999999: 1}, today=today
        )
    assert not Response.objects.exists()


def test_only_respondents_answer_and_only_while_open(world: World) -> None:
    survey = session_survey(world)
    with pytest.raises(ValidationError, match="inte bland"):
        answer(survey, world.employee, 5)
    survey.closes_on = timezone.localdate() - dt.timedelta(days=1)
    survey.opens_on = survey.closes_on - dt.timedelta(days=5)
    survey.save()
    with pytest.raises(ValidationError, match="inte öppen"):
        answer(survey, world.participant.person, 5, today=timezone.localdate())
    assert not Response.objects.exists()


def test_a_needs_survey_may_be_named_and_says_so(world: World) -> None:
    t = template(world)
    today = timezone.localdate()
    survey = services.survey_create(
        template=t,
        title="Behov och förväntningar",
        target=world.edition,
        opens_on=today,
        closes_on=today,
        is_anonymous=False,
    )
    answer(survey, world.participant.person, 3)
    signature = ResponseSignature.objects.get()
    assert signature.person == world.participant.person
    page = world.client_for("participant").get(
        reverse("evaluations:survey_answer", args=[survey.pk])
    )
    assert "inte anonym" in page.content.decode()
    with pytest.raises(ValidationError, match="hel omgång"):
        services.survey_create(
            template=t,
            title="Namngiven",
            target=world.session,
            opens_on=today,
            closes_on=today,
            is_anonymous=False,
        )


def test_survey_needs_questions_and_the_templates_organisation(world: World) -> None:
    empty = services.template_create(organisation=world.host, name="Tom")
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="inga frågor"):
        services.survey_create(
            template=empty, title="X", target=world.edition, opens_on=today, closes_on=today
        )
    foreign = services.template_create(organisation=world.other, name="Annan")
    services.question_add(template=foreign, kind="text", text="Något?")
    with pytest.raises(ValidationError, match="olika organisationer"):
        services.survey_create(
            template=foreign, title="X", target=world.edition, opens_on=today, closes_on=today
        )
    assert not Survey.objects.exists()


def test_questions_are_fixed_once_answered_and_validated(world: World) -> None:
    t = template(world)
    with pytest.raises(ValidationError):
        services.question_add(template=t, kind="single", text="Bara ett val", options="Ja")
    with pytest.raises(ValidationError):
        services.question_add(template=t, kind="rating", text="Skala", scale_min=5, scale_max=3)
    survey = session_survey(world)
    answer(survey, world.participant.person, 4)
    with pytest.raises(ValidationError, match="inte längre ändras"):
        services.question_add(template=t, kind="text", text="Ny fråga")


def test_the_participant_answers_through_the_form(world: World) -> None:
    survey = session_survey(world)
    qs = questions(survey.template)
    client = world.client_for("participant")
    url = reverse("evaluations:survey_answer", args=[survey.pk])
    page = client.get(url)
    assert page.status_code == 200 and "anonym" in page.content.decode()
    bad = client.post(url, {f"q_{qs['rating'].pk}": "9", f"q_{qs['single'].pk}": "Lagom"})
    assert bad.status_code == 400
    assert "Välj ett värde från 1 till 6" in bad.content.decode()
    assert not Response.objects.exists()
    ok = client.post(
        url,
        {
            f"q_{qs['rating'].pk}": "5",
            f"q_{qs['single'].pk}": "Lagom",
            f"q_{qs['multiple'].pk}": ["Nätverket", "Föreläsningarna"],
            f"q_{qs['text'].pk}": "Bra dag",
        },
    )
    assert ok.status_code == 302
    answer_row = Answer.objects.get(question=qs["multiple"])
    assert answer_row.choices == ["Föreläsningarna", "Nätverket"]
    again = client.get(url)
    assert "Du har svarat" in again.content.decode()
