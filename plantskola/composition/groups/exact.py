"""Exact branch and bound for tiny groups instances (up to the package's `EXACT_MAX_PEOPLE`)."""

from __future__ import annotations

import math
import time

import numpy as np

from ..arrays import FloatArray, IntArray
from ..model import GroupsInstance


def branch_and_bound(
    inst: GroupsInstance, d: FloatArray, deadline: float
) -> tuple[IntArray, bool] | None:
    """Best grouping by exhaustive branch and bound, and whether the search completed
    (which proves optimality). Identical groups are filled in canonical order, so each
    partition is visited once: 4 groups of 3 from 12 people is only 15,400 partitions."""
    n, count = len(inst.people), inst.group_count
    index = {p.id: i for i, p in enumerate(inst.people)}
    dist = d.tolist()
    lows, highs = list(inst.min_sizes), list(inst.max_sizes)
    team = list(range(n))
    for together_set in inst.together:
        root = min(index[m] for m in together_set)
        for m in together_set:
            team[index[m]] = root
    # A pin holds for the whole together set; its first member carries it.
    pin = [-1] * n
    for pid, g in inst.pinned.items():
        pin[team[index[pid]]] = g
    earlier_apart: list[list[int]] = [[] for _ in range(n)]
    for a, b in inst.apart:
        i, j = sorted((index[a], index[b]))
        earlier_apart[j].append(i)
    # Groups are interchangeable when their bounds match and nobody is pinned to them.
    pinned_groups = set(inst.pinned.values())
    class_of_key: dict[tuple[int, int], int] = {}
    class_groups: list[list[int]] = []
    group_class = [0] * count
    for g in range(count):
        key = (lows[g], highs[g]) if g not in pinned_groups else (-1 - g, -1 - g)
        if key not in class_of_key:
            class_of_key[key] = len(class_groups)
            class_groups.append([])
        group_class[g] = class_of_key[key]
        class_groups[group_class[g]].append(g)
    # Optimistic gain still to come from person k onwards (its best earlier partners).
    kmax = max(highs) - 1
    best_gain = [
        sum(sorted((max(0.0, dist[j][k]) for j in range(k)), reverse=True)[:kmax]) for k in range(n)
    ]
    rest = [0.0] * (n + 1)
    for k in range(n - 1, -1, -1):
        rest[k] = rest[k + 1] + best_gain[k]

    grp = [-1] * n
    load = [0] * count
    members: list[list[int]] = [[] for _ in range(count)]
    used = [0] * len(class_groups)
    best_value = -math.inf
    best_grp: list[int] | None = None
    complete = True
    steps = 0

    def dfs(k: int, value: float) -> None:
        nonlocal best_value, best_grp, complete, steps
        if k == n:
            if value > best_value:
                best_value, best_grp = value, grp.copy()
            return
        if value + rest[k] <= best_value + 1e-12:
            return
        steps += 1
        if steps % 4096 == 0 and time.monotonic() > deadline:
            complete = False
            raise TimeoutError
        if team[k] != k:
            options = [grp[team[k]]]
        elif pin[k] >= 0:
            options = [pin[k]]
        else:
            options = []
            for c, gs in enumerate(class_groups):
                options.extend(gs[: min(len(gs), used[c] + 1)])
        remaining = n - k - 1
        for g in options:
            if load[g] >= highs[g] or any(grp[j] == g for j in earlier_apart[k]):
                continue
            load[g] += 1
            if sum(max(0, lows[h] - load[h]) for h in range(count)) <= remaining:
                c = group_class[g]
                opened = load[g] == 1 and class_groups[c].index(g) == used[c]
                if opened:
                    used[c] += 1
                gain = sum(dist[j][k] for j in members[g])
                grp[k] = g
                members[g].append(k)
                dfs(k + 1, value + gain)
                members[g].pop()
                grp[k] = -1
                if opened:
                    used[c] -= 1
            load[g] -= 1

    try:
        dfs(0, 0.0)
    except TimeoutError:
        pass
    if best_grp is None:
        return None
    return np.array(best_grp), complete
