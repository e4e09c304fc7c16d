"""The groups objective: pair distances d(i, j) and the sum of within-group distances."""

from __future__ import annotations

import numpy as np

from ..arrays import FloatArray, IntArray
from ..model import GroupsInstance


def distance_matrix(inst: GroupsInstance) -> FloatArray:
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


def objective_of(d: FloatArray, person_group: IntArray, count: int) -> float:
    """Σ over groups of the distances between every pair of members."""
    total = 0.0
    for g in range(count):
        members = np.flatnonzero(person_group == g)
        total += float(d[np.ix_(members, members)].sum()) / 2
    return total
