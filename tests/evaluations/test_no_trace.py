"""Answering an anonymous survey leaves no trace of who answered (issue 13, point 1).

The threat is someone holding the database file or a backup who also knows who answered
when (from the outbox's reminders, a web server log, or what people say). The criterion:

- Answering changes no row of any table of any app (the audit log, the outbox, the task
  queue included) except the survey's responses and answers and the tokens' `used` flags: a
  full dump of every model before the first answer and after the last differs only there.
- No row that holds a response's or an answer's id holds anything of a respondent.
- The storage order of responses and answers (SQLite's rowid, PostgreSQL's ctid) is drawn by
  the shuffle's random generator alone: with a generator that orders by a value unrelated to
  time (the random UUID), the stored order is exactly that order after every answer,
  whatever order people answered in (the newest response is not at the end). With the real
  generator (`secrets`) that order is a uniformly random permutation. On PostgreSQL every
  response and token then also carries the same writing transaction (xmin).
"""

from __future__ import annotations

import importlib
import random
import secrets
import uuid
from collections.abc import MutableSequence
from typing import Any

import pytest
from django.apps import apps
from django.apps import apps as django_apps
from django.db import connection
from django.urls import reverse

from plantskola.core.audit.services import audit_record
from plantskola.core.models import AuditEntry, OutgoingEmail, Person
from plantskola.evaluations import services
from plantskola.evaluations.models import Answer, Response, ResponseToken, Survey
from plantskola.privacy.audit_changes import audit_suspended
from tests.conftest import World
from tests.evaluations.helpers import add_participants, answer, questions, session_survey

Dump = dict[str, dict[Any, dict[str, Any]]]


def _dump() -> Dump:
    """Every row of every model, by model label and primary key."""
    return {
        model._meta.label: {
            row["pk"]: row for row in model._base_manager.values("pk", *_cols(model))
        }
        for model in apps.get_models()
    }


def _cols(model: Any) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if not f.primary_key]


def _storage_order(model: Any, survey: Survey) -> list[uuid.UUID]:
    """The ids of the survey's rows of `model` (Response or Answer) in their physical order."""
    table = model._meta.db_table
    column = "survey_id" if model is Response else "response_id"
    ids = [str(r.pk).replace("-", "") for r in Response.objects.filter(survey=survey)]
    physical = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {column} FROM {table} ORDER BY {physical}")  # noqa: S608  # names from the model
        rows = cursor.fetchall()
    wanted = str(survey.pk) if model is Response else None
    out = []
    for pk, parent in rows:
        parent_key = str(parent).replace("-", "")
        if (wanted is not None and str(parent) == wanted) or (wanted is None and parent_key in ids):
            out.append(uuid.UUID(str(pk)))
    return out


class _OrderById:
    """Stands in for `secrets.SystemRandom`: orders by the random id, not by time."""

    def shuffle(self, items: MutableSequence[Any]) -> None:
        items[:] = sorted(items, key=lambda obj: obj.pk)


def _respondents(world: World) -> list[Person]:
    return [world.participant.person, *add_participants(world, world.group, 2)]


def _identities(people: list[Person]) -> set[Any]:
    values: set[Any] = set()
    for p in people:
        values |= {p.pk, str(p.pk), p.first_name, p.last_name, p.email, p.employee_number}
        if p.user_id is not None:
            values |= {p.user_id, str(p.user_id)}
    return values


def test_answering_three_times_changes_nothing_but_the_responses_and_the_used_flags(
    world: World,
) -> None:
    survey = session_survey(world)
    people = _respondents(world)
    services.tokens_sync(survey=survey)
    before = _dump()
    for i, person in enumerate(people):
        answer(survey, person, 4 + i, text=f"Synpunkt {i}")
    after = _dump()
    allowed = {Response._meta.label, Answer._meta.label, ResponseToken._meta.label}
    for label in before.keys() | after.keys():
        if label not in allowed:
            assert before.get(label) == after.get(label), f"answering changed {label}"
    # The tokens: the same rows, only `used` changed.
    tokens_before = before[ResponseToken._meta.label]
    tokens_after = after[ResponseToken._meta.label]
    assert tokens_before.keys() == tokens_after.keys()
    for pk, row in tokens_after.items():
        assert {k: v for k, v in row.items() if k != "used"} == {
            k: v for k, v in tokens_before[pk].items() if k != "used"
        }
    assert not AuditEntry.objects.filter(object_type="evaluations.responsetoken").exists()
    assert not OutgoingEmail.objects.exists()
    # No row holding a response's or an answer's id holds anything of a respondent.
    identities = _identities(people)
    linked: set[Any] = {str(r.pk) for r in Response.objects.all()}
    linked |= {str(a.pk) for a in Answer.objects.all()}
    linked |= {r.pk for r in Response.objects.all()} | {a.pk for a in Answer.objects.all()}
    for label, rows in after.items():
        for row in rows.values():
            values = {v for v in row.values() if isinstance(v, (int, str, uuid.UUID))}
            if values & linked:
                assert label in (Response._meta.label, Answer._meta.label), label
                assert not ({v for v in values if not isinstance(v, int)} & identities), label
                texts = " ".join(str(v) for v in row.values())
                for p in people:
                    assert p.last_name not in texts and p.email not in texts


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_storage_order_is_the_shuffles_and_not_the_answering_order(
    world: World, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    monkeypatch.setattr(secrets, "SystemRandom", _OrderById)  # as services uses it
    survey = session_survey(world)
    people = _respondents(world)
    random.Random(seed).shuffle(people)  # several answering orders
    services.tokens_sync(survey=survey)
    answered: list[uuid.UUID] = []  # response ids in the order people answered
    qs = questions(survey.template)
    for i, person in enumerate(people):
        known = set(Response.objects.filter(survey=survey).values_list("pk", flat=True))
        answer(survey, person, 3 + i, text=f"Synpunkt {i}")
        new = set(Response.objects.filter(survey=survey).values_list("pk", flat=True)) - known
        answered.append(new.pop())
        # After every answer the whole survey is in the generator's order: the newest
        # response is not at the end (nor anywhere its time would put it).
        assert _storage_order(Response, survey) == sorted(answered)
        answers_stored = _storage_order(Answer, survey)
        assert answers_stored == sorted(answers_stored)
    stored = _storage_order(Response, survey)
    assert stored == sorted(answered)  # the generator's order, whatever the answering order
    assert set(stored) == set(answered)
    answers_stored = _storage_order(Answer, survey)
    assert answers_stored == sorted(answers_stored)
    assert Answer.objects.filter(question=qs["text"]).count() == 3
    if connection.vendor == "sqlite":
        # The rows rewritten at each answer are zeroed, not left in the file's free pages.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete")
            assert cursor.fetchone() == (1,)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(DISTINCT xmin::text) FROM evaluations_response WHERE survey_id = %s",
                [survey.pk],
            )
            assert cursor.fetchone() == (1,)
            cursor.execute(
                "SELECT count(DISTINCT xmin::text) FROM evaluations_responsetoken "
                "WHERE survey_id = %s",
                [survey.pk],
            )
            assert cursor.fetchone() == (1,)


def test_answering_through_the_form_writes_no_audit_entry_mail_or_task(world: World) -> None:
    survey = session_survey(world)
    services.tokens_sync(survey=survey)
    client = world.client_for("participant")
    url = reverse("evaluations:survey_answer", args=[survey.pk])
    client.get(url)
    task_models = [m for m in apps.get_models() if m._meta.app_label == "django_tasks_db"]
    counts = (AuditEntry.objects.count(), OutgoingEmail.objects.count())
    tasks = [m._base_manager.count() for m in task_models]
    qs = questions(survey.template)
    response = client.post(url, {f"q_{qs['rating'].pk}": "5", f"q_{qs['single'].pk}": "Lagom"})
    assert response.status_code == 302
    assert Response.objects.filter(survey=survey).count() == 1
    assert (AuditEntry.objects.count(), OutgoingEmail.objects.count()) == counts
    assert [m._base_manager.count() for m in task_models] == tasks


class _SchemaEditor:
    connection = connection

    def execute(self, sql: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql)


def test_migration_forgets_the_old_audit_entries_of_answering_and_reshuffles(world: World) -> None:
    migration = importlib.import_module(
        "plantskola.evaluations.migrations.0002_answering_leaves_no_trace"
    )
    survey = session_survey(world)
    people = _respondents(world)
    for i, person in enumerate(people):
        answer(survey, person, 3 + i)
    token = ResponseToken.objects.filter(survey=survey).first()
    assert token is not None
    # What answering used to write: "response token … changed: used", naming the person.
    audit_record(
        AuditEntry.Action.UPDATE,
        object_type="evaluations.responsetoken",
        object_id=token.pk,
        subject_person_id=token.person_id,
        fields=["used"],
    )
    kept = audit_record(AuditEntry.Action.READ, object_type="core.person", object_id=1)
    contents = {
        (a.response_id, a.question_id, a.rating)
        for a in Answer.objects.filter(response__survey=survey)
    }
    others = AuditEntry.objects.exclude(object_type="evaluations.responsetoken").count()
    migration.forget_who_answered(django_apps, _SchemaEditor())
    assert not AuditEntry.objects.filter(object_type="evaluations.responsetoken").exists()
    assert AuditEntry.objects.count() == others and AuditEntry.objects.filter(pk=kept.pk).exists()
    # (Here with the real models, whose deletes the audit log would record; a migration's
    # historical models have no signals.)
    with audit_suspended():
        migration.shuffle_responses(django_apps, _SchemaEditor())
    assert {
        (a.response_id, a.question_id, a.rating)
        for a in Answer.objects.filter(response__survey=survey)
    } == contents
