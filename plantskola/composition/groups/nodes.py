"""The contracted problem: together sets become weighted super-nodes.

Their internal distance is a constant; pins and apart pairs carry over to the nodes.
"""

from __future__ import annotations

import numpy as np

from ..arrays import FloatArray
from ..model import GroupsInstance


class Nodes:
    """Each person's node (`node_of`); each node's members, weight and pin; distances
    between nodes (`d`) plus the `constant` inside them; the apart pairs between nodes."""

    def __init__(self, inst: GroupsInstance, d: FloatArray) -> None:
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
