"""Job shadowing: services (writes) and the reads they need.

The coordinator opens a round, adds host managers from the roster (each with a capacity) and
participants rank the hosts they would like (never from their own administration). The
composition engine (`kind: matching`, `different: ["administration"]`) proposes the pairs with
the best total preference score; on confirmation each host gets a request with a personal link
to accept or decline. A decline re-matches that participant alone, among the hosts with room who
have not declined them. After acceptance the host or the coordinator enters the date and place,
and both get a calendar invitation whose UID stays and whose SEQUENCE goes up on each change.

States cannot be skipped, and every rule broken is named in a ValidationError that changes
nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from email.utils import parseaddr
from typing import Any

import icalendar
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.composition import CompositionError, solve
from plantskola.core.mail.services import email_queue, register_template
from plantskola.core.models import OrgUnit, Person, User
from plantskola.development.models_shadowing import (
    ShadowingHost,
    ShadowingMatch,
    ShadowingPreference,
    ShadowingRound,
)
from plantskola.programmes.calendar import INVITATION_MIME, TZ, UID_DOMAIN, _calendar, _to_ical
from plantskola.programmes.models import Edition, Participant

REQUEST_DAYS = 14  # how long a host's answer link stays valid
MAX_PREFERENCES = 3
TOP_KINDS = (OrgUnit.Kind.ADMINISTRATION, OrgUnit.Kind.COMPANY)

register_template(
    "shadowing_request",
    description=gettext_lazy("Job shadowing: request to a host manager"),
    subject="Förfrågan: {{ participant }} vill gå bredvid dig",
    body=(
        "Hej {{ name }}!\n\n"
        "{{ participant }} ({{ participant_unit }}) deltar i {{ programme }} ({{ edition }}) "
        "och skulle vilja gå bredvid dig i ditt chefsuppdrag under perioden {{ period }}.\n\n"
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


# --- reads ----------------------------------------------------------------------------------


def administration_of(people: list[Person]) -> dict[int, OrgUnit | None]:
    """Each person's administration: the top-level unit of kind administration or company
    above their unit (the unit itself when none is marked so)."""
    ids = {
        int(part)
        for p in people
        if p.unit is not None
        for part in p.unit.path.strip("/").split("/")
        if part
    }
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=ids)}
    result: dict[int, OrgUnit | None] = {}
    for person in people:
        unit = person.unit
        if unit is None:
            result[person.pk] = None
            continue
        chain = [units[int(x)] for x in unit.path.strip("/").split("/") if x and int(x) in units]
        top = next((u for u in chain if u.kind in TOP_KINDS), chain[0] if chain else unit)
        result[person.pk] = top
    return result


def _admin_key(unit: OrgUnit | None) -> str:
    return str(unit.pk) if unit is not None else ""


def round_participants(round: ShadowingRound) -> QuerySet[Participant]:
    return (
        Participant.objects.filter(edition_id=round.edition_id)
        .exclude(status=Participant.Status.WITHDRAWN)
        .select_related("person__unit")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def round_hosts(round: ShadowingRound) -> list[ShadowingHost]:
    """The hosts with `live` (matches not declined) annotated."""
    return list(
        ShadowingHost.objects.filter(round=round)
        .select_related("person__unit")
        .annotate(live=Count("matches", filter=~Q(matches__status=ShadowingMatch.Status.DECLINED)))
    )


def allowed_hosts(round: ShadowingRound, participant: Participant) -> list[ShadowingHost]:
    """Hosts the participant may rank: everyone outside their own administration."""
    hosts = round_hosts(round)
    admins = administration_of([participant.person, *[h.person for h in hosts]])
    own = _admin_key(admins[participant.person_id])
    return [
        h
        for h in hosts
        if _admin_key(admins[h.person_id]) != own and h.person_id != participant.person_id
    ]


def preferences_of(round: ShadowingRound) -> dict[int, list[ShadowingHost]]:
    prefs: dict[int, list[ShadowingHost]] = {}
    for pref in ShadowingPreference.objects.filter(round=round).select_related("host__person"):
        prefs.setdefault(pref.participant_id, []).append(pref.host)
    return prefs


def hosts_eligible(edition: Edition) -> QuerySet[Person]:
    """Managers of the edition's organisation and its partner organisations."""
    orgs = [edition.programme.organisation_id, *edition.partners.values_list("pk", flat=True)]
    return (
        Person.objects.filter(organisation_id__in=orgs, is_manager=True, is_active=True)
        .select_related("unit")
        .order_by("last_name", "first_name")
    )


def live_match(round: ShadowingRound, participant: Participant) -> ShadowingMatch | None:
    return (
        ShadowingMatch.objects.filter(round=round, participant=participant)
        .exclude(status=ShadowingMatch.Status.DECLINED)
        .select_related("host__person")
        .first()
    )


# --- the round, hosts and preferences ---------------------------------------------------------


def _check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationError(_("The period must end on or after its first day."))


@transaction.atomic
def round_create(
    *, edition: Edition, name: str, period_start: dt.date, period_end: dt.date
) -> ShadowingRound:
    _check_period(period_start, period_end)
    return ShadowingRound.objects.create(
        edition=edition, name=name, period_start=period_start, period_end=period_end
    )


@transaction.atomic
def round_update(
    *, round: ShadowingRound, name: str, period_start: dt.date, period_end: dt.date
) -> ShadowingRound:
    """Rename the round or move its period; agreed dates must stay inside it."""
    _check_period(period_start, period_end)
    round = _lock(round)
    outside = [
        m
        for m in ShadowingMatch.objects.filter(
            round=round, status=ShadowingMatch.Status.SCHEDULED
        ).select_related("participant__person")
        if m.starts_at is not None
        and m.ends_at is not None
        and (
            timezone.localtime(m.starts_at, TZ).date() < period_start
            or timezone.localtime(m.ends_at, TZ).date() > period_end
        )
    ]
    if outside:
        raise ValidationError(
            _("The agreed dates of %(names)s would fall outside the period.")
            % {"names": ", ".join(m.participant.person.full_name for m in outside)}
        )
    round.name, round.period_start, round.period_end = name, period_start, period_end
    round.save(update_fields=["name", "period_start", "period_end"])
    return round


def _lock(round: ShadowingRound) -> ShadowingRound:
    return ShadowingRound.objects.select_for_update().get(pk=round.pk)


def _reopen(round: ShadowingRound) -> None:
    """A change to hosts or preferences makes a stored proposal stale: back to open."""
    if round.status == ShadowingRound.Status.PROPOSED:
        round.status = ShadowingRound.Status.OPEN
        round.proposal = {}
        round.save(update_fields=["status", "proposal"])


@transaction.atomic
def host_add(*, round: ShadowingRound, person: Person, capacity: int = 1) -> ShadowingHost:
    round = _lock(round)
    if not hosts_eligible(round.edition).filter(pk=person.pk).exists():
        raise ValidationError(
            _("%(name)s is not a manager in the programme's organisations and cannot be a host.")
            % {"name": person.full_name}
        )
    if capacity < 1:
        raise ValidationError(_("A host takes at least one participant."))
    if ShadowingHost.objects.filter(round=round, person=person).exists():
        raise ValidationError(
            _("%(name)s is already a host in this round.") % {"name": person.full_name}
        )
    host = ShadowingHost.objects.create(round=round, person=person, capacity=capacity)
    _reopen(round)
    return host


@transaction.atomic
def host_update(*, host: ShadowingHost, capacity: int) -> ShadowingHost:
    round = _lock(host.round)
    host = ShadowingHost.objects.select_for_update().get(pk=host.pk)
    live = host.matches.exclude(status=ShadowingMatch.Status.DECLINED).count()
    if capacity < max(1, live):
        raise ValidationError(
            _(
                "%(name)s already has %(live)s participants; the capacity cannot be lower than "
                "that (and at least 1)."
            )
            % {"name": host.person.full_name, "live": live}
        )
    host.capacity = capacity
    host.save(update_fields=["capacity"])
    _reopen(round)
    return host


@transaction.atomic
def host_remove(*, host: ShadowingHost) -> None:
    round = _lock(host.round)
    if host.matches.exists():
        raise ValidationError(
            _("%(name)s has been sent requests and cannot be removed from the round.")
            % {"name": host.person.full_name}
        )
    host.delete()
    _reopen(round)


@transaction.atomic
def preferences_set(
    *, round: ShadowingRound, participant: Participant, hosts: list[ShadowingHost]
) -> list[ShadowingPreference]:
    """Replace the participant's ranked wishes (first = first choice)."""
    round = _lock(round)
    if round.status == ShadowingRound.Status.CONFIRMED:
        raise ValidationError(_("The matches are confirmed; preferences can no longer be changed."))
    if participant.edition_id != round.edition_id or participant.status == "withdrawn":
        raise ValidationError(_("Only the edition's participants take part in the round."))
    if len(hosts) > MAX_PREFERENCES:
        raise ValidationError(_("Choose at most %(n)s hosts.") % {"n": MAX_PREFERENCES})
    if len({h.pk for h in hosts}) != len(hosts):
        raise ValidationError(_("Choose each host only once."))
    allowed = {h.pk for h in allowed_hosts(round, participant)}
    for host in hosts:
        if host.round_id != round.pk:
            raise ValidationError(_("Choose among this round's hosts."))
        if host.pk not in allowed:
            raise ValidationError(
                _(
                    "%(name)s works in your own administration; job shadowing is with a manager "
                    "from another administration."
                )
                % {"name": host.person.full_name}
            )
    ShadowingPreference.objects.filter(round=round, participant=participant).delete()
    created = ShadowingPreference.objects.bulk_create(
        ShadowingPreference(round=round, participant=participant, host=h, rank=i)
        for i, h in enumerate(hosts, start=1)
    )
    _reopen(round)
    return created


# --- matching ---------------------------------------------------------------------------------


def matching_instance(
    round: ShadowingRound,
    *,
    participants: list[Participant] | None = None,
    hosts: list[ShadowingHost] | None = None,
    capacities: dict[int, int] | None = None,
) -> dict[str, Any]:
    """The engine's instance (docs/composition-format.md §3): ids are primary keys."""
    participants = participants if participants is not None else list(round_participants(round))
    hosts = hosts if hosts is not None else round_hosts(round)
    admins = administration_of([p.person for p in participants] + [h.person for h in hosts])
    prefs = preferences_of(round)
    host_ids = {h.pk for h in hosts}
    return {
        "kind": "matching",
        "participants": [
            {
                "id": str(p.pk),
                "attributes": {"administration": _admin_key(admins[p.person_id])},
                "preferences": [str(h.pk) for h in prefs.get(p.pk, []) if h.pk in host_ids],
            }
            for p in participants
        ],
        "hosts": [
            {
                "id": str(h.pk),
                "attributes": {"administration": _admin_key(admins[h.person_id])},
                "capacity": (capacities or {}).get(h.pk, h.capacity),
            }
            for h in hosts
        ],
        "different": ["administration"],
        "scores": None,
    }


def _check_feasible(
    participants: list[Participant], hosts: list[ShadowingHost], capacities: dict[int, int]
) -> None:
    """Name the rule that makes a match impossible, before asking the engine."""
    if not participants:
        raise ValidationError(_("The edition has no participants to match."))
    open_hosts = [h for h in hosts if capacities[h.pk] > 0]
    if not open_hosts:
        raise ValidationError(_("No host has a place left. Add hosts or raise a capacity."))
    admins = administration_of([p.person for p in participants] + [h.person for h in open_hosts])
    stranded = [
        p.person.full_name
        for p in participants
        if all(
            _admin_key(admins[h.person_id]) == _admin_key(admins[p.person_id]) for h in open_hosts
        )
    ]
    if stranded:
        raise ValidationError(
            _(
                "No possible host for %(names)s: every host with a place left works in the "
                "participant's own administration, and job shadowing is with a manager from "
                "another administration."
            )
            % {"names": ", ".join(stranded)}
        )
    places = sum(capacities[h.pk] for h in open_hosts)
    if places < len(participants):
        raise ValidationError(
            _(
                "%(n)s participants but only %(places)s places with the hosts. Add hosts or "
                "raise their capacity."
            )
            % {"n": len(participants), "places": places}
        )


HALL = re.compile(
    r"participants \(([^)]*)\) can only go to hosts \[([^\]]*)\] with total capacity (\d+)"
)


def _solve(
    instance: dict[str, Any], participants: list[Participant], hosts: list[ShadowingHost]
) -> dict[str, Any]:
    """Run the engine; when it proves no complete match exists, name the participants who
    compete for too few places and the hosts they could go to, in Swedish."""
    try:
        return solve(instance)
    except CompositionError as exc:
        found = HALL.search(str(exc))
        if found is None:
            raise ValidationError(
                _(
                    "The hosts outside the participants' own administrations do not have places "
                    "for everyone (each host takes at most their capacity). Add hosts from other "
                    "administrations or raise a capacity."
                )
            ) from exc
        people = {str(p.pk): p.person.full_name for p in participants}
        managers = {str(h.pk): h.person.full_name for h in hosts}

        def names(ids: str, table: dict[str, str]) -> str:
            return ", ".join(table.get(i.strip(), i.strip()) for i in ids.split(",") if i.strip())

        raise ValidationError(
            _(
                "%(people)s can only go to %(hosts)s, who have %(places)s places together: job "
                "shadowing is with a manager from another administration, and each host takes at "
                "most their capacity. Add hosts from other administrations or raise a capacity."
            )
            % {
                "people": names(found.group(1).replace(" …", ""), people),
                "hosts": names(found.group(2), managers) or "–",
                "places": found.group(3),
            }
        ) from exc


@transaction.atomic
def round_match(*, round: ShadowingRound) -> dict[str, Any]:
    """Ask the engine for the best pairs; the proposal waits for the coordinator's yes."""
    round = _lock(round)
    if round.status == ShadowingRound.Status.CONFIRMED:
        raise ValidationError(_("The matches are already confirmed and the requests sent."))
    participants = list(round_participants(round))
    hosts = round_hosts(round)
    _check_feasible(participants, hosts, {h.pk: h.capacity for h in hosts})
    solution = _solve(
        matching_instance(round, participants=participants, hosts=hosts), participants, hosts
    )
    round.proposal = {
        "pairs": solution["pairs"],
        "objective": solution["objective"],
        "bound": solution["bound"],
        "status": solution["status"],
        "seconds": solution["seconds"],
        "first_choices": _first_choices(round, solution["pairs"]),
    }
    round.status = ShadowingRound.Status.PROPOSED
    round.save(update_fields=["proposal", "status"])
    return round.proposal


def _first_choices(round: ShadowingRound, pairs: dict[str, str]) -> int:
    firsts = dict(
        ShadowingPreference.objects.filter(round=round, rank=1).values_list(
            "participant_id", "host_id"
        )
    )
    return sum(1 for p, h in pairs.items() if firsts.get(int(p)) == int(h))


@dataclass
class ProposedPair:
    participant: Participant
    host: ShadowingHost
    rank: int | None


def proposal_pairs(round: ShadowingRound) -> list[ProposedPair]:
    pairs = round.proposal.get("pairs", {})
    participants = {p.pk: p for p in round_participants(round)}
    hosts = {h.pk: h for h in round_hosts(round)}
    ranks = {
        (pid, hid): rank
        for pid, hid, rank in ShadowingPreference.objects.filter(round=round).values_list(
            "participant_id", "host_id", "rank"
        )
    }
    result = []
    for pid, hid in pairs.items():
        p, h = participants.get(int(pid)), hosts.get(int(hid))
        if p is not None and h is not None:
            result.append(ProposedPair(p, h, ranks.get((p.pk, h.pk))))
    result.sort(key=lambda x: (x.participant.person.last_name, x.participant.person.first_name))
    return result


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _request(
    round: ShadowingRound, participant: Participant, host: ShadowingHost
) -> ShadowingMatch:
    """Create the request and queue the host's e-mail with the personal answer link."""
    token = secrets.token_urlsafe(32)
    match = ShadowingMatch.objects.create(
        round=round,
        participant=participant,
        host=host,
        token_hash=_hash(token),
        expires_on=timezone.localdate() + dt.timedelta(days=REQUEST_DAYS),
    )
    edition = round.edition
    person = participant.person
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
            "period": f"{round.period_start:%Y-%m-%d} – {round.period_end:%Y-%m-%d}",
            "deadline": match.expires_on.isoformat(),
            "link": settings.SITE_URL.rstrip("/") + reverse("shadowing_answer", args=[token]),
            "organisation": edition.programme.organisation.name,
        },
    )
    match._token = token  # type: ignore[attr-defined]  # for the caller (tests, demo)
    return match


@transaction.atomic
def round_confirm(*, round: ShadowingRound) -> list[ShadowingMatch]:
    """Turn the proposal into requests, one e-mail per pair."""
    round = _lock(round)
    if round.status == ShadowingRound.Status.OPEN:
        raise ValidationError(_("Ask the engine for a proposal before confirming."))
    if round.status == ShadowingRound.Status.CONFIRMED:
        raise ValidationError(_("The matches are already confirmed and the requests sent."))
    pairs = proposal_pairs(round)
    if len(pairs) != len(round.proposal.get("pairs", {})):
        raise ValidationError(_("The proposal is out of date. Ask the engine again."))
    matches = [_request(round, pair.participant, pair.host) for pair in pairs]
    round.status = ShadowingRound.Status.CONFIRMED
    round.confirmed_at = timezone.now()
    round.save(update_fields=["status", "confirmed_at"])
    return matches


# --- the host's answer ------------------------------------------------------------------------


def match_for_token(token: str) -> ShadowingMatch | None:
    """The request a link answers, if valid: known, not expired, not yet answered."""
    if not token or len(token) > 100:
        return None
    match = (
        ShadowingMatch.objects.select_related(
            "participant__person__unit", "host__person", "round__edition__programme"
        )
        .filter(token_hash=_hash(token))
        .first()
    )
    if match is None or match.expires_on < timezone.localdate():
        return None
    if match.status != ShadowingMatch.Status.REQUESTED:
        return None
    return match


def _lock_match(match: ShadowingMatch) -> ShadowingMatch:
    return ShadowingMatch.objects.select_for_update().select_related("round").get(pk=match.pk)


@transaction.atomic
def match_accept(*, match: ShadowingMatch) -> ShadowingMatch:
    match = _lock_match(match)
    if match.status != ShadowingMatch.Status.REQUESTED:
        raise ValidationError(_("This request has already been answered."))
    match.status = ShadowingMatch.Status.ACCEPTED
    match.answered_at = timezone.now()
    match.save(update_fields=["status", "answered_at"])
    return match


@dataclass
class DeclineResult:
    declined: ShadowingMatch
    new_match: ShadowingMatch | None
    problem: str | None


@transaction.atomic
def match_decline(*, match: ShadowingMatch, reason: str = "") -> DeclineResult:
    """Record the decline, then re-match that participant alone. When no host is possible the
    decline still stands and the coordinator sees the participant as unmatched, with the rule."""
    match = _lock_match(match)
    if match.status != ShadowingMatch.Status.REQUESTED:
        raise ValidationError(_("This request has already been answered."))
    match.status = ShadowingMatch.Status.DECLINED
    match.decline_reason = reason.strip()
    match.answered_at = timezone.now()
    match.save(update_fields=["status", "decline_reason", "answered_at"])
    try:
        with transaction.atomic():
            new = participant_rematch(round=match.round, participant=match.participant)
    except ValidationError as exc:
        return DeclineResult(match, None, " ".join(exc.messages))
    return DeclineResult(match, new, None)


@transaction.atomic
def participant_rematch(*, round: ShadowingRound, participant: Participant) -> ShadowingMatch:
    """Match one participant again among hosts with room who have not declined them."""
    round = _lock(round)
    if round.status != ShadowingRound.Status.CONFIRMED:
        raise ValidationError(_("Re-matching one participant comes after the round is confirmed."))
    if participant.edition_id != round.edition_id or participant.status == "withdrawn":
        raise ValidationError(_("Only the edition's participants take part in the round."))
    if live_match(round, participant) is not None:
        raise ValidationError(
            _("%(name)s already has a host.") % {"name": participant.person.full_name}
        )
    declined_by = set(
        ShadowingMatch.objects.filter(
            round=round, participant=participant, status=ShadowingMatch.Status.DECLINED
        ).values_list("host_id", flat=True)
    )
    hosts = [h for h in round_hosts(round) if h.pk not in declined_by]
    capacities = {h.pk: h.capacity - h.live for h in hosts}  # type: ignore[attr-defined]
    try:
        _check_feasible([participant], hosts, capacities)
    except ValidationError as exc:
        raise ValidationError(
            _(
                "No possible host for %(name)s: the hosts outside their own administration "
                "who have not declined them are full. Add a host or raise a capacity, then "
                "match again."
            )
            % {"name": participant.person.full_name}
        ) from exc
    open_hosts = [h for h in hosts if capacities[h.pk] > 0]
    solution = _solve(
        matching_instance(
            round, participants=[participant], hosts=open_hosts, capacities=capacities
        ),
        [participant],
        open_hosts,
    )
    host = next(h for h in open_hosts if str(h.pk) == solution["pairs"][str(participant.pk)])
    return _request(round, participant, host)


# --- dates and the calendar invitation --------------------------------------------------------


@transaction.atomic
def match_schedule(
    *,
    match: ShadowingMatch,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    place: str,
    by: User | None,
) -> ShadowingMatch:
    """Set (or change) the agreed time and place; both get a calendar invitation."""
    match = _lock_match(match)
    if match.status not in (ShadowingMatch.Status.ACCEPTED, ShadowingMatch.Status.SCHEDULED):
        raise ValidationError(_("Dates are agreed after the host has accepted the request."))
    if ends_at <= starts_at:
        raise ValidationError(_("The end must be after the start."))
    round = match.round
    local_start = timezone.localtime(starts_at, TZ).date()
    local_end = timezone.localtime(ends_at, TZ).date()
    if local_start < round.period_start or local_end > round.period_end:
        raise ValidationError(
            _("Choose dates within the round's period, %(start)s – %(end)s.")
            % {"start": f"{round.period_start:%Y-%m-%d}", "end": f"{round.period_end:%Y-%m-%d}"}
        )
    if not place.strip():
        raise ValidationError(_("Say where the participant meets the host."))
    changed = match.status == ShadowingMatch.Status.SCHEDULED
    if changed and (match.starts_at, match.ends_at, match.place) == (starts_at, ends_at, place):
        return match
    if changed:
        match.sequence += 1
    match.status = ShadowingMatch.Status.SCHEDULED
    match.starts_at, match.ends_at, match.place = starts_at, ends_at, place.strip()
    match.scheduled_by = by
    match.save(
        update_fields=["status", "starts_at", "ends_at", "place", "scheduled_by", "sequence"]
    )
    _send_invitations(match, changed=changed)
    return match


def match_event(match: ShadowingMatch) -> icalendar.Event:
    if match.starts_at is None or match.ends_at is None:
        raise ValueError("the match has no dates")
    host, person = match.host.person, match.participant.person
    edition = match.round.edition
    event = icalendar.Event()
    event.add("uid", f"shadowing-{match.uid}@{UID_DOMAIN}")
    event.add("sequence", match.sequence)
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    event.add("dtstart", timezone.localtime(match.starts_at, TZ))
    event.add("dtend", timezone.localtime(match.ends_at, TZ))
    event.add("summary", f"{_('Job shadowing')}: {person.full_name} – {host.full_name}")
    event.add("location", match.place)
    event.add(
        "description",
        f"{_('Programme')}: {edition.programme.name}\n{_('Edition')}: {edition.name}",
    )
    event.add(
        "url",
        settings.SITE_URL.rstrip("/") + reverse("shadowing_round_detail", args=[match.round_id]),
    )
    event.add("status", "CONFIRMED")
    organiser_name, organiser_email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = icalendar.vCalAddress(f"mailto:{organiser_email}")
    organizer.params["cn"] = icalendar.vText(organiser_name or "Plantskola")
    event.add("organizer", organizer)
    for who in (host, person):
        if not who.email:
            continue
        address = icalendar.vCalAddress(f"mailto:{who.email}")
        address.params["cn"] = icalendar.vText(who.full_name)
        address.params["role"] = icalendar.vText("REQ-PARTICIPANT")
        address.params["partstat"] = icalendar.vText("ACCEPTED")
        address.params["rsvp"] = icalendar.vText("FALSE")
        event.add("attendee", address)
    return event


def match_ics(match: ShadowingMatch) -> str:
    cal = _calendar(method="REQUEST")
    cal.add_component(match_event(match))
    return _to_ical(cal).decode()


def _send_invitations(match: ShadowingMatch, *, changed: bool) -> None:
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
                + reverse("shadowing_round_detail", args=[match.round_id]),
            },
            attachments=[("skuggning.ics", ics, INVITATION_MIME)],
        )
