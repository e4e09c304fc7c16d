"""Reads of invitations: a participant's sessions, who has not been invited yet, and the
preview of the message before a mass send."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse

from plantskola.core.mail.selectors import email_render
from plantskola.programmes.calendar.ics import session_location
from plantskola.programmes.enrolment.selectors import EnrolmentPreview
from plantskola.programmes.models import Edition, Group, Participant, Session

INVITATION_KEY = "edition_invitation"

#: Who can still be invited: not withdrawn, not completed.
OPEN_STATUSES = (Participant.Status.INVITED, Participant.Status.ACTIVE)


def participant_sessions(participant: Participant) -> QuerySet[Session]:
    """The sessions in the participant's calendar: the edition's for everyone and their group's."""
    q = Q(group__isnull=True)
    if participant.group_id:
        q |= Q(group_id=participant.group_id)
    return (
        Session.objects.filter(q, edition_id=participant.edition_id)
        .select_related("edition__programme", "module", "group")
        .order_by("date", "start_time", "pk")
    )


def session_dates(session: Session) -> str:
    return f"{session.date:%Y-%m-%d}"


def session_line(session: Session) -> str:
    """One line of the invitation's list of sessions (plain text: it is an e-mail)."""
    line = f"- {session_dates(session)} {session.start_time:%H:%M}–{session.end_time:%H:%M}: "
    line += session.title
    place = session_location(session)
    return f"{line} ({place})" if place else line


def uninvited_participants(edition: Edition) -> QuerySet[Participant]:
    """Participants who have not had the edition's invitation and can still take part."""
    return (
        Participant.objects.filter(
            edition=edition, invited_at__isnull=True, status__in=OPEN_STATUSES
        )
        .select_related("person", "group", "edition__programme")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def invitation_context(
    *, participant: Participant, sessions: list[Session], base_url: str
) -> dict[str, Any]:
    edition = participant.edition
    lines = [session_line(s) for s in sessions]
    return {
        "name": participant.person.first_name,
        "programme": edition.programme.name,
        "edition": edition.name,
        "sessions": "\n".join(lines) if lines else "(Inga tillfällen är schemalagda ännu.)",
        "count": len(sessions),
        "url": base_url.rstrip("/") + reverse("programmes:my_sessions"),
    }


@dataclass(frozen=True)
class InvitationPreview:
    recipients: int  # who will get the message (with an e-mail address)
    without_email: int  # who cannot get it (no e-mail address in the roster)
    subject: str
    body: str
    attachments: int  # .ics files in the sample message


def invitation_preview(
    *, edition: Edition, participants: list[Participant], base_url: str
) -> InvitationPreview:
    """The message the first recipient would get, and how many get one."""
    with_email = [p for p in participants if p.person.email]
    subject = body = ""
    attachments = 0
    if with_email:
        sample = with_email[0]
        sessions = list(participant_sessions(sample))
        subject, body = email_render(
            organisation=edition.programme.organisation,
            key=INVITATION_KEY,
            context=invitation_context(participant=sample, sessions=sessions, base_url=base_url),
        )
        attachments = len(sessions)
    return InvitationPreview(
        recipients=len(with_email),
        without_email=len(participants) - len(with_email),
        subject=subject,
        body=body,
        attachments=attachments,
    )


def enrolment_invitation_preview(
    *, edition: Edition, preview: EnrolmentPreview, group: Group | None, base_url: str
) -> tuple[str, str] | None:
    """The invitation the first person of an enrolment preview would get (subject, body)."""
    first = next((row.person for row in preview.rows if row.person.email), None)
    if first is None:
        return None
    participant = Participant(edition=edition, person=first, group=group)
    sessions = list(participant_sessions(participant))
    return email_render(
        organisation=edition.programme.organisation,
        key=INVITATION_KEY,
        context=invitation_context(participant=participant, sessions=sessions, base_url=base_url),
    )
