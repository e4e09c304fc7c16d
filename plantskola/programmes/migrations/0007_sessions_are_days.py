"""Sessions are days: every session that spanned several days (`end_date`) becomes one session
per day, then `end_date` goes.

How a span is split (`day_spans`):
- the first day is the old session itself: it keeps its UID, start time, attendance, surveys
  and leaders, ends at 16:30 (or 3 hours after its start when it starts at 16:30 or later)
  and its SEQUENCE goes up by one, so calendars that had the long event shorten it;
- each middle day runs 08:30–16:30;
- the last day starts at 08:30 (or an hour before its end when it ends by 08:30) and keeps
  the old end time;
- every new day copies the edition, module, group, kind, title, place, address, destination
  and course leaders, and gets a new UID with SEQUENCE 0.
The reverse migration only brings the column back (empty): the days stay days.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db import migrations, models

DAY_START = dt.time(8, 30)
DAY_END = dt.time(16, 30)


def _shift(time: dt.time, hours: int) -> dt.time:
    moved = dt.datetime.combine(dt.date(2000, 1, 1), time) + dt.timedelta(hours=hours)
    if moved.date() != dt.date(2000, 1, 1):
        return dt.time(23, 59) if hours > 0 else dt.time(0, 0)
    return moved.time()


def day_spans(
    first: dt.date, last: dt.date | None, start: dt.time, end: dt.time
) -> list[tuple[dt.date, dt.time, dt.time]]:
    """The days of a session from `first` to `last`, each (date, start time, end time)."""
    if last is None or last <= first:
        return [(first, start, end)]
    count = (last - first).days + 1
    days = [(first, start, DAY_END if start < DAY_END else _shift(start, 3))]
    for i in range(1, count - 1):
        days.append((first + dt.timedelta(days=i), DAY_START, DAY_END))
    days.append((last, DAY_START if end > DAY_START else _shift(end, -1), end))
    return days


def split_sessions(apps: Any, schema_editor: Any) -> None:
    Session = apps.get_model("programmes", "Session")
    spanning = Session.objects.filter(end_date__isnull=False, end_date__gt=models.F("date"))
    for session in spanning.order_by("pk"):
        days = day_spans(session.date, session.end_date, session.start_time, session.end_time)
        leader_ids = list(session.leaders.values_list("pk", flat=True))
        first_date, first_start, first_end = days[0]
        session.start_time = first_start
        session.end_time = first_end
        session.end_date = None
        session.sequence += 1
        session.save(update_fields=["start_time", "end_time", "end_date", "sequence"])
        for date, start, end in days[1:]:
            day = Session.objects.create(
                edition_id=session.edition_id,
                module_id=session.module_id,
                group_id=session.group_id,
                kind=session.kind,
                title=session.title,
                date=date,
                start_time=start,
                end_time=end,
                place=session.place,
                address=session.address,
                destination=session.destination,
                uid=uuid.uuid4(),
                sequence=0,
            )
            if leader_ids:
                day.leaders.set(leader_ids)
    if schema_editor.connection.vendor == "postgresql":
        # The column is dropped in the same transaction: check the new rows' foreign keys now,
        # or PostgreSQL refuses to alter a table with pending trigger events.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0006_participant_invited_at_and_invitation_jobs"),
    ]

    operations = [
        migrations.RunPython(split_sessions, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="session",
            name="end_date",
        ),
    ]
