"""The metaheuristics driving `Search`: iterated maxima search, iterated tabu search and
iterated descent."""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from .search import Search, Snapshot

# A tabu run ends after DEPTH_FACTOR·n iterations without a new best; the perturbation
# then makes between n / PERTURB_LOW and n / PERTURB_HIGH swaps.
DEPTH_FACTOR = 4
PERTURB_LOW = 20
PERTURB_HIGH = 8
# Iterated maxima search: weak perturbation steps, optima in a row without a better one
# that end a maxima search, strong perturbation steps per n/m, and how many maxima
# searches without a new global best double the strong perturbation.
WEAK_STEPS = 3
MAXIMA_DEPTH = 6
STRONG_FACTOR = 1.0
STALL_SCALE = 20.0
# With size ranges, this share of strong perturbations also shifts group sizes (`shift`).
SHIFT_SHARE = 0.5
SHIFT_TIMES = 2
WEAK_SHIFT_SHARE = 0.2


def iterated_tabu(
    search: Search,
    best: Snapshot,
    target: float,
    deadline: float,
    max_rounds: int | None,
    rng: np.random.Generator,
    record: Callable[[float], None],
) -> None:
    """Iterated tabu search: tabu search to a stagnation depth, then perturb the best
    solution and search again. Leaves the best solution found in `search`."""
    depth = max(200, DEPTH_FACTOR * search.n)
    rounds = stall = 0
    while time.monotonic() < deadline and best[4] < target:
        if max_rounds is not None and rounds >= max_rounds:
            break
        rounds += 1
        stall += 1
        value, snap = search.tabu(deadline, depth, best[4], target)
        if snap is not None and value > best[4]:
            best = snap
            record(best[4])
            stall = 0
        search.restore(best)
        if search.team_pass():
            search.descent(deadline)
            if search.obj > best[4] + search.eps:
                best = search.snapshot()
                record(best[4])
        # Size-adapted, and stronger while rounds bring nothing new (up to three times).
        grow = 1.0 + min(2.0, (stall - 1) / 2)
        low = max(2, int(grow * search.n / PERTURB_LOW))
        search.perturb(
            int(rng.integers(low, max(low + 1, int(grow * search.n / PERTURB_HIGH)) + 1))
        )
        if search.can_move and rng.random() < SHIFT_SHARE:
            search.shift(SHIFT_TIMES)
    search.restore(best)


def iterated_local_search(
    search: Search,
    best: Snapshot,
    target: float,
    deadline: float,
    max_rounds: int | None,
    rng: np.random.Generator,
    record: Callable[[float], None],
) -> None:
    """Iterated descent for instances too large for tabu on full delta matrices: perturb
    with a few random swaps, descend, accept when not worse; restart from the best with a
    strong perturbation after long stagnation. Leaves the best solution in `search`."""
    current = search.obj
    stall, rounds = 0, 0
    weak_max = max(3, search.n // 20)
    patience = max(50, search.n)
    while time.monotonic() < deadline and best[4] < target:
        if max_rounds is not None and rounds >= max_rounds:
            break
        rounds += 1
        before = search.snapshot()
        search.perturb(int(rng.integers(2, weak_max + 1)))
        search.descent(deadline)
        if search.team_pass():
            search.descent(deadline)
        if search.obj > best[4] + search.eps:
            best = search.snapshot()
            record(best[4])
            stall = 0
        else:
            stall += 1
        if search.obj >= current - search.eps:
            current = search.obj
        else:
            search.restore(before)
        if stall > patience:
            # Long stagnation: leave the basin of the best solution decisively.
            search.restore(best)
            search.perturb(max(weak_max, search.n // 4))
            search.descent(deadline)
            current = search.obj
            stall = 0
    search.restore(best)


def iterated_maxima(
    search: Search,
    best: Snapshot,
    target: float,
    deadline: float,
    max_rounds: int | None,
    rng: np.random.Generator,
    record: Callable[[float], None],
) -> None:
    """Iterated maxima search (after Lai & Hao 2016), on Plantskola's constrained
    neighbourhoods. A *maxima search* walks from local optimum to local optimum: a weak
    perturbation (`WEAK_STEPS` random feasible swaps or moves) and a focused descent that
    only re-examines the groups the perturbation touched, until `MAXIMA_DEPTH` optima in a
    row bring nothing better than its own best. Then a strong perturbation of that best
    (size-adapted: `STRONG_FACTOR · n / m` steps, growing while the global best stalls)
    starts the next maxima search. Unlike restarting from the global best, the walk keeps
    moving to new regions, which is what keeps the search improving with time. Teams and
    apart chains are relocated after each maxima search. Leaves the best in `search`."""
    base = max(2.0, STRONG_FACTOR * search.n / max(1, search.count))
    stall = rounds = 0
    while time.monotonic() < deadline and best[4] < target:
        if max_rounds is not None and rounds >= max_rounds:
            break
        rounds += 1
        local = search.snapshot()
        since = 0
        while since < MAXIMA_DEPTH and time.monotonic() < deadline:
            if search.can_move and rng.random() < WEAK_SHIFT_SHARE:
                search.shift(1)
            else:
                search.perturb(WEAK_STEPS)
            search.focused_descent(deadline)
            if search.obj > local[4] + search.eps:
                local = search.snapshot()
                since = 0
                if local[4] > best[4] + search.eps:
                    best = local
                    record(best[4])
                    stall = 0
                    if best[4] >= target:
                        break
            else:
                since += 1
        search.restore(local)
        if search.team_pass():
            search.descent(deadline)
            if search.obj > best[4] + search.eps:
                best = search.snapshot()
                record(best[4])
        stall += 1
        # Size-adapted strong perturbation: θ·n/m steps, up to three times that while the
        # global best has not moved for many maxima searches.
        strength = base * (1.0 + min(2.0, stall / STALL_SCALE))
        search.perturb(int(rng.integers(int(strength), int(1.5 * strength) + 1)))
        if search.can_move and rng.random() < SHIFT_SHARE:
            search.shift(SHIFT_TIMES)
        search.focused_descent(deadline)
    search.restore(best)
