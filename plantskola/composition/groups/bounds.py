"""A proven upper bound on the groups objective (reported as `bound`)."""

from __future__ import annotations

import heapq

import numpy as np

from ..arrays import FloatArray
from ..model import GroupsInstance


def _best_prefix(top: FloatArray, kmin: int, kmax: int) -> FloatArray:
    """Per row: max over k in [kmin, kmax] of the sum of the k largest entries of `top`
    (rows already sorted descending)."""
    prefix = np.concatenate([np.zeros((top.shape[0], 1)), np.cumsum(top, axis=1)], axis=1)
    return np.asarray(prefix[:, kmin : kmax + 1].max(axis=1))


def _row_top_bound(d: FloatArray, kmin: int, kmax: int) -> float:
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
    sizes, so filling one group to its maximum before the next is optimal). With groups of
    different ranges that greedy is not optimal, so there the minimums are dropped: filling
    the largest maximums first is optimal for the relaxed problem, an upper bound."""
    if len(set(lows)) > 1 or len(set(highs)) > 1:
        lows = (0,) * len(lows)
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


def upper_bound(inst: GroupsInstance, d: FloatArray) -> float:
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
