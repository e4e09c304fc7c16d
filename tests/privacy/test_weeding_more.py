"""Weeding of evaluations' free text and of the audit log (registered record types)."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.utils import timezone

from plantskola.core.models import AuditEntry
from plantskola.evaluations.models import Answer, Survey
from plantskola.privacy import weeding
from plantskola.privacy.models import RetentionRule
from tests.conftest import World
from tests.evaluations.helpers import answer, session_survey


def test_free_text_is_blanked_two_years_after_the_survey_closed_and_ratings_stay(
    world: World,
) -> None:
    survey = session_survey(world)
    answer(survey, world.participant.person, 5, text="Kursledaren var otydlig ibland")
    today = timezone.localdate()
    Survey.objects.filter(pk=survey.pk).update(
        opens_on=today - dt.timedelta(days=800), closes_on=today - dt.timedelta(days=760)
    )
    report = weeding.run(today=today, keys=["evaluations.free_text"])
    assert report.total("answers") == 1
    assert not Answer.objects.exclude(text="").exists()
    assert Answer.objects.filter(rating=5).exists()
    # A second run weeds nothing.
    assert weeding.run(today=today, keys=["evaluations.free_text"]).records == 0


def test_free_text_of_a_recent_survey_is_kept(world: World) -> None:
    survey = session_survey(world)
    answer(survey, world.participant.person, 4, text="Bra dag")
    weeding.run(today=timezone.localdate(), keys=["evaluations.free_text"])
    assert Answer.objects.filter(text="Bra dag").exists()


def _old_entry(w: World, days: int) -> int:
    """An entry written `days` ago (inserted as it was then: the log cannot be updated)."""
    at = timezone.now() - dt.timedelta(days=days)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_auditentry (at, organisation_id, action, object_type, object_id,"
            " fields, note) VALUES (%s, %s, 'read', 'core.person', '1', '[]', '')",
            [connection.ops.adapt_datetimefield_value(at), w.host.pk],
        )
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True)[0]


def test_the_audit_log_keeps_two_years_and_never_less_than_one(world: World) -> None:
    three_years = _old_entry(world, 3 * 365)
    eighteen_months = _old_entry(world, 540)
    half_a_year = _old_entry(world, 180)
    today = timezone.localdate()
    weeding.run(today=today, keys=["core.audit_log"])
    remaining = set(AuditEntry.objects.values_list("pk", flat=True))
    assert three_years not in remaining
    assert {eighteen_months, half_a_year} <= remaining
    # A rule of three months is raised to the year the database insists on.
    RetentionRule.objects.create(organisation=world.host, record_type="core.audit_log", months=3)
    weeding.run(today=today, keys=["core.audit_log"])
    remaining = set(AuditEntry.objects.values_list("pk", flat=True))
    assert eighteen_months not in remaining and half_a_year in remaining
