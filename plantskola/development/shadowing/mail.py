"""The e-mails of job shadowing: the request to a host, with the personal answer link, and the
calendar invitation for the agreed dates."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from plantskola.core.mail.services import email_queue, register_template
from plantskola.development.shadowing.calendar import match_ics
from plantskola.development.shadowing.models import ShadowingMatch
from plantskola.development.shadowing.selectors import match_was_wished
from plantskola.programmes.calendar.ics import INVITATION_MIME, TZ

register_template(
    "shadowing_request",
    description=gettext_lazy("Job shadowing: request to a host manager"),
    subject="Förfrågan om skuggning: {{ participant }}",
    body=(
        "Hej {{ name }}!\n\n"
        "{{ participant }} ({{ participant_unit }}) deltar i {{ programme }} ({{ edition }}). "
        "{% if wished %}{{ participant }} har önskat att få gå bredvid dig, och koordinatorn "
        "har matchat er{% else %}Koordinatorn har matchat {{ participant }} med dig{% endif %} "
        "för skuggning i ditt chefsuppdrag under perioden {{ period }}.\n\n"
        "Svara gärna senast {{ deadline }} via din personliga länk, där du tackar ja eller "
        "nej:\n{{ link }}\n\n"
        "Tackar du ja kommer ni sedan överens om dag och plats.\n\n"
        "Med vänliga hälsningar\n{{ organisation }}\n"
    ),
)
register_template(
    "shadowing_invitation",
    description=gettext_lazy("Job shadowing: calendar invitation for the agreed date"),
    subject="{{ changed }}Skuggning {{ date }}: {{ participant }} hos {{ host }}",
    body=(
        "Hej {{ name }}!\n\n"
        "Skuggningen i {{ programme }} ({{ edition }}) är bokad.\n\n"
        "Deltagare: {{ participant }}\n"
        "Chef: {{ host }}\n"
        "Datum: {{ date }}\n"
        "Tid: {{ time }}\n"
        "Plats: {{ place }}\n\n"
        "En kalenderinbjudan finns bifogad. Ändras tiden får du en uppdaterad inbjudan som "
        "ersätter den gamla i din kalender.\n\n"
        "Mer information: {{ url }}\n"
    ),
)


def request_send(*, match: ShadowingMatch, token: str) -> None:
    """The host's request, with the personal link that answers it (`token`, never stored)."""
    round, participant, host = match.round, match.participant, match.host
    edition = round.edition
    person = participant.person
    site_url: str = settings.SITE_URL
    email_queue(
        organisation=edition.programme.organisation,
        key="shadowing_request",
        to=[host.person.email] if host.person.email else [],
        context={
            "name": host.person.first_name,
            "participant": person.full_name,
            "participant_unit": ", ".join(x for x in [person.title, str(person.unit or "")] if x),
            "programme": edition.programme.name,
            "edition": edition.name,
            "wished": match_was_wished(match),
            "period": f"{round.period_start:%Y-%m-%d} – {round.period_end:%Y-%m-%d}",
            "deadline": match.expires_on.isoformat(),
            "link": site_url.rstrip("/") + reverse("development:shadowing_answer", args=[token]),
            "organisation": edition.programme.organisation.name,
        },
    )


def invitations_send(*, match: ShadowingMatch, changed: bool) -> None:
    """Both the host and the participant get the invitation (`changed`: an updated one)."""
    if match.starts_at is None or match.ends_at is None:
        raise ValueError("the match has no dates")
    ics = match_ics(match)
    edition = match.round.edition
    host, person = match.host.person, match.participant.person
    start = timezone.localtime(match.starts_at, TZ)
    end = timezone.localtime(match.ends_at, TZ)
    date = f"{start:%Y-%m-%d}" + (f" – {end:%Y-%m-%d}" if end.date() != start.date() else "")
    for who in (host, person):
        if not who.email:
            continue
        email_queue(
            organisation=edition.programme.organisation,
            key="shadowing_invitation",
            to=[who.email],
            context={
                "changed": "Ändrat: " if changed else "",
                "name": who.first_name,
                "participant": person.full_name,
                "host": host.full_name,
                "programme": edition.programme.name,
                "edition": edition.name,
                "date": date,
                "time": f"{start:%H:%M}–{end:%H:%M}",
                "place": match.place,
                "url": settings.SITE_URL.rstrip("/")
                + reverse("development:shadowing_round_detail", args=[match.round_id]),
            },
            attachments=[("skuggning.ics", ics, INVITATION_MIME)],
        )
