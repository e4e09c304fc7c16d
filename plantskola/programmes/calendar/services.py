"""Writes of calendars: each person's private feed, and updated invitations for moved sessions."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plantskola.core.mail.services import email_queue, register_template
from plantskola.core.models import Person
from plantskola.programmes.calendar.ics import INVITATION_MIME, invitation_ics, session_location
from plantskola.programmes.calendar.selectors import session_people, token_hash
from plantskola.programmes.models import CalendarFeed, Session, _feed_token

register_template(
    "session_changed",
    description=_("A session was moved: updated calendar invitation"),
    subject="Ändrat: {{ title }} {{ date }}",
    body=(
        "Hej {{ name }}!\n\n"
        "Tillfället {{ title }} i {{ programme }} ({{ edition }}) har ändrats.\n\n"
        "Nu gäller:\n"
        "Datum: {{ date }}\n"
        "Tid: {{ time }}\n"
        "Plats: {{ place }}\n\n"
        "En uppdaterad kalenderinbjudan finns bifogad; öppna den för att uppdatera "
        "händelsen i din kalender. Den som prenumererar på sin kalender i Plantskola får "
        "ändringen automatiskt.\n\n"
        "Mer information: {{ url }}\n"
    ),
)


@transaction.atomic
def feed_regenerate(*, person: Person) -> str:
    """Give the person a calendar address, or a new one (the old one stops working at once),
    and return its token. Only the token's hash is stored, so this is the one moment the
    token, and with it the address, can be shown."""
    token = _feed_token()
    feed = CalendarFeed.objects.select_for_update().filter(person=person).first()
    if feed is None:
        CalendarFeed.objects.create(person=person, token_hash=token_hash(token))
        return token
    feed.token_hash = token_hash(token)
    feed.created_at = timezone.now()
    feed.save(update_fields=["token_hash", "created_at"])
    return token


def session_changed_notify(*, session: Session, base_url: str) -> int:
    """Queue an updated invitation to everyone concerned who has an e-mail address; one message
    per person so that nobody sees the others' addresses. Returns how many were queued."""
    edition = session.edition
    organisation = edition.programme.organisation
    url = base_url.rstrip("/") + reverse("programmes:session_detail", args=[session.pk])
    date = f"{session.date:%Y-%m-%d}"
    count = 0
    for person in session_people(session):
        if not person.email:
            continue
        ics = invitation_ics(
            session=session, base_url=base_url, attendee=(person.full_name, person.email)
        )
        email_queue(
            organisation=organisation,
            key="session_changed",
            to=[person.email],
            context={
                "name": person.first_name,
                "title": session.title,
                "programme": edition.programme.name,
                "edition": edition.name,
                "date": date,
                "time": f"{session.start_time:%H:%M}–{session.end_time:%H:%M}",
                "place": session_location(session) or "–",
                "url": url,
            },
            attachments=[("inbjudan.ics", ics, INVITATION_MIME)],
        )
        count += 1
    return count
