"""The metaheuristics driving `Search`: iterated tabu search and iterated descent."""

from __future__ import annotations

import time

import numpy as np

from .search import Search, Snapshot

# A tabu run ends after DEPTH_FACTOR·n iterations without a new best; the perturbation
# then makes between n / PERTURB_LOW and n / PERTURB_HIGH swaps.
DEPTH_FACTOR = 4
PERTURB_LOW = 20
PERTURB_HIGH = 8


def iterated_tabu(
    search: Search,
    best: Snapshot,
    target: float,
    deadline: float,
    max_rounds: int | None,
    rng: np.random.Generator,
) -> None:
    """Iterated tabu search: tabu search to a stagnation depth, then perturb the best
    solution and search again. Leaves the best solution found in `search`."""
    depth = max(200, DEPTH_FACTOR * search.n)
    rounds = 0
    while time.monotonic() < deadline and best[4] < target:
        if max_rounds is not None and rounds >= max_rounds:
            break
        rounds += 1
        value, snap = search.tabu(deadline, depth, best[4], target)
        if snap is not None and value > best[4]:
            best = snap
        search.restore(best)
        if search.team_pass():
            search.descent(deadline)
            if search.obj > best[4] + search.eps:
                best = search.snapshot()
        search.perturb(
            int(rng.integers(max(2, search.n // PERTURB_LOW), max(3, search.n // PERTURB_HIGH) + 1))
        )
    search.restore(best)


def iterated_local_search(
    search: Search,
    best: Snapshot,
    target: float,
    deadline: float,
    max_rounds: int | None,
    rng: np.random.Generator,
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
