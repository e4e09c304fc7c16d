"""Writes of invitations: queue the edition's invitation to participants, a new session's
invitation, and a cancelled session's CANCEL. Every message goes to one person (nobody sees
the others' addresses) through the outbox and the `send_email` task."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.core.mail.services import email_queue, register_template
from plantskola.core.models import Person
from plantskola.programmes.calendar.ics import (
    CANCEL_MIME,
    INVITATION_MIME,
    invitation_ics,
    session_location,
)
from plantskola.programmes.calendar.selectors import session_people
from plantskola.programmes.invitations.selectors import (
    INVITATION_KEY,
    OPEN_STATUSES,
    invitation_context,
    participant_sessions,
    session_dates,
    session_line,
)
from plantskola.programmes.models import Edition, Group, Participant, Session
from plantskola.programmes.services import participant_add

register_template(
    INVITATION_KEY,
    description=gettext_lazy("Invitation to a programme edition, with its sessions"),
    subject="Inbjudan: {{ programme }} – {{ edition }}",
    body=(
        "Hej {{ name }}!\n\n"
        "Du är anmäld till {{ programme }} ({{ edition }}). Välkommen!\n\n"
        "Tillfällen:\n{{ sessions }}\n\n"
        "Varje tillfälle finns som en kalenderinbjudan (.ics) i det här meddelandet; öppna "
        "dem för att lägga in tillfällena i din kalender. Ändras ett tillfälle får du en "
        "uppdatering.\n\n"
        "Dina tillfällen i Plantskola: {{ url }}\n"
    ),
)
register_template(
    "session_scheduled",
    description=gettext_lazy("A new session was scheduled: calendar invitation"),
    subject="Nytt tillfälle: {{ title }} {{ date }}",
    body=(
        "Hej {{ name }}!\n\n"
        "Ett nytt tillfälle har schemalagts i {{ programme }} ({{ edition }}).\n\n"
        "{{ title }}\n"
        "{{ sessions }}\n\n"
        "Varje dag finns som en kalenderinbjudan (.ics) i det här meddelandet; öppna dem "
        "för att lägga in dagarna i din kalender.\n\n"
        "Mer information: {{ url }}\n"
    ),
)
register_template(
    "session_cancelled",
    description=gettext_lazy("A session was cancelled: calendar cancellation"),
    subject="Inställt: {{ title }} {{ date }}",
    body=(
        "Hej {{ name }}!\n\n"
        "Tillfället {{ title }} ({{ date }}, {{ time }}) i {{ programme }} ({{ edition }}) "
        "är inställt.\n\n"
        "Den bifogade kalenderfilen tar bort händelsen ur din kalender.\n"
    ),
)


def _ics_name(index: int, session: Session) -> str:
    return f"tillfalle-{index}-{session.date:%Y-%m-%d}.ics"


@transaction.atomic
def participant_invite(*, participant: Participant, base_url: str) -> bool:
    """Queue the edition's invitation to one participant: the sessions in the text and one
    `.ics` (iTIP REQUEST) per session. False when the person has no e-mail address or can no
    longer take part; the participant is then left uninvited."""
    person = participant.person
    if not person.email or participant.status not in OPEN_STATUSES:
        return False
    sessions = list(participant_sessions(participant))
    attachments = [
        (
            _ics_name(i, s),
            invitation_ics(session=s, base_url=base_url, attendee=(person.full_name, person.email)),
            INVITATION_MIME,
        )
        for i, s in enumerate(sessions, start=1)
    ]
    email_queue(
        organisation=participant.edition.programme.organisation,
        key=INVITATION_KEY,
        to=[person.email],
        context=invitation_context(participant=participant, sessions=sessions, base_url=base_url),
        attachments=attachments,
    )
    participant.invited_at = timezone.now()
    participant.save(update_fields=["invited_at"])
    return True


@transaction.atomic
def participant_add_and_invite(
    *, edition: Edition, person: Person, group: Group | None, base_url: str
) -> tuple[Participant, bool]:
    """Add one person by hand and invite them at once: one person, one message, nobody is
    surprised. Whether an invitation was queued is the second value."""
    participant = participant_add(edition=edition, person=person, group=group)
    return participant, participant_invite(participant=participant, base_url=base_url)


def participants_invite(
    *,
    edition: Edition,
    participant_ids: Sequence[int],
    base_url: str,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Invite many (the queued job). Each participant's message is its own transaction, so the
    job's page can show progress and a failure halfway leaves the ones done marked invited
    (running the rest again sends nobody a second invitation). Returns how many were queued."""
    participants = (
        Participant.objects.filter(edition=edition, pk__in=list(participant_ids))
        .select_related("person", "edition__programme__organisation")
        .order_by("pk")
    )
    sent = 0
    for done, participant in enumerate(participants, start=1):
        if participant.invited_at is None and participant_invite(
            participant=participant, base_url=base_url
        ):
            sent += 1
        if progress is not None:
            progress(done)
    return sent


def _session_context(session: Session, person: Person, base_url: str) -> dict[str, str]:
    edition = session.edition
    return {
        "name": person.first_name,
        "title": session.title,
        "programme": edition.programme.name,
        "edition": edition.name,
        "date": session_dates(session),
        "time": f"{session.start_time:%H:%M}–{session.end_time:%H:%M}",
        "place": session_location(session) or "–",
        "url": base_url.rstrip("/") + reverse("programmes:session_detail", args=[session.pk]),
    }


def _session_send(*, session: Session, base_url: str, key: str, method: str) -> int:
    organisation = session.edition.programme.organisation
    mime = CANCEL_MIME if method == "CANCEL" else INVITATION_MIME
    count = 0
    for person in session_people(session):
        if not person.email:
            continue
        ics = invitation_ics(
            session=session,
            base_url=base_url,
            attendee=(person.full_name, person.email),
            method=method,
        )
        email_queue(
            organisation=organisation,
            key=key,
            to=[person.email],
            context=_session_context(session, person, base_url),
            attachments=[(_ics_name(1, session), ics, mime)],
        )
        count += 1
    return count


def sessions_scheduled_recipients(
    sessions: Sequence[Session],
) -> list[tuple[Person, list[Session]]]:
    """Who gets the invitation to new sessions (days), each with the days they have: the
    group's participants, or the edition's, not withdrawn, and the course leaders."""
    people: dict[int, tuple[Person, list[Session]]] = {}
    for session in sorted(sessions, key=lambda s: (s.date, s.start_time, s.pk)):
        for person in session_people(session):
            if person.email:
                people.setdefault(person.pk, (person, []))[1].append(session)
    return sorted(people.values(), key=lambda row: (row[0].last_name, row[0].first_name))


def sessions_scheduled_notify(
    *,
    session_ids: Sequence[int],
    base_url: str,
    progress: Callable[[int], None] | None = None,
) -> int:
    """New sessions (a module's days, perhaps for several groups): each person concerned gets
    one message listing their days, with one `.ics` iTIP REQUEST per day. Each message is its
    own transaction, so the job's page shows progress. Returns how many were queued."""
    sessions = list(
        Session.objects.filter(pk__in=list(session_ids)).select_related(
            "edition__programme__organisation", "module", "group"
        )
    )
    sent = 0
    for done, (person, days) in enumerate(sessions_scheduled_recipients(sessions), start=1):
        with transaction.atomic():
            first = days[0]
            context = _session_context(first, person, base_url)
            context["date"] = ", ".join(f"{s.date:%Y-%m-%d}" for s in days)
            context["sessions"] = "\n".join(session_line(s) for s in days)
            email_queue(
                organisation=first.edition.programme.organisation,
                key="session_scheduled",
                to=[person.email],
                context=context,
                attachments=[
                    (
                        _ics_name(i, s),
                        invitation_ics(
                            session=s,
                            base_url=base_url,
                            attendee=(person.full_name, person.email),
                        ),
                        INVITATION_MIME,
                    )
                    for i, s in enumerate(days, start=1)
                ],
            )
        sent += 1
        if progress is not None:
            progress(done)
    return sent


@transaction.atomic
def session_cancel(*, session: Session, base_url: str) -> int:
    """Cancel (delete) a session: everyone who had it gets a CANCEL with a SEQUENCE above the
    last invitation, so their calendar removes it. A session with attendance recorded has
    taken place and is kept. Returns how many were queued."""
    if session.attendance.exists():
        raise ValidationError(
            _("Attendance has been recorded for the session, so it cannot be cancelled.")
        )
    # Surveys of the session (evaluations) would go with it: deleting them is not a side effect
    # a cancellation may have.
    if session.surveys.exists():
        raise ValidationError(
            _("The session has a survey; remove the survey first, then cancel the session.")
        )
    session.sequence += 1
    session.save(update_fields=["sequence"])
    count = _session_send(
        session=session, base_url=base_url, key="session_cancelled", method="CANCEL"
    )
    session.delete()
    return count
