"""Feasible starting groupings: a greedy construction, CP-SAT when that fails."""

from __future__ import annotations

import numpy as np

from ..arrays import IntArray
from ..errors import Infeasible
from ..feasibility import conflict_message, groups_conflict
from ..model import GroupsInstance
from .nodes import Nodes


def greedy_start(
    nodes: Nodes,
    lows: IntArray,
    highs: IntArray,
    rng: np.random.Generator,
    *,
    uneven: bool = False,
) -> IntArray | None:
    """Greedy feasible start: pinned nodes first, then big teams and nodes with many apart
    partners, each into the group furthest below its target size that has no conflict.

    Target sizes are as even as the ranges allow, or with `uneven` as uneven as they allow
    (each spare place to the largest group with room, ties at random): when distances are
    positive the objective grows with Σ s(s−1)/2, so with size ranges that is where the
    optimum lies, and single moves cannot rearrange sizes wholesale later."""
    count = len(lows)
    total = int(nodes.weight.sum())
    target = lows.copy()
    left = total - int(target.sum())
    if uneven:
        tiebreak = rng.random(count)
        while left > 0:
            open_ = target < highs
            if not open_.any():
                return None
            g = int(np.argmax(np.where(open_, target + tiebreak, -np.inf)))
            step = min(left, int(highs[g] - target[g]))
            target[g] += step
            left -= step
    while left > 0:
        room = np.flatnonzero(target < highs)
        if not len(room):
            return None
        for slot in room:
            if left == 0:
                break
            target[slot] += 1
            left -= 1
    degree = np.zeros(nodes.count, dtype=np.int64)
    for a, b in nodes.apart:
        degree[a] += 1
        degree[b] += 1
    grp = np.full(nodes.count, -1, dtype=np.int64)
    load = np.zeros(count, dtype=np.int64)
    conflicts = np.zeros((count, nodes.count), dtype=np.int64)
    adj: list[list[int]] = [[] for _ in range(nodes.count)]
    for a, b in nodes.apart:
        adj[a].append(b)
        adj[b].append(a)

    def place(u: int, g: int) -> None:
        grp[u] = g
        load[g] += nodes.weight[u]
        for v in adj[u]:
            conflicts[g, v] += 1

    for u in np.flatnonzero(nodes.pin >= 0):
        place(int(u), int(nodes.pin[u]))
    free = np.flatnonzero(nodes.pin < 0)
    tiebreak = rng.random(len(free))
    order = free[np.lexsort((tiebreak, -degree[free], -nodes.weight[free]))]
    for u in order:
        w = nodes.weight[u]
        ok = conflicts[:, u] == 0
        fits = ok & (load + w <= target)
        if not fits.any():
            fits = ok & (load + w <= highs)
        if not fits.any():
            return None
        room = np.where(fits, target - load + rng.random(count) * 0.5, -np.inf)
        place(int(u), int(np.argmax(room)))
    if ((load < lows) | (load > highs)).any():
        return None
    return grp


def cp_start(inst: GroupsInstance, nodes: Nodes, time_limit: float, seed: int) -> IntArray:
    """Feasible start by CP-SAT when the greedy construction fails (tight bin packing);
    raises `Infeasible` with a minimal conflict when there is none."""
    from ortools.sat.python import cp_model  # imported on use: start-up time

    count = inst.group_count
    model = cp_model.CpModel()
    x = [[model.new_bool_var(f"x{u}_{g}") for g in range(count)] for u in range(nodes.count)]
    for u in range(nodes.count):
        model.add_exactly_one(x[u])
        if nodes.pin[u] >= 0:
            model.add(x[u][int(nodes.pin[u])] == 1)
    for g in range(count):
        load = sum(int(nodes.weight[u]) * x[u][g] for u in range(nodes.count))
        model.add(load >= inst.min_sizes[g])
        model.add(load <= inst.max_sizes[g])
    for a, b in nodes.apart:
        for g in range(count):
            model.add_bool_or([x[a][g].Not(), x[b][g].Not()])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.5, time_limit)
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = 2
    status = solver.solve(model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return np.array(
            [next(g for g in range(count) if solver.value(x[u][g])) for u in range(nodes.count)]
        )
    if status == cp_model.INFEASIBLE:
        core = groups_conflict(inst, time_limit)
        if core:
            raise Infeasible(core, conflict_message(core, "no grouping satisfies them"))
        raise Infeasible(["groups"], "infeasible: no grouping satisfies all constraints")
    raise Infeasible(
        ["time_limit"],
        "no feasible grouping found within the time limit (infeasibility not proven)",
    )
