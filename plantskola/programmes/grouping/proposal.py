"""A grouping under way (`Proposal`), kept in the user's session until it is saved, and the
coordinator's moves, swaps and pins, each refused when it would break one of the rules."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from plantskola.programmes.grouping.instance import Built, GroupingSettings, build_instance
from plantskola.programmes.grouping.selectors import Member


@dataclass
class Proposal:
    """A grouping under way: JSON-serialisable, kept in the user's session."""

    settings: GroupingSettings
    assignment: dict[str, int]  # participant id → group index
    bound: float | None
    status: str
    seconds: float
    locked: list[int] = field(default_factory=list)
    pins: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["settings"] = self.settings.as_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Proposal:
        data = dict(data)
        data["settings"] = GroupingSettings.from_dict(data["settings"])
        data["assignment"] = {k: int(v) for k, v in data["assignment"].items()}
        data["pins"] = {k: int(v) for k, v in data.get("pins", {}).items()}
        proposal = cls(**data)
        count = proposal.settings.group_count
        if any(
            not 0 <= g < count for g in [*proposal.assignment.values(), *proposal.pins.values()]
        ):
            raise ValueError("group index out of range")
        return proposal

    def groups(self) -> list[list[str]]:
        out: list[list[str]] = [[] for _ in range(self.settings.group_count)]
        for pid, g in self.assignment.items():
            out[g].append(pid)
        return out


def _rule_breaks(
    *, built: Built, proposal: Proposal, assignment: dict[str, int], names: dict[str, str]
) -> list[str]:
    lo, hi = proposal.settings.sizes(len(assignment))
    sizes = Counter(assignment.values())
    problems = []
    for g in range(proposal.settings.group_count):
        if not lo <= sizes.get(g, 0) <= hi:
            problems.append(
                _("Group %(g)d would have %(n)d people; allowed are %(lo)d–%(hi)d.")
                % {"g": g + 1, "n": sizes.get(g, 0), "lo": lo, "hi": hi}
            )
    for team in built.teams:
        if len({assignment[pid] for pid in team}) > 1:
            problems.append(
                _("The management team of %(name)s would be split.") % {"name": names[team[0]]}
            )
    for a, b in built.apart:
        if assignment[a] == assignment[b]:
            problems.append(
                _("%(name)s would be in the same group as their manager %(boss)s.")
                % {"name": names[a], "boss": names[b]}
            )
    for pid, g in proposal.pins.items():
        if assignment.get(pid) != g:
            problems.append(
                _("%(name)s is pinned to group %(g)d.") % {"name": names[pid], "g": g + 1}
            )
    for g in proposal.locked:
        before = {pid for pid, h in proposal.assignment.items() if h == g}
        after = {pid for pid, h in assignment.items() if h == g}
        if before != after:
            problems.append(_("Group %(g)d is locked.") % {"g": g + 1})
    return problems


def assignment_check(
    *, members: list[Member], proposal: Proposal, assignment: dict[str, int]
) -> None:
    """Raise ValidationError with every rule of the proposal that `assignment` would break:
    group sizes, management teams, managers apart, pins and locked groups."""
    names = {m.id: m.name for m in members}
    built = build_instance(members=members, settings=proposal.settings, pins=proposal.pins)
    problems = _rule_breaks(built=built, proposal=proposal, assignment=assignment, names=names)
    if problems:
        raise ValidationError(problems)


def _change(*, members: list[Member], proposal: Proposal, assignment: dict[str, int]) -> Proposal:
    assignment_check(members=members, proposal=proposal, assignment=assignment)
    return replace(proposal, assignment=assignment)


def proposal_move(
    *, members: list[Member], proposal: Proposal, participant_id: str, group: int
) -> Proposal:
    """Move one person to another group; refused (ValidationError) when a rule would break."""
    if participant_id not in proposal.assignment or not 0 <= group < proposal.settings.group_count:
        raise ValidationError(_("Unknown participant or group."))
    assignment = {**proposal.assignment, participant_id: group}
    return _change(members=members, proposal=proposal, assignment=assignment)


def proposal_swap(
    *, members: list[Member], proposal: Proposal, first: str, second: str
) -> Proposal:
    """Two people trade groups; refused (ValidationError) when a rule would break."""
    if first not in proposal.assignment or second not in proposal.assignment:
        raise ValidationError(_("Unknown participant."))
    if proposal.assignment[first] == proposal.assignment[second]:
        raise ValidationError(_("The two people are already in the same group."))
    assignment = {
        **proposal.assignment,
        first: proposal.assignment[second],
        second: proposal.assignment[first],
    }
    return _change(members=members, proposal=proposal, assignment=assignment)


def proposal_pin(*, proposal: Proposal, participant_id: str, pinned: bool) -> Proposal:
    """Pin a person to the group they are in now (kept there when the engine re-runs)."""
    if participant_id not in proposal.assignment:
        raise ValidationError(_("Unknown participant."))
    pins = dict(proposal.pins)
    if pinned:
        pins[participant_id] = proposal.assignment[participant_id]
    else:
        pins.pop(participant_id, None)
    return replace(proposal, pins=pins)


def proposal_is_current(*, members: list[Member], proposal: Proposal) -> bool:
    """Whether the proposal still covers exactly the edition's participants."""
    return {m.id for m in members} == set(proposal.assignment)


def group_names(existing: list[str], count: int) -> list[str]:
    """Names of the proposal's groups: the existing groups in order, then "Grupp N"."""
    names = list(existing[:count])
    taken = set(existing)
    n = 1
    while len(names) < count:
        name = _("Group %(n)d") % {"n": n}
        if name not in taken:
            names.append(name)
            taken.add(name)
        n += 1
    return names
