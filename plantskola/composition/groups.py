"""Groups: the maximally diverse grouping problem (MDGP) with side constraints.

Method, after Lai & Hao's iterated tabu / iterated maxima search and Gallego et al.'s
tabu search for the MDGP, with *move* (one node to another group, when size ranges
allow) and *swap* (two nodes trade groups) neighbourhoods. Every delta comes from a
person-to-group sum matrix `ST[g, u] = Σ_{v in g} d(u, v)`, updated in O(n) per move:

- up to `MATRIX_MAX_NODES` nodes, iterated tabu search: each iteration evaluates the whole
  n×n swap-delta matrix in a few NumPy operations and takes the best non-tabu swap (a
  node may not re-enter the group it just left for a random tenure, unless that gives a
  new best); after `depth` iterations without a new best, restart from the best solution
  with a random perturbation of a few swaps;
- above that (4,000 people), iterated descent: each node in turn takes its best swap or
  move (one vectorised row), random perturbations accepted when not worse, a strong
  perturbation from the best after long stagnation.

Side constraints are handled structurally so that every visited solution is feasible:
together sets are contracted into weighted super-nodes (their internal distance is a
constant), pinned nodes never move, apart pairs are kept out of each other's group with
a count matrix, and a swap or move that would break a size bound is masked out.

Instances with at most `EXACT_MAX_PEOPLE` people are solved exactly by branch and bound
instead (a CP-SAT model of the same problem did not close the gap on 12 people in 10 s).
The reported bound is always a proven upper bound (see `upper_bound`).
"""

from __future__ import annotations

import heapq
import math
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from ortools.sat.python import cp_model

from .errors import Infeasible
from .feasibility import check_groups, conflict_message, groups_conflict
from .model import GroupsInstance

EXACT_MAX_PEOPLE = 12
# Up to this many nodes the search evaluates whole n×n delta matrices per step.
MATRIX_MAX_NODES = 700
# Tabu tenure ≥ max(TENURE_MIN, n / TENURE_DIVISOR) (shorter tenures cycle on 60-person
# MDGP instances); a tabu run ends after DEPTH_FACTOR·n iterations without a
# new best; the perturbation then makes between n / PERTURB_LOW and n / PERTURB_HIGH swaps.
TENURE_DIVISOR = 20
TENURE_MIN = 6
DEPTH_FACTOR = 4
PERTURB_LOW = 20
PERTURB_HIGH = 8


@dataclass(frozen=True)
class GroupsResult:
    groups: tuple[tuple[str, ...], ...]
    objective: float
    bound: float | None
    status: str
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": "groups",
            "groups": [list(g) for g in self.groups],
            "objective": self.objective,
            "bound": self.bound,
            "status": self.status,
            "seconds": round(self.seconds, 4),
        }


# ---------------------------------------------------------------------------
# Distances and bounds


def distance_matrix(inst: GroupsInstance) -> np.ndarray:
    """d(i, j) as defined by the format, with a zero diagonal."""
    n = len(inst.people)
    if inst.distances is not None:
        d = np.array(inst.distances, dtype=float)
        np.fill_diagonal(d, 0.0)
        return d
    d = np.zeros((n, n))
    for crit in inst.criteria:
        if crit.attribute is not None:
            name = crit.attribute
            _, codes = np.unique(
                np.array([p.attributes.get(name, "") for p in inst.people], dtype=object),
                return_inverse=True,
            )
            d += crit.weight * (codes[:, None] != codes[None, :])
        elif crit.number is not None:
            x = np.array([p.numbers[crit.number] for p in inst.people])
            spread = float(x.max() - x.min())
            if spread > 0:
                d += (crit.weight / spread) * np.abs(x[:, None] - x[None, :])
    np.fill_diagonal(d, 0.0)
    return d


def _best_prefix(top: np.ndarray, kmin: int, kmax: int) -> np.ndarray:
    """Per row: max over k in [kmin, kmax] of the sum of the k largest entries of `top`
    (rows already sorted descending)."""
    prefix = np.concatenate([np.zeros((top.shape[0], 1)), np.cumsum(top, axis=1)], axis=1)
    return np.asarray(prefix[:, kmin : kmax + 1].max(axis=1))


def _row_top_bound(d: np.ndarray, kmin: int, kmax: int) -> float:
    """½ Σ_i max_k (sum of the k largest d(i, ·)): each person sits with at most k others,
    and each pair is counted from both ends. Rows may include the zero diagonal, which
    only weakens (never invalidates) the bound."""
    n = d.shape[0]
    k = min(kmax, n)
    total = 0.0
    for lo in range(0, n, 512):
        rows = d[lo : lo + 512]
        if k < n:
            part = -np.partition(-rows, k - 1, axis=1)[:, :k]
        else:
            part = rows.copy()
        part = -np.sort(-part, axis=1)
        total += float(_best_prefix(part, min(kmin, k), k).sum())
    return total / 2


def _pair_count_range(lows: tuple[int, ...], highs: tuple[int, ...], n: int) -> int:
    """Largest Σ_g C(s_g, 2) over size vectors within the bounds summing to n (convex in
    sizes, so filling one group to its maximum before the next is optimal)."""
    sizes = list(lows)
    left = n - sum(sizes)
    for g in sorted(range(len(sizes)), key=lambda g: -highs[g]):
        add = min(left, highs[g] - sizes[g])
        sizes[g] += add
        left -= add
    return sum(s * (s - 1) // 2 for s in sizes)


def _fewest_same_pairs(total: int, floors: list[int], count: int) -> int:
    """Fewest same-value pairs Σ_g C(c_g, 2) with Σ c_g = total and c_g ≥ floors[g]:
    water-filling from the floors, always topping up the emptiest group (C(c, 2) is
    convex, so this greedy is optimal)."""
    counts = sorted(floors + [0] * (count - len(floors)))
    left = total - sum(counts)
    heap = list(counts)
    heapq.heapify(heap)
    while left > 0:
        c = heapq.heappop(heap)
        # Raise the emptiest group to the next level in one step where possible.
        nxt = heap[0] if heap else c + left
        step = max(1, min(left, nxt - c + 1))
        heapq.heappush(heap, c + step)
        left -= step
    return sum(c * (c - 1) // 2 for c in heap)


def _team_floors(inst: GroupsInstance, attribute: str, value: str, count: int) -> list[int]:
    """How many people with `value` each together set forces into one group. Placing the
    sets in different groups spreads best, so these per-group floors keep the bound valid;
    when more sets share a value than there are groups, we drop the floors (weaker, valid)."""
    by_id = {p.id: p for p in inst.people}
    floors = []
    for members in inst.together:
        k = sum(1 for m in members if by_id[m].attributes.get(attribute, "") == value)
        if k > 1:
            floors.append(k)
    return floors if len(floors) <= count else []


def upper_bound(inst: GroupsInstance, d: np.ndarray) -> float:
    """A proven upper bound on the objective: the smaller of a per-person bound on the
    whole matrix and the sum of per-criterion bounds. Each per-criterion bound is the
    optimum of that criterion alone under relaxed constraints: an even spread of each
    attribute value (with together sets as floors), and for numbers the rearrangement
    bound below."""
    n = len(inst.people)
    count = inst.group_count
    kmin, kmax = max(0, min(inst.min_sizes) - 1), max(inst.max_sizes) - 1
    bounds = [_row_top_bound(d, kmin, kmax)]
    if inst.criteria:
        total = 0.0
        pairs_max = _pair_count_range(inst.min_sizes, inst.max_sizes, n)
        fixed = all(lo == hi for lo, hi in zip(inst.min_sizes, inst.max_sizes, strict=True))
        for crit in inst.criteria:
            if crit.weight <= 0:
                # A weight ≤ 0 contributes at most 0 (no differing pairs at best).
                continue
            if crit.attribute is not None:
                values: dict[str, int] = {}
                for p in inst.people:
                    v = p.attributes.get(crit.attribute, "")
                    values[v] = values.get(v, 0) + 1
                same = sum(
                    _fewest_same_pairs(c, _team_floors(inst, crit.attribute, v, count), count)
                    for v, c in values.items()
                )
                total += crit.weight * (pairs_max - same)
            elif crit.number is not None:
                x = np.sort(np.array([p.numbers[crit.number] for p in inst.people]))
                spread = float(x[-1] - x[0])
                if spread == 0:
                    continue
                if fixed:
                    # Within a group of size s sorted ascending, Σ_{i<j}|x_i − x_j| =
                    # Σ_b x_(b)·(2b − s + 1). Every grouping hands out the same multiset of
                    # coefficients, so pairing sorted values with sorted coefficients
                    # (rearrangement inequality) bounds them all.
                    coef = np.sort(
                        np.concatenate([2 * np.arange(s) - s + 1 for s in inst.min_sizes])
                    )
                    total += crit.weight / spread * float(np.dot(x, coef))
                else:
                    # The k farthest values from any x lie among the k smallest and largest.
                    k = min(kmax, n)
                    ends = x[np.unique(np.concatenate([np.arange(k), np.arange(n - k, n)]))]
                    far = np.abs(x[:, None] - ends[None, :])
                    far = -np.sort(-far, axis=1)[:, :k]
                    best = float(_best_prefix(far, min(kmin, k), k).sum())
                    total += crit.weight / spread * best / 2
        bounds.append(total)
    return min(bounds)


# ---------------------------------------------------------------------------
# Exact branch and bound for tiny instances


def _exact(inst: GroupsInstance, d: np.ndarray, deadline: float) -> tuple[np.ndarray, bool] | None:
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


# ---------------------------------------------------------------------------
# Contracted problem: together sets become weighted super-nodes


class _Nodes:
    def __init__(self, inst: GroupsInstance, d: np.ndarray) -> None:
        n = len(inst.people)
        index = {p.id: i for i, p in enumerate(inst.people)}
        parent = list(range(n))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for members in inst.together:
            for m in members[1:]:
                parent[find(index[m])] = find(index[members[0]])
        roots: dict[int, int] = {}
        node_of = np.empty(n, dtype=np.int64)
        for i in range(n):
            node_of[i] = roots.setdefault(find(i), len(roots))
        self.count = len(roots)
        self.node_of = node_of
        self.members: list[list[int]] = [[] for _ in range(self.count)]
        for i in range(n):
            self.members[int(node_of[i])].append(i)
        self.weight = np.array([len(m) for m in self.members], dtype=np.int64)
        self.pin = np.full(self.count, -1, dtype=np.int64)
        for pid, g in inst.pinned.items():
            self.pin[node_of[index[pid]]] = g
        if self.count == n:
            self.d = d
            self.constant = 0.0
        else:
            order = np.argsort(node_of, kind="stable")
            starts = np.searchsorted(node_of[order], np.arange(self.count))
            block = np.add.reduceat(
                np.add.reduceat(d[np.ix_(order, order)], starts, axis=0), starts, axis=1
            )
            self.constant = float(np.trace(block)) / 2
            np.fill_diagonal(block, 0.0)
            self.d = block
        self.apart = sorted(
            {
                (min(a, b), max(a, b))
                for a, b in (
                    (int(node_of[index[x]]), int(node_of[index[y]])) for x, y in inst.apart
                )
            }
        )


# ---------------------------------------------------------------------------
# Local search state


class _Search:
    def __init__(
        self,
        nodes: _Nodes,
        lows: np.ndarray,
        highs: np.ndarray,
        assignment: np.ndarray,
        rng: np.random.Generator,
    ) -> None:
        self.nodes = nodes
        self.d = nodes.d
        self.n = nodes.count
        self.count = len(lows)
        self.lows, self.highs = lows, highs
        self.w = nodes.weight
        self.uniform = bool((self.w == 1).all())
        self.can_move = bool((lows < highs).any())
        self.movable = nodes.pin < 0
        self.movable_idx = np.flatnonzero(self.movable)
        self.rng = rng
        self.eps = 1e-9 * max(1.0, float(np.abs(self.d).max(initial=0.0)))
        self.ar = np.arange(self.n)
        self.adj: list[list[int]] = [[] for _ in range(self.n)]
        for a, b in nodes.apart:
            self.adj[a].append(b)
            self.adj[b].append(a)
        self.has_apart = bool(nodes.apart)
        if self.has_apart:
            self.ap = np.zeros((self.n, self.n), dtype=np.int8)
            for a, b in nodes.apart:
                self.ap[a, b] = self.ap[b, a] = 1
        self.fixed = bool((lows == highs).all())
        self.has_negative = bool((self.d < 0).any())
        # Pairs that may never swap: pinned nodes, and teams of different size when every
        # group size is fixed.
        penalty = np.zeros((self.n, self.n)) if self.n <= MATRIX_MAX_NODES else np.zeros((0, 0))
        if self.n <= MATRIX_MAX_NODES:
            penalty[~self.movable, :] = -math.inf
            penalty[:, ~self.movable] = -math.inf
            if self.fixed and not self.uniform:
                penalty[self.w[:, None] != self.w[None, :]] = -math.inf
        self.static_penalty = penalty
        self.set_assignment(assignment)

    def set_assignment(self, assignment: np.ndarray) -> None:
        self.grp = assignment.astype(np.int64).copy()
        self.load = np.bincount(self.grp, weights=self.w, minlength=self.count).astype(np.int64)
        self.st = np.zeros((self.count, self.n))
        for g in range(self.count):
            members = np.flatnonzero(self.grp == g)
            if len(members):
                self.st[g] = self.d[members].sum(axis=0)
        self.ac = np.zeros((self.count, self.n), dtype=np.int64)
        for a, b in self.nodes.apart:
            self.ac[self.grp[a], b] += 1
            self.ac[self.grp[b], a] += 1
        self.obj = float(self.st[self.grp, self.ar].sum()) / 2

    def snapshot(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, float]:
        return self.grp.copy(), self.load.copy(), self.st.copy(), self.ac.copy(), self.obj

    def restore(self, snap: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, float]) -> None:
        grp, load, st, ac, obj = snap
        self.grp, self.load, self.st, self.ac, self.obj = (
            grp.copy(),
            load.copy(),
            st.copy(),
            ac.copy(),
            obj,
        )

    # -- moves ------------------------------------------------------------

    def move(self, u: int, h: int) -> None:
        g = int(self.grp[u])
        row = self.d[u]
        self.st[g] -= row
        self.st[h] += row
        for v in self.adj[u]:
            self.ac[g, v] -= 1
            self.ac[h, v] += 1
        self.load[g] -= self.w[u]
        self.load[h] += self.w[u]
        self.grp[u] = h

    def best_for(self, u: int) -> tuple[float, int, int]:
        """Best (delta, kind, target) for node u: kind 0 = move to group target,
        kind 1 = swap with node target; delta -inf when nothing is allowed."""
        g = int(self.grp[u])
        su = self.st[:, u]
        base = su[g]
        best, kind, target = -math.inf, -1, -1
        wu = int(self.w[u])
        if self.can_move and self.load[g] - wu >= self.lows[g]:
            md = su - base
            ok = self.load + wu <= self.highs
            ok[g] = False
            if self.has_apart:
                ok &= self.ac[:, u] == 0
            if ok.any():
                md = np.where(ok, md, -math.inf)
                h = int(np.argmax(md))
                best, kind, target = float(md[h]), 0, h
        grp = self.grp
        delta = su[grp] - base + self.st[g] - self.st[grp, self.ar] - 2.0 * self.d[u]
        ok = (grp != g) & self.movable
        if not self.uniform:
            dw = self.w - wu
            lg = self.load[g] + dw
            lh = self.load[grp] - dw
            ok &= (lg <= self.highs[g]) & (lg >= self.lows[g])
            ok &= (lh <= self.highs[grp]) & (lh >= self.lows[grp])
        if self.has_apart:
            apu = self.ap[u]
            ok &= (self.ac[grp, u] - apu == 0) & (self.ac[g] - apu == 0)
        delta = np.where(ok, delta, -math.inf)
        v = int(np.argmax(delta))
        if delta[v] > best:
            best, kind, target = float(delta[v]), 1, v
        return best, kind, target

    def apply(self, u: int, kind: int, target: int, delta: float) -> None:
        if kind == 0:
            self.move(u, target)
        else:
            g = int(self.grp[u])
            self.move(u, int(self.grp[target]))
            self.move(target, g)
        self.obj += delta

    def descent(self, deadline: float) -> None:
        if self.n <= MATRIX_MAX_NODES:
            self._descent_matrix(deadline)
        else:
            self._descent_sweep(deadline)

    def _descent_sweep(self, deadline: float) -> None:
        """First-improvement sweeps, each node taking its best move or swap, until a
        sweep improves nothing (a local optimum of both neighbourhoods). O(n) memory
        per step, for instances too large for the full delta matrix."""
        improved = True
        while improved:
            improved = False
            for u in self.rng.permutation(self.movable_idx):
                delta, kind, target = self.best_for(int(u))
                if delta > self.eps:
                    self.apply(int(u), kind, target, delta)
                    improved = True
                if time.monotonic() > deadline:
                    return

    def _swap_deltas(self) -> np.ndarray:
        """Δ[u, v] of swapping u and v for all pairs at once (-inf where not allowed):
        with A[v, u] = S[u, g_v] − S[u, g_u], Δ = A + Aᵀ − 2d."""
        own = self.st[self.grp, self.ar]
        a = self.st[self.grp] - own[None, :]
        delta = a + a.T
        delta -= 2.0 * self.d
        delta += self.static_penalty
        # Same-group "swaps" (Δ = −2d, 0 on the diagonal) change nothing; tabu search
        # would otherwise pick them as free non-moves.
        delta[self.grp[:, None] == self.grp[None, :]] = -math.inf
        if self.has_apart:
            b = self.ac[self.grp]  # b[v, u] = apart partners of u in v's group
            blocked = (b.T - self.ap > 0) | (b - self.ap > 0)
            delta[blocked] = -math.inf
        if not self.uniform and not self.fixed:
            dw = self.w[None, :] - self.w[:, None]  # load change of u's group when v enters
            lg = self.load[self.grp][:, None] + dw
            lh = self.load[self.grp][None, :] - dw
            bad = (lg < self.lows[self.grp][:, None]) | (lg > self.highs[self.grp][:, None])
            bad |= (lh < self.lows[self.grp][None, :]) | (lh > self.highs[self.grp][None, :])
            delta[bad] = -math.inf
        return delta

    def _move_deltas(self) -> np.ndarray:
        own = self.st[self.grp, self.ar]
        delta = self.st.T - own[:, None]
        ok = self.load[None, :] + self.w[:, None] <= self.highs[None, :]
        ok &= (self.load[self.grp] - self.w >= self.lows[self.grp])[:, None]
        ok &= self.movable[:, None]
        ok[self.ar, self.grp] = False
        if self.has_apart:
            ok &= self.ac.T == 0
        return np.where(ok, delta, -math.inf)

    def _descent_matrix(self, deadline: float) -> None:
        """Steepest descent on the full swap (and move) delta matrices. After each
        evaluation every improving swap whose two groups are untouched so far is applied:
        a swap only changes sums for its own two groups, so their deltas stay exact."""
        while time.monotonic() <= deadline:
            delta = self._swap_deltas()
            flat = np.flatnonzero(delta > self.eps)
            touched: set[int] = set()
            applied = False
            if len(flat):
                order = flat[np.argsort(-delta.ravel()[flat], kind="stable")]
                for cell in order[: 4 * self.count]:
                    u, v = divmod(int(cell), self.n)
                    g, h = int(self.grp[u]), int(self.grp[v])
                    if g in touched or h in touched:
                        continue
                    self.apply(u, 1, v, float(delta[u, v]))
                    touched.update((g, h))
                    applied = True
            if self.can_move:
                moves = self._move_deltas()
                mu, mh = (int(i) for i in np.unravel_index(int(np.argmax(moves)), moves.shape))
                g = int(self.grp[mu])
                if moves[mu, mh] > self.eps and g not in touched and mh not in touched:
                    self.apply(mu, 0, mh, float(moves[mu, mh]))
                    applied = True
            if not applied:
                return

    def tabu(
        self, deadline: float, depth: int, best_obj: float, goal: float = math.inf
    ) -> tuple[float, Any]:
        """Tabu search over swaps (and moves): each iteration takes the best non-tabu
        neighbour even when it is worse; a node may not return to the group it just left
        for `tenure` iterations unless that yields a new best (aspiration). Stops after
        `depth` iterations without a new best; returns the best (objective, snapshot)."""
        tabu_until = np.zeros((self.n, self.count), dtype=np.int64)
        best_snap: Any = None
        it = since = 0
        low = max(TENURE_MIN, self.n // TENURE_DIVISOR)
        while since < depth and time.monotonic() <= deadline and best_obj < goal:
            it += 1
            since += 1
            delta = self._swap_deltas()
            forbidden = tabu_until[:, self.grp] > it  # [u, v]: u may not enter v's group
            forbidden |= forbidden.T
            aspire = self.obj + delta > best_obj + self.eps
            delta[forbidden & ~aspire] = -math.inf
            cell = int(np.argmax(delta))
            u, v = divmod(cell, self.n)
            value, kind, target = float(delta[u, v]), 1, v
            if self.can_move:
                moves = self._move_deltas()
                blocked = (tabu_until > it) & ~(self.obj + moves > best_obj + self.eps)
                moves[blocked] = -math.inf
                mu, mh = (int(i) for i in np.unravel_index(int(np.argmax(moves)), moves.shape))
                if moves[mu, mh] > value:
                    u, value, kind, target = mu, float(moves[mu, mh]), 0, mh
            if value == -math.inf:
                break
            g = int(self.grp[u])
            if kind == 1:
                tabu_until[target, int(self.grp[target])] = it + low + int(self.rng.integers(low))
            tabu_until[u, g] = it + low + int(self.rng.integers(low))
            self.apply(u, kind, target, value)
            if self.obj > best_obj + self.eps:
                best_obj = self.obj
                best_snap = self.snapshot()
                since = 0
        return best_obj, best_snap

    # -- together sets of unequal size -------------------------------------

    def relocate(self, u: int, h: int) -> tuple[float, list[tuple[int, int]]] | None:
        """Move team u to group h and send back as many single people from h (the best
        ones for u's old group, chosen one by one) as u weighs, so sizes are unchanged.
        Swaps alone can never move a team when no equal-sized team is elsewhere.
        Returns (delta, undo log), or None when apart pairs or pins make it impossible."""
        g = int(self.grp[u])
        if h == g or (self.has_apart and self.ac[h, u] > 0):
            return None
        delta = float(self.st[h, u] - self.st[g, u])
        self.move(u, h)
        log = [(u, g)]
        for _ in range(int(self.w[u])):
            cand = np.flatnonzero((self.grp == h) & self.movable & (self.w == 1))
            if self.has_apart:
                cand = cand[self.ac[g, cand] == 0]
            if not len(cand):
                self.undo(log, 0.0)
                return None
            gains = self.st[g, cand] - self.st[h, cand]
            best = int(np.argmax(gains))
            delta += float(gains[best])
            self.move(int(cand[best]), g)
            log.append((int(cand[best]), h))
        self.obj += delta
        return delta, log

    def undo(self, log: list[tuple[int, int]], delta: float) -> None:
        for node, origin in reversed(log):
            self.move(node, origin)
        self.obj -= delta

    def team_pass(self) -> bool:
        """Relocate teams while that improves the objective; whether anything changed."""
        teams = np.flatnonzero((self.w > 1) & self.movable)
        if self.uniform or not len(teams):
            return False
        changed, improved = False, True
        while improved:
            improved = False
            for u in teams:
                for h in range(self.count):
                    done = self.relocate(int(u), h)
                    if done is None:
                        continue
                    if done[0] > self.eps:
                        improved = changed = True
                    else:
                        self.undo(done[1], done[0])
        return changed

    def perturb(self, steps: int) -> None:
        """Random feasible swaps (and moves when sizes have slack), ignoring the objective."""
        if len(self.movable_idx) < 2:
            return
        teams: np.ndarray = (
            np.flatnonzero((self.w > 1) & self.movable) if not self.uniform else np.zeros(0)
        )
        if len(teams) and self.rng.random() < 0.1:
            # Now and then carry a team elsewhere: swaps alone never move one.
            self.relocate(int(self.rng.choice(teams)), int(self.rng.integers(self.count)))
        done = tries = 0
        while done < steps and tries < 20 * steps:
            tries += 1
            u = int(self.rng.choice(self.movable_idx))
            g = int(self.grp[u])
            if self.can_move and self.rng.random() < 0.3:
                h = int(self.rng.integers(self.count))
                if self._move_ok(u, g, h):
                    self.obj += float(self.st[h, u] - self.st[g, u])
                    self.move(u, h)
                    done += 1
                continue
            v = int(self.rng.choice(self.movable_idx))
            h = int(self.grp[v])
            if g == h or not self._swap_ok(u, v, g, h):
                continue
            delta = float(
                self.st[h, u] - self.st[g, u] + self.st[g, v] - self.st[h, v] - 2 * self.d[u, v]
            )
            self.apply(u, 1, v, delta)
            done += 1

    def _move_ok(self, u: int, g: int, h: int) -> bool:
        wu = self.w[u]
        return bool(
            h != g
            and self.load[g] - wu >= self.lows[g]
            and self.load[h] + wu <= self.highs[h]
            and (not self.has_apart or self.ac[h, u] == 0)
        )

    def _swap_ok(self, u: int, v: int, g: int, h: int) -> bool:
        dw = self.w[v] - self.w[u]
        if dw:
            if not (self.lows[g] <= self.load[g] + dw <= self.highs[g]):
                return False
            if not (self.lows[h] <= self.load[h] - dw <= self.highs[h]):
                return False
        if self.has_apart:
            a = self.ap[u, v]
            if self.ac[h, u] - a or self.ac[g, v] - a:
                return False
        return True


# ---------------------------------------------------------------------------
# Construction


def _construct(
    nodes: _Nodes, lows: np.ndarray, highs: np.ndarray, rng: np.random.Generator
) -> np.ndarray | None:
    """Greedy feasible start: pinned nodes first, then big teams and nodes with many apart
    partners, each into the group furthest below its target size that has no conflict."""
    count = len(lows)
    total = int(nodes.weight.sum())
    target = lows.copy()
    left = total - int(target.sum())
    while left > 0:
        room = np.flatnonzero(target < highs)
        if not len(room):
            return None
        for g in room:
            if left == 0:
                break
            target[g] += 1
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


def _cp_start(inst: GroupsInstance, nodes: _Nodes, time_limit: float, seed: int) -> np.ndarray:
    """Feasible start by CP-SAT when the greedy construction fails (tight bin packing);
    raises `Infeasible` with a minimal conflict when there is none."""
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


# ---------------------------------------------------------------------------
# Driver


def _objective(d: np.ndarray, person_group: np.ndarray, count: int) -> float:
    total = 0.0
    for g in range(count):
        members = np.flatnonzero(person_group == g)
        total += float(d[np.ix_(members, members)].sum()) / 2
    return total


def _result(
    inst: GroupsInstance,
    d: np.ndarray,
    person_group: np.ndarray,
    bound: float | None,
    proven: bool,
    start: float,
) -> GroupsResult:
    objective = _objective(d, person_group, inst.group_count)
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
    )


Snapshot = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, float]


def _iterated_tabu(
    search: _Search,
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


def _iterated_local_search(
    search: _Search,
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
        found = _exact(inst, d, deadline)
        if found is not None and found[1]:
            return _result(inst, d, found[0], bound, True, start)

    rng = np.random.default_rng(seed)
    nodes = _Nodes(inst, d)
    lows = np.array(inst.min_sizes, dtype=np.int64)
    highs = np.array(inst.max_sizes, dtype=np.int64)
    initial = _construct(nodes, lows, highs, rng)
    if initial is None:
        initial = _cp_start(inst, nodes, max(1.0, deadline - time.monotonic()), seed)
    search = _Search(nodes, lows, highs, initial, rng)
    # Stop once the bound is reached; the tolerance absorbs drift of the running objective.
    target = bound - nodes.constant - 1e-7 * max(1.0, abs(bound))

    search.descent(deadline)
    while search.team_pass():
        search.descent(deadline)
    best = search.snapshot()
    if search.n <= MATRIX_MAX_NODES:
        _iterated_tabu(search, best, target, deadline, max_rounds, rng)
    else:
        _iterated_local_search(search, best, target, deadline, max_rounds, rng)
    best = search.snapshot()
    search.restore(best)
    person_group = search.grp[nodes.node_of]
    return _result(inst, d, person_group, bound, False, start)
