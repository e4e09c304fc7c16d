"""Reads for job shadowing: the round's people and hosts, administrations, preferences, the
proposal, the request a personal link answers, and the round's and everyone's own pages."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from plantskola.access.base import UserLike
from plantskola.access.development import (
    shadowing_can_manage,
    shadowing_matches_for_user,
    shadowing_participants_for_user,
)
from plantskola.access.principal import principal
from plantskola.core.models import OrgUnit, Person
from plantskola.development.shadowing.models import (
    ShadowingHost,
    ShadowingMatch,
    ShadowingPreference,
    ShadowingRound,
)
from plantskola.programmes.models import Edition, Participant

TOP_KINDS = (OrgUnit.Kind.ADMINISTRATION, OrgUnit.Kind.COMPANY)


class Live(TypedDict):
    live: int


# A host with `live`, the number of its matches not declined, annotated by `round_hosts`.
# (The alias exists only for the type checker: `WithAnnotations` takes no TypedDict at run
# time.)
if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    HostWithLive = WithAnnotations[ShadowingHost, Live]


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


def admin_key(unit: OrgUnit | None) -> str:
    return str(unit.pk) if unit is not None else ""


def _by_name(participants: QuerySet[Participant]) -> QuerySet[Participant]:
    return participants.select_related("person__unit").order_by(
        "person__last_name", "person__first_name", "pk"
    )


def round_participants(round: ShadowingRound) -> QuerySet[Participant]:
    """All the round's participants: the edition's, withdrawn ones left out."""
    return _by_name(
        Participant.objects.filter(edition_id=round.edition_id).exclude(
            status=Participant.Status.WITHDRAWN
        )
    )


def round_hosts(round: ShadowingRound) -> list[HostWithLive]:
    """The hosts with `live` (matches not declined) annotated."""
    return list(
        ShadowingHost.objects.filter(round=round)
        .select_related("person__unit")
        .annotate(live=Count("matches", filter=~Q(matches__status=ShadowingMatch.Status.DECLINED)))
    )


def allowed_hosts(round: ShadowingRound, participant: Participant) -> list[HostWithLive]:
    """Hosts the participant may rank: everyone outside their own administration."""
    hosts = round_hosts(round)
    admins = administration_of([participant.person, *[h.person for h in hosts]])
    own = admin_key(admins[participant.person_id])
    return [
        h
        for h in hosts
        if admin_key(admins[h.person_id]) != own and h.person_id != participant.person_id
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


def match_was_wished(match: ShadowingMatch) -> bool:
    """Whether the participant ranked this host among their wishes; otherwise the coordinator
    (or the engine, for the coordinator) chose the host, and the host is told so."""
    return ShadowingPreference.objects.filter(
        round_id=match.round_id, participant_id=match.participant_id, host_id=match.host_id
    ).exists()


def live_match(round: ShadowingRound, participant: Participant) -> ShadowingMatch | None:
    return (
        ShadowingMatch.objects.filter(round=round, participant=participant)
        .exclude(status=ShadowingMatch.Status.DECLINED)
        .select_related("host__person")
        .first()
    )


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


def hash_token(token: str) -> str:
    """Only this hash of an answer link's secret is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def match_for_token(token: str) -> ShadowingMatch | None:
    """The request a link answers, if valid: known, not expired, not yet answered."""
    if not token or len(token) > 100:
        return None
    match = (
        ShadowingMatch.objects.select_related(
            "participant__person__unit", "host__person", "round__edition__programme"
        )
        .filter(token_hash=hash_token(token))
        .first()
    )
    if match is None or match.expires_on < timezone.localdate():
        return None
    if match.status != ShadowingMatch.Status.REQUESTED:
        return None
    return match


def current_preferences(round: ShadowingRound, participant: Participant) -> dict[str, object]:
    """The participant's wishes as the preference form's initial values."""
    return {
        f"choice_{p.rank}": str(p.host_id)
        for p in ShadowingPreference.objects.filter(round=round, participant=participant)
    }


# --- pages ----------------------------------------------------------------------------------


def round_page(user: UserLike, round: ShadowingRound) -> dict[str, object]:
    """The round page as the user may see it: each visible participant with their wishes and
    live match, the requests to the user as host, the declined requests and, for whoever runs
    the edition, the hosts, the proposal and who is still unmatched."""
    manage = shadowing_can_manage(user, round)
    participants = _by_name(shadowing_participants_for_user(user, round)).prefetch_related(
        Prefetch(
            "shadowing_preferences",
            queryset=ShadowingPreference.objects.filter(round=round).select_related("host__person"),
            to_attr="wishes",
        )
    )
    matches = list(
        shadowing_matches_for_user(user, round).select_related(
            "participant__person", "host__person"
        )
    )
    live = {m.participant_id: m for m in matches if m.is_live}
    rows = [{"participant": p, "wishes": p.wishes, "match": live.get(p.pk)} for p in participants]
    me = principal(user).person_id
    context: dict[str, object] = {
        "round": round,
        "edition": round.edition,
        "manage": manage,
        "rows": rows,
        "my_requests": [m for m in matches if m.host.person_id == me],
        "declined": [m for m in matches if not m.is_live],
        "Status": ShadowingRound.Status,
    }
    if manage:
        context["hosts"] = round_hosts(round)
        if round.status == ShadowingRound.Status.PROPOSED:
            context["pairs"] = proposal_pairs(round)
            proposal = round.proposal
            bound = proposal.get("bound")
            context["proposal"] = proposal
            context["percent"] = 100.0 * proposal["objective"] / bound if bound else None
        if round.status == ShadowingRound.Status.CONFIRMED:
            context["unmatched"] = [r for r in rows if r["match"] is None]
    return context


@dataclass
class OwnShadowing:
    """A participant's own matches and the rounds open for their wishes; a host's requests."""

    mine: list[ShadowingMatch]
    requests: list[ShadowingMatch]
    open_rounds: list[tuple[ShadowingRound, Participant]]


def own_shadowing(user: UserLike) -> OwnShadowing:
    me = principal(user).person_id
    if me is None:
        return OwnShadowing(mine=[], requests=[], open_rounds=[])
    base = ShadowingMatch.objects.select_related(
        "round__edition__programme", "participant__person__unit", "host__person__unit"
    ).order_by("-requested_at")
    return OwnShadowing(
        mine=list(base.filter(participant__person_id=me).exclude(status="declined")),
        requests=list(base.filter(host__person_id=me)),
        open_rounds=[
            (r, participant)
            for participant in Participant.objects.filter(person_id=me)
            .exclude(status=Participant.Status.WITHDRAWN)
            .select_related("edition")
            for r in ShadowingRound.objects.filter(
                edition_id=participant.edition_id,
                status__in=[ShadowingRound.Status.OPEN, ShadowingRound.Status.PROPOSED],
            )
        ],
    )
