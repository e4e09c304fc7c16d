"""Matching: job-shadowing participants to host managers, maximum total score.

This is an assignment problem: expanding each host into `capacity` identical slots turns
it into a rectangular linear assignment, which scipy's Jonker–Volgenant solver answers
exactly in milliseconds. Pairs that share an attribute named in `different` are
forbidden. When no complete assignment exists, a maximum bipartite matching gives a Hall
violator: a set of participants whose allowed hosts have too little capacity, which is
the conflict we name.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from .arrays import BoolArray, FloatArray, IntArray
from .errors import Infeasible
from .model import MatchingInstance


@dataclass(frozen=True)
class MatchingResult:
    pairs: dict[str, str]
    objective: float
    bound: float | None
    status: str
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": "matching",
            "pairs": self.pairs,
            "objective": self.objective,
            "bound": self.bound,
            "status": self.status,
            "seconds": round(self.seconds, 4),
        }


def pair_scores(inst: MatchingInstance) -> FloatArray:
    """Score matrix participants × hosts: explicit scores where given, else preference rank."""
    host_index = {h.id: j for j, h in enumerate(inst.hosts)}
    score = np.zeros((len(inst.participants), len(inst.hosts)))
    for i, p in enumerate(inst.participants):
        k = len(p.preferences)
        for rank, hid in enumerate(p.preferences):
            score[i, host_index[hid]] = k - rank
        if inst.scores and p.id in inst.scores:
            for hid, value in inst.scores[p.id].items():
                score[i, host_index[hid]] = value
    return score


def allowed_pairs(inst: MatchingInstance) -> BoolArray:
    allowed = np.ones((len(inst.participants), len(inst.hosts)), dtype=bool)
    for attr in inst.different:
        pv = np.array([p.attributes.get(attr, "") for p in inst.participants], dtype=object)
        hv = np.array([h.attributes.get(attr, "") for h in inst.hosts], dtype=object)
        allowed &= pv[:, None] != hv[None, :]
    return allowed


def _hall_violator(inst: MatchingInstance, allowed: BoolArray, slot_host: IntArray) -> str:
    """Describe participants who together have less allowed capacity than their number."""
    # SciPy is imported on use: it costs a noticeable part of the command line's start-up.
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import maximum_bipartite_matching

    adjacency = csr_matrix(allowed[:, slot_host].astype(np.int8))
    match = maximum_bipartite_matching(adjacency, perm_type="column")  # participant → slot
    slot_owner = np.full(len(slot_host), -1)
    for i, s in enumerate(match):
        if s >= 0:
            slot_owner[s] = i
    unmatched = [i for i, s in enumerate(match) if s < 0]
    start = unmatched[0]
    # Alternating search from an unmatched participant: everyone reached competes for
    # the same saturated hosts (König / Hall).
    reached, hosts, frontier = {start}, set(), [start]
    while frontier:
        i = frontier.pop()
        for j in np.flatnonzero(allowed[i]):
            if j in hosts:
                continue
            hosts.add(int(j))
            for s in np.flatnonzero(slot_host == j):
                owner = int(slot_owner[s])
                if owner >= 0 and owner not in reached:
                    reached.add(owner)
                    frontier.append(owner)
    people = [inst.participants[i].id for i in sorted(reached)]
    capacity = sum(inst.hosts[j].capacity for j in hosts)
    rule = f"different: {', '.join(inst.different)}" if inst.different else "host capacities"
    host_names = ", ".join(inst.hosts[j].id for j in sorted(hosts)) or "none"
    shown = ", ".join(people[:10]) + (" …" if len(people) > 10 else "")
    return (
        f"infeasible: {len(people)} participants ({shown}) can only go to hosts "
        f"[{host_names}] with total capacity {capacity} ({rule})"
    )


def solve_matching(
    inst: MatchingInstance, *, time_limit: float = 10.0, seed: int = 0
) -> MatchingResult:
    """Proven-optimal assignment, or `Infeasible` naming the participants who cannot fit.

    `time_limit` and `seed` are accepted for a uniform API; the algorithm is exact,
    deterministic and far below any sensible time limit.
    """
    from scipy.optimize import linear_sum_assignment  # imported on use: start-up time

    del time_limit, seed
    start = time.monotonic()
    n = len(inst.participants)
    if n == 0:
        return MatchingResult({}, 0.0, 0.0, "optimal", time.monotonic() - start)
    total_capacity = sum(h.capacity for h in inst.hosts)
    if total_capacity < n:
        raise Infeasible(
            ["hosts.capacity"],
            f"infeasible: {n} participants but the hosts' capacities total {total_capacity}",
        )
    allowed = allowed_pairs(inst)
    score = pair_scores(inst)
    slot_host = np.repeat(np.arange(len(inst.hosts)), [h.capacity for h in inst.hosts])
    slot_allowed = allowed[:, slot_host]
    slot_score = score[:, slot_host]
    # Forbidden pairs cost more than any complete allowed assignment could gain, so the
    # solver uses one only when no complete allowed assignment exists.
    span = float(np.abs(score).max(initial=0.0)) * 2 * n + 1.0
    cost = np.where(slot_allowed, -slot_score, span)
    rows, cols = linear_sum_assignment(cost)
    if not slot_allowed[rows, cols].all():
        message = _hall_violator(inst, allowed, slot_host)
        raise Infeasible(["different", "hosts.capacity"], message)
    pairs = {
        inst.participants[i].id: inst.hosts[int(slot_host[s])].id
        for i, s in zip(rows.tolist(), cols.tolist(), strict=True)
    }
    objective = math.fsum(float(slot_score[i, s]) for i, s in zip(rows, cols, strict=True))
    return MatchingResult(pairs, objective, objective, "optimal", time.monotonic() - start)
