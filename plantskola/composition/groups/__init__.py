"""Groups: the maximally diverse grouping problem (MDGP) with side constraints.

Method, after Lai & Hao's iterated tabu / iterated maxima search and Gallego et al.'s
tabu search for the MDGP, with *move* (one node to another group, when size ranges
allow) and *swap* (two nodes trade groups) neighbourhoods. Every delta comes from a
person-to-group sum matrix `ST[g, u] = Σ_{v in g} d(u, v)` (the gain matrix), so a move or
swap is worth an O(1) expression of it, and applying one updates it in O(n):

- up to `TABU_MAX_NODES` nodes, iterated tabu search: each iteration evaluates the whole
  n×n swap-delta matrix in a few NumPy operations and takes the best non-tabu swap (a
  node may not re-enter the group it just left for a random tenure, unless that gives a
  new best); after `depth` iterations without a new best, restart from the best solution
  with a size-adapted random perturbation that grows while rounds bring nothing;
- up to `MATRIX_MAX_NODES` nodes, iterated maxima search: weak perturbations each
  followed by a *focused* descent that re-examines only the groups that changed (exact:
  a move or swap alters only its two groups' sums), until several local optima in a row
  bring nothing better; then a strong, size-adapted perturbation (θ·n/m steps, growing
  while the global best stalls) of that maxima search's best. Many cheap steps instead of
  few whole-matrix ones, which keeps it improving on large instances;
- above that (4,000 people), iterated descent: each node in turn takes its best swap or
  move (one vectorised row), random perturbations accepted when not worse, a strong
  perturbation from the best after long stagnation.

The choice (tabu below 300 nodes, maxima search above) is measured against a textbook
IMS in bench/composition/ (`versus_ims`). Everything is NumPy: a compiled extension would
have to build from the project's own files on every machine; the vectorised rows and
blocks were fast enough to beat the baseline at equal time.

Side constraints are handled structurally so that every visited solution is feasible:
together sets are contracted into weighted super-nodes (their internal distance is a
constant), pinned nodes never move, apart pairs are kept out of each other's group with
a count matrix (and a whole chain of apart partners changes sides at once, since single
swaps cannot cross it), and a swap or move that would break a group's own size range is
masked out.

Instances with at most `EXACT_MAX_PEOPLE` people are solved exactly by branch and bound
instead (a CP-SAT model of the same problem did not close the gap on 12 people in 10 s).
The reported bound is always a proven upper bound (see `upper_bound`); the search stops
as soon as it reaches it. `trace` records the best-so-far over time.

Modules: `objective` (the distances d and the objective), `bounds` (the upper bound),
`exact` (branch and bound), `nodes` (the contracted problem), `construct` (feasible
starts), `search` (the neighbourhoods, descents, tabu search and perturbation) and
`iterated` (the three metaheuristics); this one picks the method and assembles the result.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..arrays import FloatArray, IntArray
from ..feasibility import check_groups
from ..model import GroupsInstance
from .bounds import upper_bound
from .construct import cp_start, greedy_start
from .exact import branch_and_bound
from .iterated import iterated_local_search, iterated_maxima, iterated_tabu
from .nodes import Nodes
from .objective import distance_matrix, objective_of
from .search import MATRIX_MAX_NODES, Search

EXACT_MAX_PEOPLE = 12
# The metaheuristic: "auto" takes iterated tabu search up to TABU_MAX_NODES nodes (each
# step a whole n×n delta matrix: the strongest per step, affordable there) and iterated
# maxima search above (cheap focused steps, so many more of them); see the benchmark.
METHOD = "auto"
TABU_MAX_NODES = 300


@dataclass(frozen=True)
class GroupsResult:
    groups: tuple[tuple[str, ...], ...]
    objective: float
    bound: float | None
    status: str
    seconds: float
    # Best-so-far over time: (seconds since the start, objective) at each new best.
    trace: tuple[tuple[float, float], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": "groups",
            "groups": [list(g) for g in self.groups],
            "objective": self.objective,
            "bound": self.bound,
            "status": self.status,
            "seconds": round(self.seconds, 4),
            "trace": [[round(t, 4), v] for t, v in self.trace],
        }


def _result(
    inst: GroupsInstance,
    d: FloatArray,
    person_group: IntArray,
    bound: float | None,
    proven: bool,
    start: float,
    trace: list[tuple[float, float]] | None = None,
) -> GroupsResult:
    objective = objective_of(d, person_group, inst.group_count)
    if bound is not None:
        tolerance = 1e-9 * max(1.0, abs(bound))
        proven = proven or objective >= bound - tolerance
        bound = objective if proven else max(bound, objective)
    groups = tuple(
        tuple(inst.people[i].id for i in np.flatnonzero(person_group == g))
        for g in range(inst.group_count)
    )
    return GroupsResult(
        groups=groups,
        objective=objective,
        bound=bound,
        status="optimal" if proven else "feasible",
        seconds=time.monotonic() - start,
        trace=tuple(trace or [(time.monotonic() - start, objective)]),
    )


def solve_groups(
    inst: GroupsInstance,
    *,
    time_limit: float = 10.0,
    seed: int = 0,
    max_rounds: int | None = None,
) -> GroupsResult:
    """Best grouping found within `time_limit` seconds (always feasible), with a proven
    upper bound. Deterministic for a seed given the same number of perturbation rounds:
    pass `max_rounds` to make the result independent of machine speed."""
    start = time.monotonic()
    deadline = start + time_limit
    check_groups(inst)
    d = distance_matrix(inst)
    bound = upper_bound(inst, d)
    n = len(inst.people)

    if n <= EXACT_MAX_PEOPLE:
        found = branch_and_bound(inst, d, deadline)
        if found is not None and found[1]:
            return _result(inst, d, found[0], bound, True, start)

    rng = np.random.default_rng(seed)
    nodes = Nodes(inst, d)
    lows = np.array(inst.min_sizes, dtype=np.int64)
    highs = np.array(inst.max_sizes, dtype=np.int64)
    # A distance matrix of non-negative distances with size slack (MDGPLIB's ds
    # instances): start from uneven sizes, where the optimum lies (see greedy_start).
    uneven = inst.distances is not None and bool((lows < highs).any()) and bool((d >= 0).all())
    initial = greedy_start(nodes, lows, highs, rng, uneven=uneven)
    if initial is None:
        initial = cp_start(inst, nodes, max(1.0, deadline - time.monotonic()), seed)
    search = Search(nodes, lows, highs, initial, rng)
    # Stop once the bound is reached; the tolerance absorbs drift of the running objective.
    target = bound - nodes.constant - 1e-7 * max(1.0, abs(bound))

    trace: list[tuple[float, float]] = []

    def record(value: float) -> None:
        trace.append((time.monotonic() - start, value + nodes.constant))

    search.descent(deadline, sweep_first=True)
    while search.team_pass():
        search.descent(deadline)
    best = search.snapshot()
    record(best[4])
    if search.n > MATRIX_MAX_NODES:
        iterated_local_search(search, best, target, deadline, max_rounds, rng, record)
    elif METHOD == "tabu" or (METHOD == "auto" and search.n <= TABU_MAX_NODES):
        iterated_tabu(search, best, target, deadline, max_rounds, rng, record)
    else:
        iterated_maxima(search, best, target, deadline, max_rounds, rng, record)
    best = search.snapshot()
    search.restore(best)
    person_group = search.grp[nodes.node_of]
    return _result(inst, d, person_group, bound, False, start, trace)
