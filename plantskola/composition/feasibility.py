"""Detect infeasible instances and name the constraints that conflict.

Cheap structural checks run first and give the clearest messages ("together[0] has 8
people but groups hold at most 6"). What they cannot see is found with CP-SAT: every
named constraint gets an enforcement literal, the solver reports a core of assumptions
that is already infeasible, and a deletion filter shrinks it to a minimal conflicting
subset, so the coordinator sees the two or three rules to relax rather than all of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from .errors import Infeasible
from .model import GroupsInstance

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

BuildFn = Callable[["cp_model.CpModel"], dict[str, "cp_model.IntVar"]]


def minimal_conflict(build: BuildFn, time_limit: float = 10.0) -> list[str] | None:
    """Names of a minimal infeasible subset of the enforced constraints `build` adds.

    Returns None when the constraints are satisfiable together (or the solver could not
    decide within the time limit).
    """
    from ortools.sat.python import cp_model  # imported on use: start-up time

    model = cp_model.CpModel()
    literals = build(model)
    names = list(literals)

    def infeasible_core(active: list[str]) -> list[str] | None:
        model.clear_assumptions()
        model.add_assumptions([literals[n] for n in active])
        solver = cp_model.CpSolver()
        # One worker: core extraction from assumptions needs the sequential search.
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = max(0.5, time_limit / 4)
        status = solver.solve(model)
        if status != cp_model.INFEASIBLE:
            return None
        indices = set(solver.sufficient_assumptions_for_infeasibility())
        core = [n for n in active if literals[n].index in indices]
        return core or active

    core = infeasible_core(names)
    if core is None:
        return None
    # Deletion filter: drop each constraint whose removal keeps the rest infeasible.
    i = 0
    while i < len(core):
        trial = core[:i] + core[i + 1 :]
        smaller = infeasible_core(trial) if trial else None
        if smaller is not None:
            core = [n for n in trial if n in set(smaller)]
        else:
            i += 1
    return core


def conflict_message(core: list[str], what: str) -> str:
    if len(core) == 1:
        return f"infeasible: {core[0]} cannot be satisfied ({what})"
    return f"infeasible: these constraints cannot all hold ({what}): " + "; ".join(core)


# ---------------------------------------------------------------------------
# groups


def check_groups(inst: GroupsInstance) -> None:
    """Raise `Infeasible` naming the conflict for the structural contradictions of a groups
    instance. Passing this check does not prove feasibility (bin packing of together sets
    with apart pairs is NP-hard); the solver falls back to `groups_conflict` for the rest."""
    n = len(inst.people)
    lows, highs = inst.min_sizes, inst.max_sizes
    count = len(lows)
    if inst.fixed_sizes and sum(lows) != n:
        raise Infeasible(
            ["groups"],
            f"infeasible: group sizes add up to {sum(lows)} but there are {n} people",
        )
    uniform = len(set(lows)) == 1 and len(set(highs)) == 1
    if sum(lows) > n:
        raise Infeasible(
            ["groups.min_size" if uniform else "groups.ranges"],
            f"infeasible: {count} groups of at least {lows[0]} need {sum(lows)} people, "
            f"there are {n}"
            if uniform
            else f"infeasible: the groups' minimum sizes add up to {sum(lows)}, "
            f"there are {n} people",
        )
    if sum(highs) < n:
        raise Infeasible(
            ["groups.max_size" if uniform else "groups.ranges"],
            f"infeasible: {count} groups of at most {highs[0]} hold {sum(highs)} people, "
            f"there are {n}"
            if uniform
            else f"infeasible: the groups' maximum sizes add up to {sum(highs)}, "
            f"there are {n} people",
        )

    # Overlapping together sets merge into one team.
    parent = {p.id: p.id for p in inst.people}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    team_sources: dict[str, list[int]] = defaultdict(list)
    for members in inst.together:
        for m in members[1:]:
            parent[find(m)] = find(members[0])
    for k, members in enumerate(inst.together):
        team_sources[find(members[0])].append(k)
    team_size: dict[str, int] = defaultdict(int)
    for p in inst.people:
        team_size[find(p.id)] += 1

    biggest = max(highs)
    for root, sources in team_sources.items():
        if team_size[root] > biggest:
            names = " + ".join(f"together[{k}]" for k in sources)
            raise Infeasible(
                [f"together[{k}]" for k in sources] + ["groups"],
                f"infeasible: {names} keeps {team_size[root]} people together but a group "
                f"holds at most {biggest}",
            )

    pins: dict[str, tuple[str, int]] = {}
    for pid, g in inst.pinned.items():
        root = find(pid)
        if root in pins and pins[root][1] != g:
            other, og = pins[root]
            teams = " + ".join(f"together[{k}]" for k in team_sources[root])
            raise Infeasible(
                [
                    f"pinned.{other}",
                    f"pinned.{pid}",
                    *(f"together[{k}]" for k in team_sources[root]),
                ],
                f"infeasible: {other} is pinned to group {og} and {pid} to group {g}, "
                f"but {teams} keeps them together",
            )
        pins[root] = (pid, g)
        if team_size[root] > highs[g]:
            raise Infeasible(
                [f"pinned.{pid}", "groups"],
                f"infeasible: {pid} is pinned to group {g} with {team_size[root]} people kept "
                f"together, but group {g} holds at most {highs[g]}",
            )

    for k, (a, b) in enumerate(inst.apart):
        ra, rb = find(a), find(b)
        if ra == rb:
            teams = " + ".join(f"together[{s}]" for s in team_sources[ra])
            raise Infeasible(
                [f"apart[{k}]", *(f"together[{s}]" for s in team_sources[ra])],
                f"infeasible: apart[{k}] separates {a} and {b}, but {teams} keeps them together",
            )
        if ra in pins and rb in pins and pins[ra][1] == pins[rb][1]:
            pa, pb = pins[ra][0], pins[rb][0]
            raise Infeasible(
                [f"apart[{k}]", f"pinned.{pa}", f"pinned.{pb}"],
                f"infeasible: apart[{k}] separates {a} and {b}, but pinned.{pa} and "
                f"pinned.{pb} put them both in group {pins[ra][1]}",
            )

    pinned_load: dict[int, int] = defaultdict(int)
    pinned_names: dict[int, list[str]] = defaultdict(list)
    for _root, (pid, g) in pins.items():
        pinned_load[g] += team_size[_root]
        pinned_names[g].append(f"pinned.{pid}")
    for g, load in pinned_load.items():
        if load > highs[g]:
            raise Infeasible(
                [*pinned_names[g], "groups"],
                f"infeasible: {load} people are pinned to group {g}, which holds at most "
                f"{highs[g]}",
            )


def groups_conflict(inst: GroupsInstance, time_limit: float) -> list[str] | None:
    """Minimal set of named groups constraints that cannot hold together, via CP-SAT."""
    index = {p.id: i for i, p in enumerate(inst.people)}
    n, count = len(inst.people), inst.group_count

    def build(model: cp_model.CpModel) -> dict[str, cp_model.IntVar]:
        x = [[model.new_bool_var(f"x{i}_{g}") for g in range(count)] for i in range(n)]
        for i in range(n):
            model.add_exactly_one(x[i])
        lits: dict[str, cp_model.IntVar] = {}
        sizes = model.new_bool_var("sizes")
        lits["groups (sizes)"] = sizes
        for g in range(count):
            load = sum(x[i][g] for i in range(n))
            model.add(load >= inst.min_sizes[g]).only_enforce_if(sizes)
            model.add(load <= inst.max_sizes[g]).only_enforce_if(sizes)
        for k, members in enumerate(inst.together):
            lit = model.new_bool_var(f"t{k}")
            lits[f"together[{k}]"] = lit
            first = index[members[0]]
            for m in members[1:]:
                for g in range(count):
                    model.add(x[index[m]][g] == x[first][g]).only_enforce_if(lit)
        for k, (a, b) in enumerate(inst.apart):
            lit = model.new_bool_var(f"a{k}")
            lits[f"apart[{k}] ({a}, {b})"] = lit
            for g in range(count):
                model.add_bool_or([x[index[a]][g].Not(), x[index[b]][g].Not()]).only_enforce_if(lit)
        for pid, g in inst.pinned.items():
            lit = model.new_bool_var(f"p{pid}")
            lits[f"pinned.{pid} = {g}"] = lit
            model.add(x[index[pid]][g] == 1).only_enforce_if(lit)
        return lits

    return minimal_conflict(build, time_limit)
