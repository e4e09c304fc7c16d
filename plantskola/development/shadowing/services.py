"""Writes for job shadowing. Each service is one transaction; every rule broken is named in a
ValidationError that changes nothing, and states cannot be skipped.

The coordinator opens a round, adds host managers from the roster (each with a capacity) and
participants rank the hosts they would like (never from their own administration). The
composition engine (`kind: matching`, `different: ["administration"]`) proposes the pairs with
the best total preference score; on confirmation each host gets a request with a personal link
to accept or decline. A decline re-matches that participant alone, among the hosts with room who
have not declined them. After acceptance the host or the coordinator enters the date and place,
and both get a calendar invitation whose UID stays and whose SEQUENCE goes up on each change.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plantskola.core.models import Person, User
from plantskola.development.shadowing.mail import invitations_send, request_send
from plantskola.development.shadowing.matching import check_feasible, matching_instance, solve_pairs
from plantskola.development.shadowing.models import (
    ShadowingHost,
    ShadowingMatch,
    ShadowingPreference,
    ShadowingRound,
)
from plantskola.development.shadowing.selectors import (
    allowed_hosts,
    hash_token,
    hosts_eligible,
    live_match,
    proposal_pairs,
    round_hosts,
    round_participants,
)
from plantskola.programmes.calendar.ics import TZ
from plantskola.programmes.models import Edition, Participant

REQUEST_DAYS = 14  # how long a host's answer link stays valid
MAX_PREFERENCES = 3


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
    *, round: ShadowingRound, participant: Participant, hosts: Sequence[ShadowingHost]
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


@transaction.atomic
def round_match(*, round: ShadowingRound) -> dict[str, Any]:
    """Ask the engine for the best pairs; the proposal waits for the coordinator's yes."""
    round = _lock(round)
    if round.status == ShadowingRound.Status.CONFIRMED:
        raise ValidationError(_("The matches are already confirmed and the requests sent."))
    participants = list(round_participants(round))
    hosts = round_hosts(round)
    check_feasible(participants, hosts, {h.pk: h.capacity for h in hosts})
    solution = solve_pairs(
        matching_instance(round, participants=participants, hosts=hosts), participants, hosts
    )
    proposal: dict[str, Any] = {
        "pairs": solution["pairs"],
        "objective": solution["objective"],
        "bound": solution["bound"],
        "status": solution["status"],
        "seconds": solution["seconds"],
        "first_choices": _first_choices(round, solution["pairs"]),
    }
    round.proposal = proposal
    round.status = ShadowingRound.Status.PROPOSED
    round.save(update_fields=["proposal", "status"])
    return proposal


def _first_choices(round: ShadowingRound, pairs: dict[str, str]) -> int:
    firsts = dict(
        ShadowingPreference.objects.filter(round=round, rank=1).values_list(
            "participant_id", "host_id"
        )
    )
    return sum(1 for p, h in pairs.items() if firsts.get(int(p)) == int(h))


def _request(
    round: ShadowingRound, participant: Participant, host: ShadowingHost
) -> ShadowingMatch:
    """Create the request and queue the host's e-mail with the personal answer link."""
    token = secrets.token_urlsafe(32)
    match = ShadowingMatch.objects.create(
        round=round,
        participant=participant,
        host=host,
        token_hash=hash_token(token),
        expires_on=timezone.localdate() + dt.timedelta(days=REQUEST_DAYS),
    )
    request_send(match=match, token=token)
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


def _lock_match(match: ShadowingMatch) -> ShadowingMatch:
    return ShadowingMatch.objects.select_for_update().select_related("round").get(pk=match.pk)


def _refuse_expired(match: ShadowingMatch) -> None:
    """A request is answered while it is valid; after that the coordinator matches again."""
    if match.expires_on < timezone.localdate():
        raise ValidationError(
            _("The request has expired; the coordinator can match the participant again.")
        )


@transaction.atomic
def match_accept(*, match: ShadowingMatch) -> ShadowingMatch:
    match = _lock_match(match)
    if match.status != ShadowingMatch.Status.REQUESTED:
        raise ValidationError(_("This request has already been answered."))
    _refuse_expired(match)
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
    _refuse_expired(match)
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
    capacities = {h.pk: h.capacity - h.live for h in hosts}
    try:
        check_feasible([participant], hosts, capacities)
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
    solution = solve_pairs(
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
    invitations_send(match=match, changed=changed)
    return match
