"""Completion by attendance: who has attended enough of an edition's sessions to complete it.

A participant is expected at the sessions of their own group and at the sessions for the whole
edition. Only sessions that have taken place count (the first day is before today). The
edition's `min_attendance_percent` decides: attended / expected × 100 ≥ the requirement. With
no session held yet, nobody meets it. Withdrawn participants are left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet
from django.utils import timezone

from plantskola.programmes.models import Attendance, Edition, Participant, Session


@dataclass
class CompletionRow:
    participant: Participant
    expected: int
    attended: int
    required_percent: int

    @property
    def percent(self) -> int | None:
        if not self.expected:
            return None
        value = Decimal(self.attended * 100) / Decimal(self.expected)
        return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def meets(self) -> bool:
        # Compared exactly (no rounding): 79.5 % does not meet 80 %.
        return bool(self.expected) and self.attended * 100 >= self.required_percent * self.expected

    @property
    def completed(self) -> bool:
        return self.participant.status == Participant.Status.COMPLETED


def completion_rows(
    *, edition: Edition, participants: QuerySet[Participant], today: dt.date | None = None
) -> list[CompletionRow]:
    """One row per (visible, not withdrawn) participant, in three queries whatever the size."""
    today = today or timezone.localdate()
    held = list(
        Session.objects.filter(edition=edition, date__lt=today).values_list("pk", "group_id")
    )
    whole = {pk for pk, group_id in held if group_id is None}
    per_group: dict[int, set[int]] = {}
    for pk, group_id in held:
        if group_id is not None:
            per_group.setdefault(group_id, set()).add(pk)
    people = list(
        participants.filter(edition=edition)
        .exclude(status=Participant.Status.WITHDRAWN)
        .select_related("person", "group")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    present: dict[int, set[int]] = {}
    attendance = Attendance.objects.filter(
        session__edition=edition,
        session__date__lt=today,
        status=Attendance.Status.PRESENT,
    ).values_list("participant_id", "session_id")
    for participant_id, session_id in attendance:
        present.setdefault(participant_id, set()).add(session_id)
    rows = []
    for participant in people:
        expected = whole | per_group.get(participant.group_id or 0, set())
        rows.append(
            CompletionRow(
                participant=participant,
                expected=len(expected),
                attended=len(expected & present.get(participant.pk, set())),
                required_percent=edition.min_attendance_percent,
            )
        )
    return rows


# --- completion follows the calendar ------------------------------------------------------------


def _teaching_sessions(edition: Edition) -> QuerySet[Session]:
    # The ceremony is where the diplomas are handed over, so it is not what completion waits for.
    return Session.objects.filter(edition=edition).exclude(kind=Session.Kind.CEREMONY)


def edition_last_session_end(edition: Edition) -> dt.datetime | None:
    """When the edition's last session (ceremonies aside) ends, in the site's time zone: the
    end of the last day of its last module, since each day is a session."""
    last = _teaching_sessions(edition).order_by("-date", "-end_time").first()
    if last is None:
        return None
    return dt.datetime.combine(last.date, last.end_time, tzinfo=timezone.get_current_timezone())


def completion_allowed(*, edition: Edition, now: dt.datetime | None = None) -> bool:
    """Completion only once the last session is over, or after a logged exception."""
    if edition.early_completion_at is not None:
        return True
    end = edition_last_session_end(edition)
    return end is not None and (now or timezone.now()) >= end


def edition_diploma_date(edition: Edition) -> dt.date | None:
    """The date a diploma bears: the ceremony's, else the last session's last day."""
    ceremony = (
        Session.objects.filter(edition=edition, kind=Session.Kind.CEREMONY)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    if ceremony is not None:
        return ceremony
    end = edition_last_session_end(edition)
    return end.date() if end is not None else None
