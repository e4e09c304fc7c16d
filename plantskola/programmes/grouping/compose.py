"""Asking the composition engine for groups, and saying in words why none can be made.

The engine returns groups and a proven upper bound; a re-run keeps the locked groups exactly as
they are and regroups everyone else.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from plantskola import composition
from plantskola.programmes.grouping.instance import Built, GroupingSettings, build_instance
from plantskola.programmes.grouping.proposal import Proposal
from plantskola.programmes.grouping.scores import instance_bound
from plantskola.programmes.grouping.selectors import Member

SEED = 0


class GroupingError(Exception):
    """The engine found no grouping (or could not read the input); `message` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def grouping_compose(
    *,
    members: list[Member],
    settings: GroupingSettings,
    pins: dict[str, int] | None = None,
    locked_from: Proposal | None = None,
    locked: list[int] | None = None,
) -> Proposal:
    """Ask the engine for groups. With `locked` group indices (of `locked_from`), those groups
    keep exactly their members and the engine groups everyone else into the other groups.
    Raises `GroupingError` with the conflict in words when no grouping satisfies the choices."""
    if not members:
        raise GroupingError(_("The edition has no participants to group."))
    count = settings.group_count
    if count < 1:
        raise GroupingError(_("Choose at least one group."))
    pins = {pid: g for pid, g in (pins or {}).items() if 0 <= g < count}
    locked = sorted({g for g in (locked or []) if 0 <= g < count}) if locked_from else []
    lo, hi = settings.sizes(len(members))
    if lo > hi:
        raise GroupingError(_("The smallest group size is larger than the largest."))
    full = build_instance(members=members, settings=settings, pins=pins)
    notes = list(full.notes)
    fixed: dict[str, int] = {}
    if locked and locked_from is not None:
        if len(locked) == count:
            raise GroupingError(_("Every group is locked: unlock at least one to re-run."))
        fixed = {pid: g for pid, g in locked_from.assignment.items() if g in locked}
    free_groups = [g for g in range(count) if g not in locked]
    free_members = [m for m in members if m.id not in fixed]
    sub_index = {g: i for i, g in enumerate(free_groups)}
    solve_pins = dict(pins)
    if settings.teams_in_first and full.teams:
        first = [g for g in range(min(settings.teams_in_first, count)) if g not in locked]
        teams = [t for t in full.teams if not any(pid in fixed for pid in t)]
        placed, left_out = _teams_first(teams, first, pins, hi)
        solve_pins = {**placed, **pins}
        if left_out:
            notes.append(
                _("%(n)d management teams did not fit in the first groups and may go anywhere.")
                % {"n": left_out}
            )
    sub_pins = {}
    for pid, g in solve_pins.items():
        if pid in fixed:
            continue
        if g not in sub_index:
            raise GroupingError(
                _("%(name)s is pinned to a locked group: unpin them or unlock the group.")
                % {"name": next(m.name for m in members if m.id == pid)}
            )
        sub_pins[pid] = sub_index[g]
    if not free_members:
        raise GroupingError(_("Everyone is in a locked group: unlock a group to re-run."))
    built = build_instance(
        members=free_members,
        settings=settings,
        pins=sub_pins,
        group_count=len(free_groups),
        sizes=(lo, hi),
    )
    # Rules that reach into a locked group hold already (the proposal respected them) or
    # cannot be repaired by a re-run; the engine sees the free part only.
    try:
        result = composition.solve(built.instance, time_limit=settings.time_limit, seed=SEED)
    except composition.Infeasible as exc:
        raise GroupingError(_explain(exc, built, members, settings, free_groups)) from exc
    except composition.MalformedInstance as exc:
        raise GroupingError(
            _("The choices could not be read by the engine (%(field)s).") % {"field": exc.field}
        ) from exc
    assignment = dict(fixed)
    for i, ids in enumerate(result["groups"]):
        for pid in ids:
            assignment[pid] = free_groups[i]
    bound: float | None = result["bound"]
    if fixed:
        # The engine's bound covers the free part only; the whole needs the whole's bound.
        bound = instance_bound(full.instance)
    return Proposal(
        settings=settings,
        assignment=assignment,
        bound=bound,
        status=result["status"],
        seconds=float(result["seconds"]),
        locked=locked,
        pins=pins,
        notes=notes,
    )


def _teams_first(
    teams: list[list[str]], first: list[int], pins: dict[str, int], capacity: int
) -> tuple[dict[str, int], int]:
    """Pin each management team (its head; the together set brings the rest) to one of the
    first groups, the largest team first into the emptiest group where it fits. Teams with a
    pinned member stay where that pin puts them. Returns the pins and how many teams did
    not fit."""
    load = dict.fromkeys(first, 0)
    placed: dict[str, int] = {}
    left_out = 0
    for team in sorted(teams, key=len, reverse=True):
        if any(pid in pins for pid in team):
            continue
        fits = [g for g in load if load[g] + len(team) <= capacity]
        if not fits:
            left_out += 1
            continue
        g = min(fits, key=lambda h: (load[h], h))
        load[g] += len(team)
        placed[team[0]] = g
    return placed, left_out


def _explain(
    exc: composition.Infeasible,
    built: Built,
    members: list[Member],
    settings: GroupingSettings,
    free_groups: list[int],
) -> str:
    names = {m.id: m.name for m in members}
    spec = built.instance["groups"]
    parts: list[str] = []
    for conflict in exc.conflicts:
        if conflict.startswith("groups"):
            text = _(
                "the group sizes (%(k)d groups of %(lo)d–%(hi)d people for %(n)d participants)"
            ) % {
                "k": spec["count"],
                "lo": spec["min_size"],
                "hi": spec["max_size"],
                "n": len(built.instance["people"]),
            }
        elif match := re.match(r"together\[(\d+)\]", conflict):
            text = built.together_labels[int(match.group(1))]
        elif match := re.match(r"apart\[(\d+)\]", conflict):
            text = built.apart_labels[int(match.group(1))]
        elif match := re.match(r"pinned\.(\S+)", conflict):
            pid = match.group(1)
            g = built.instance["pinned"].get(pid, 0)
            text = _("pinning %(name)s to group %(g)d") % {
                "name": names.get(pid, pid),
                "g": free_groups[g] + 1 if g < len(free_groups) else g + 1,
            }
        else:
            text = conflict
        if text not in parts:
            parts.append(text)
    if not parts:
        return _("No grouping that satisfies all the choices was found within the time limit.")
    return _("No grouping satisfies all the choices. These conflict: %(list)s.") % {
        "list": "; ".join(parts)
    }
