"""Reads of attendance: who is expected at a session, with what is marked for them so far."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from plantskola.programmes.models import Attendance, Participant, Session


def expected_participants(*, session: Session) -> QuerySet[Participant]:
    """Who should come: the session's group, or the whole edition; withdrawn people excluded."""
    participants = Participant.objects.filter(edition_id=session.edition_id).exclude(
        status=Participant.Status.WITHDRAWN
    )
    if session.group_id:
        participants = participants.filter(group_id=session.group_id)
    return participants.select_related("person", "person__unit").prefetch_related(
        Prefetch(
            "attendance",
            queryset=Attendance.objects.filter(session=session),
            to_attr="session_attendance",
        )
    )
