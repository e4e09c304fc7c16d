"""Answering leaves no trace of who answered (issue 13, point 1), for the data already there:

- the audit log's entries "response token … changed: used" said who answered and when, to the
  second; they are deleted (on PostgreSQL past the append-only trigger, which only this
  migration may do);
- the responses and answers of every anonymous survey are rewritten in a random order, as
  answering now does, so that their storage order no longer follows the answering order."""

from __future__ import annotations

import secrets

from django.db import migrations

TOKEN_LABEL = "evaluations.responsetoken"


def forget_who_answered(apps, schema_editor):  # type: ignore[no-untyped-def]
    AuditEntry = apps.get_model("core", "AuditEntry")
    entries = AuditEntry._base_manager.filter(object_type=TOKEN_LABEL, action="update")
    postgresql = schema_editor.connection.vendor == "postgresql"
    if postgresql:
        schema_editor.execute("ALTER TABLE core_auditentry DISABLE TRIGGER core_auditentry_guard")
    # The historical model's queryset is a plain one: raw delete, no append-only refusal.
    entries._raw_delete(schema_editor.connection.alias)
    if postgresql:
        schema_editor.execute("ALTER TABLE core_auditentry ENABLE TRIGGER core_auditentry_guard")


def shuffle_responses(apps, schema_editor):  # type: ignore[no-untyped-def]
    Survey = apps.get_model("evaluations", "Survey")
    Response = apps.get_model("evaluations", "Response")
    Answer = apps.get_model("evaluations", "Answer")
    rng = secrets.SystemRandom()
    for survey_id in Survey.objects.filter(is_anonymous=True).values_list("pk", flat=True):
        responses = list(Response.objects.filter(survey_id=survey_id))
        if not responses:
            continue
        answers = list(Answer.objects.filter(response__survey_id=survey_id))
        rng.shuffle(responses)
        rng.shuffle(answers)
        Answer.objects.filter(response__survey_id=survey_id).delete()
        Response.objects.filter(survey_id=survey_id).delete()
        Response.objects.bulk_create(responses)
        Answer.objects.bulk_create(answers)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_sso_configuration"),
        ("evaluations", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forget_who_answered, migrations.RunPython.noop),
        migrations.RunPython(shuffle_responses, migrations.RunPython.noop),
    ]
