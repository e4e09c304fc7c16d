import uuid

import django.db.models.deletion
from django.conf import settings
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
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
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
        migrations.CreateModel(
            name='EventJob',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('kind', models.CharField(choices=[('invite', 'Invitations'), ('seating', 'Table seating')], max_length=20, verbose_name='kind')),
                ('params', models.JSONField(default=dict)),
                ('total', models.PositiveIntegerField(default=0, verbose_name='total')),
                ('done', models.PositiveIntegerField(default=0, verbose_name='done')),
                ('status', models.CharField(choices=[('proposed', 'Awaiting confirmation'), ('pending', 'Waiting'), ('running', 'Running'), ('done', 'Done'), ('failed', 'Failed')], default='pending', max_length=10, verbose_name='status')),
                ('message', models.CharField(blank=True, max_length=300, verbose_name='message')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='requested')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='jobs', to='events.event', verbose_name='event')),
                ('requested_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'mass action on an event',
                'verbose_name_plural': 'mass actions on events',
                'ordering': ['-created_at'],
            },
        ),
    ]
