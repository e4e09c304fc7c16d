import uuid

import django.db.models.deletion
from django.db import migrations, models


def give_uids(apps, schema_editor):
    """Each existing registration gets its own calendar UID."""
    Registration = apps.get_model("events", "Registration")
    for registration in Registration.objects.filter(uid__isnull=True).only("pk"):
        registration.uid = uuid.uuid4()
        registration.save(update_fields=["uid"])


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0002_capacity_at_least_one"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="registered_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="core.person",
                verbose_name="registered by",
            ),
        ),
        migrations.AddField(
            model_name="registration",
            name="sequence",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="registration",
            name="uid",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(give_uids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="registration",
            name="uid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
