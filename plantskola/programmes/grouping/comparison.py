"""Reading drafts: their proposal, who moves when one is applied, and the figures that
compare drafts side by side (sizes, spread over units, administrations and genders,
management teams kept together), all from `scores.py` and the engine's checker."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from plantskola.programmes.grouping.instance import management_teams
from plantskola.programmes.grouping.proposal import Proposal, group_names, proposal_is_current
from plantskola.programmes.grouping.scores import Score, proposal_score
from plantskola.programmes.grouping.selectors import Member, edition_groups
from plantskola.programmes.models import Edition, GroupingDraft


def draft_proposal(draft: GroupingDraft) -> Proposal | None:
    """The draft's proposal, or None while the engine runs, after it failed, or when the
    stored proposal cannot be read."""
    if draft.state != GroupingDraft.State.READY or not draft.proposal:
        return None
    try:
        return Proposal.from_dict(draft.proposal)
    except (KeyError, TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Move:
    member: Member
    before: str  # the group's name now, "" without a group
    after: str


def draft_moves(*, edition: Edition, members: list[Member], proposal: Proposal) -> list[Move]:
    """Who changes group if the proposal is applied: the proposal's groups are the edition's
    groups in order, then new ones (as `services.grouping_save` creates them)."""
    existing = edition_groups(edition)
    names = group_names([g.name for g in existing], proposal.settings.group_count)
    by_id = {g.pk: g.name for g in existing}
    target_ids = [g.pk for g in existing[: proposal.settings.group_count]]
    moves = []
    for m in members:
        index = proposal.assignment[m.id]
        target = target_ids[index] if index < len(target_ids) else None
        if target is None or m.current_group_id != target:
            before = by_id.get(m.current_group_id or 0, "")
            moves.append(Move(m, before, names[index]))
    return moves


@dataclass
class Figures:
    """One draft's column in the comparison."""

    draft: GroupingDraft
    current: bool  # still covers exactly the edition's participants
    score: Score
    sizes: list[int]
    spread: dict[str, float]  # attribute → mean number of distinct values per group
    teams_total: int  # management teams among the participants, whatever the choices said
    teams_together: int
    moves: int


SPREAD = ("unit", "administration", "gender")


def draft_figures(
    *, edition: Edition, members: list[Member], draft: GroupingDraft
) -> Figures | None:
    proposal = draft_proposal(draft)
    if proposal is None:
        return None
    current = proposal_is_current(members=members, proposal=proposal)
    known = [m for m in members if m.id in proposal.assignment]
    groups = proposal.groups()
    sizes = [len(g) for g in groups]
    by_id = {m.id: m for m in known}
    spread = {}
    for attr in SPREAD:
        distinct = [len({getattr(by_id[pid], attr) for pid in g if pid in by_id}) for g in groups]
        spread[attr] = sum(distinct) / len(distinct) if distinct else 0.0
    teams = management_teams(known)
    together = sum(1 for t in teams if len(Counter(proposal.assignment[pid] for pid in t)) == 1)
    return Figures(
        draft=draft,
        current=current,
        score=proposal_score(members=known, proposal=proposal) if current else Score(0.0, None),
        sizes=sizes,
        spread=spread,
        teams_total=len(teams),
        teams_together=together,
        moves=len(draft_moves(edition=edition, members=members, proposal=proposal))
        if current
        else 0,
    )
