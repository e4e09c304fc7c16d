"""Groups: the maximally diverse grouping problem (MDGP) with side constraints.

Method, after Lai & Hao's iterated maxima search and Gallego et al.'s tabu search for
the MDGP: a descent over the *move* (one node to another group, when size ranges allow)
and *swap* (two nodes trade groups) neighbourhoods, with every candidate delta computed
incrementally from a person-to-group sum matrix `ST[g, u] = Σ_{v in g} d(u, v)`, so one
node's whole neighbourhood is a handful of vectorised NumPy operations. Local optima are
escaped by random perturbation (a few random swaps) and accepted when not worse; after a
long stagnation the search restarts from the best solution with a strong perturbation.

Side constraints are handled structurally so that every visited solution is feasible:
together sets are contracted into weighted super-nodes (their internal distance is a
constant), pinned nodes never move, apart pairs are kept out of each other's group with
a count matrix, and a swap or move that would break a size bound is masked out.

Instances with at most `EXACT_MAX_PEOPLE` people are solved exactly by CP-SAT instead.
The reported bound is always a proven upper bound (see `upper_bound`).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from ortools.sat.python import cp_model

from .errors import Infeasible
from .feasibility import check_groups, conflict_message, groups_conflict
from .model import GroupsInstance
from .scaling import integer_scale

EXACT_MAX_PEOPLE = 12


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


def upper_bound(inst: GroupsInstance, d: np.ndarray) -> float:
    """A proven upper bound on the objective: the smaller of a per-person bound on the
    whole matrix and the sum of per-criterion bounds (perfect spread for attributes)."""
    n = len(inst.people)
    count = inst.group_count
    kmin, kmax = max(0, min(inst.min_sizes) - 1), max(inst.max_sizes) - 1
    bounds = [_row_top_bound(d, kmin, kmax)]
    if inst.criteria:
        total = 0.0
        pairs_max = _pair_count_range(inst.min_sizes, inst.max_sizes, n)
        for crit in inst.criteria:
            if crit.weight <= 0:
                # Mixing weight ≤ 0 contributes at most 0 (no differing pairs at best).
                continue
            if crit.attribute is not None:
                values: dict[str, int] = {}
                for p in inst.people:
                    v = p.attributes.get(crit.attribute, "")
                    values[v] = values.get(v, 0) + 1
                # Same-value pairs are fewest when each value is spread evenly over the
                # groups; this relaxes sizes and other criteria, so it is a valid bound.
                same = 0
                for c in values.values():
                    q, r = divmod(c, count)
                    same += r * (q + 1) * q // 2 + (count - r) * q * (q - 1) // 2
                total += crit.weight * (pairs_max - same)
            elif crit.number is not None:
                x = np.sort(np.array([p.numbers[crit.number] for p in inst.people]))
                spread = float(x[-1] - x[0])
                if spread == 0:
                    continue
                # The k farthest values from any x lie among the k smallest and k largest.
                k = min(kmax, n)
                ends = x[np.unique(np.concatenate([np.arange(k), np.arange(n - k, n)]))]
                far = np.abs(x[:, None] - ends[None, :])
                far = -np.sort(-far, axis=1)[:, :k]
                total += crit.weight / spread * float(_best_prefix(far, min(kmin, k), k).sum()) / 2
        bounds.append(total)
    return min(bounds)


# ---------------------------------------------------------------------------
# Exact CP-SAT for tiny instances


def _exact(
    inst: GroupsInstance, d: np.ndarray, time_limit: float, seed: int
) -> tuple[list[int], bool, float] | None:
    """(group of each person, proven optimal, proven bound) or None if nothing found."""
    n, count = len(inst.people), inst.group_count
    index = {p.id: i for i, p in enumerate(inst.people)}
    model = cp_model.CpModel()
    x = [[model.new_bool_var(f"x{i}_{g}") for g in range(count)] for i in range(n)]
    for i in range(n):
        model.add_exactly_one(x[i])
    for g in range(count):
        load = sum(x[i][g] for i in range(n))
        model.add(load >= inst.min_sizes[g])
        model.add(load <= inst.max_sizes[g])
    for members in inst.together:
        for m in members[1:]:
            for g in range(count):
                model.add(x[index[m]][g] == x[index[members[0]]][g])
    for a, b in inst.apart:
        for g in range(count):
            model.add_bool_or([x[index[a]][g].Not(), x[index[b]][g].Not()])
    for pid, g in inst.pinned.items():
        model.add(x[index[pid]][g] == 1)
    interchangeable = (
        not inst.pinned and len(set(zip(inst.min_sizes, inst.max_sizes, strict=True))) == 1
    )
    if interchangeable:
        # Groups are identical, so person i may be restricted to groups 0..i.
        for i in range(n):
            for g in range(i + 1, count):
                model.add(x[i][g] == 0)
    values = [float(d[i, j]) for i in range(n) for j in range(i + 1, n)]
    scale, exact = integer_scale(values)
    terms = []
    pair_slots = 0
    for i in range(n):
        for j in range(i + 1, n):
            w = round(float(d[i, j]) * scale)
            if w == 0:
                continue
            for g in range(count):
                y = model.new_bool_var(f"y{i}_{j}_{g}")
                if w > 0:
                    model.add_implication(y, x[i][g])
                    model.add_implication(y, x[j][g])
                else:
                    model.add_bool_or([x[i][g].Not(), x[j][g].Not(), y])
                terms.append(w * y)
                pair_slots += 1
    model.maximize(sum(terms))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit)
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = 2
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    assignment = [next(g for g in range(count) if solver.value(x[i][g])) for i in range(n)]
    pairs_max = _pair_count_range(inst.min_sizes, inst.max_sizes, n)
    slack = 0.0 if exact else 0.5 * pairs_max / scale
    return (
        assignment,
        status == cp_model.OPTIMAL and exact,
        solver.best_objective_bound / scale + slack,
    )


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
            self.ap = np.zeros((self.n, self.n), dtype=np.int64)
            for a, b in nodes.apart:
                self.ap[a, b] = self.ap[b, a] = 1
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
        """First-improvement sweeps, each node taking its best move or swap, until a
        sweep improves nothing (a local optimum of both neighbourhoods)."""
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

    def perturb(self, steps: int) -> None:
        """Random feasible swaps (and moves when sizes have slack), ignoring the objective."""
        if len(self.movable_idx) < 2:
            return
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
        bound = max(bound, objective)
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
        found = _exact(inst, d, max(0.1, deadline - time.monotonic()), seed)
        if found is not None:
            assignment, proven, exact_bound = found
            return _result(inst, d, np.array(assignment), min(bound, exact_bound), proven, start)

    rng = np.random.default_rng(seed)
    nodes = _Nodes(inst, d)
    lows = np.array(inst.min_sizes, dtype=np.int64)
    highs = np.array(inst.max_sizes, dtype=np.int64)
    initial = _construct(nodes, lows, highs, rng)
    if initial is None:
        initial = _cp_start(inst, nodes, max(1.0, deadline - time.monotonic()), seed)
    search = _Search(nodes, lows, highs, initial, rng)
    target = bound - nodes.constant - search.eps

    search.descent(deadline)
    best = search.snapshot()
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
    person_group = search.grp[nodes.node_of]
    return _result(inst, d, person_group, bound, False, start)
