import uuid

import django.db.models.deletion
from django.db import migrations, models

import plantskola.programmes.models


def fill_uids(apps, schema_editor):
    Session = apps.get_model("programmes", "Session")
    for session in Session.objects.filter(uid__isnull=True).only("pk"):
        session.uid = uuid.uuid4()
        session.save(update_fields=["uid"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("programmes", "0001_initial"),
    ]

    operations = [
        # Existing sessions each get their own UID: nullable first, filled, then unique.
        migrations.AddField(
            model_name="session",
            name="uid",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(fill_uids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="session",
            name="uid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AddField(
            model_name="session",
            name="sequence",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.CreateModel(
            name="CalendarFeed",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "token",
                    models.CharField(
                        default=plantskola.programmes.models._feed_token,
                        editable=False,
                        max_length=64,
                        unique=True,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                (
                    "person",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="calendar_feed",
                        to="core.person",
                        verbose_name="person",
                    ),
                ),
            ],
            options={
                "verbose_name": "calendar feed",
                "verbose_name_plural": "calendar feeds",
            },
        ),
    ]
