"""Calendar-feed tokens are stored as their SHA-256, like the reference and shadowing tokens
(issue 13, point 7). Existing tokens are hashed in place, so every address already handed
out keeps working: the address carries the token, and the lookup hashes it. One way only: a
hash cannot be turned back into the token."""

from __future__ import annotations

import hashlib

from django.db import migrations, models


def hash_tokens(apps, schema_editor):  # type: ignore[no-untyped-def]
    CalendarFeed = apps.get_model("programmes", "CalendarFeed")
    for feed in CalendarFeed.objects.only("pk", "token_hash"):
        feed.token_hash = hashlib.sha256(feed.token_hash.encode()).hexdigest()
        feed.save(update_fields=["token_hash"])


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0003_network_profile"),
    ]

    operations = [
        migrations.RenameField("calendarfeed", "token", "token_hash"),
        migrations.AlterField(
            model_name="calendarfeed",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
        migrations.RunPython(hash_tokens, elidable=False),
    ]
