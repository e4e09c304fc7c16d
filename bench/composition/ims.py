"""A textbook Iterated Maxima Search (IMS) for the MDGP, the benchmark's reference peer.

After X. Lai and J.-K. Hao, "Iterated maxima search for the maximally diverse grouping
problem", European Journal of Operational Research 254 (2016) 780–800. Written from the
paper's description for this benchmark, separately from Plantskola's engine (it shares no
code with `plantskola.composition`), NumPy only:

- a random feasible start (every group filled to its minimum, the rest spread at random);
- a gain matrix `G[u, g] = Σ_{v in g} d(u, v)`, so a move (u to group h) is worth
  `G[u, h] − G[u, g]` and a swap (u ↔ v) `G[u, h] − G[u, g] + G[v, g] − G[v, h] − 2 d(u, v)`,
  each O(1), and applying a move updates G in O(n);
- local search: first improvement in the move neighbourhood, then the swap neighbourhood
  (each node's row of swap gains evaluated at once), until no move or swap improves;
- maxima search: local search, then a weak perturbation (`WEAK` random swaps) of the
  current solution, repeated until `ALPHA` rounds in a row bring no new best of this
  maxima search;
- strong perturbation of that maxima search's best: `θ · n / m` random swaps or moves
  (size-adapted), then the next maxima search; the best solution ever seen is kept.

Parameters: `WEAK`, `ALPHA` and `THETA` below. docs/composition-state-of-the-art.md
describes the paper's maxima search as ending after 3 rounds without improvement and its
strong perturbation as 1.5·n/m above n = 400; this baseline uses 5 and n/m throughout (the
benchmark table was measured so).

It handles distance matrices with per-group size ranges only (no together sets, apart
pairs or pins: MDGPLIB has none).

    best_labels, best_value, trace = ims(d, lows, highs, time_limit=5, seed=1)
"""

from __future__ import annotations

import time

import numpy as np
from numpy.typing import NDArray

WEAK = 3  # random swaps of the weak perturbation
ALPHA = 5  # maxima search ends after this many non-improving local optima in a row
THETA = 1.0  # strong perturbation: THETA * n / m random swaps or moves


class _State:
    def __init__(self, d: NDArray[np.float64], lows: NDArray[np.int64], highs: NDArray[np.int64]):
        self.d, self.lows, self.highs = d, lows, highs
        self.n, self.m = d.shape[0], len(lows)

    def load(self, labels: NDArray[np.int64]) -> None:
        self.lab = labels.copy()
        self.size = np.bincount(self.lab, minlength=self.m)
        onehot = np.zeros((self.n, self.m))
        onehot[np.arange(self.n), self.lab] = 1.0
        self.gain = self.d @ onehot  # gain[u, g] = Σ_{v in g} d(u, v)
        self.value = float(self.gain[np.arange(self.n), self.lab].sum()) / 2

    def move(self, u: int, h: int) -> None:
        g = int(self.lab[u])
        self.value += float(self.gain[u, h] - self.gain[u, g])
        self.gain[:, g] -= self.d[u]
        self.gain[:, h] += self.d[u]
        self.size[g] -= 1
        self.size[h] += 1
        self.lab[u] = h

    def swap(self, u: int, v: int) -> None:
        g, h = int(self.lab[u]), int(self.lab[v])
        self.move(u, h)
        self.move(v, g)


def _random_start(
    n: int, lows: NDArray[np.int64], highs: NDArray[np.int64], rng: np.random.Generator
) -> NDArray[np.int64]:
    slots = [g for g in range(len(lows)) for _ in range(int(lows[g]))]
    spare = [g for g in range(len(lows)) for _ in range(int(highs[g] - lows[g]))]
    rng.shuffle(spare)
    slots += spare[: n - len(slots)]
    labels = np.array(slots, dtype=np.int64)
    rng.shuffle(labels)
    return labels


def _local_search(s: _State, rng: np.random.Generator, deadline: float) -> None:
    eps = 1e-9
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        # Move neighbourhood (only when some sizes have slack).
        for u in rng.permutation(s.n):
            g = int(s.lab[u])
            if s.size[g] <= s.lows[g]:
                continue
            delta = s.gain[u] - s.gain[u, g]
            delta[s.size >= s.highs] = -np.inf
            delta[g] = -np.inf
            h = int(np.argmax(delta))
            if delta[h] > eps:
                s.move(int(u), h)
                improved = True
        # Swap neighbourhood: one row of swap gains per node.
        for u in rng.permutation(s.n):
            g = int(s.lab[u])
            gv = s.lab
            delta = (
                s.gain[u, gv] - s.gain[u, g] + s.gain[:, g] - s.gain[np.arange(s.n), gv]
            ) - 2.0 * s.d[u]
            delta[gv == g] = -np.inf
            v = int(np.argmax(delta))
            if delta[v] > eps:
                s.swap(int(u), v)
                improved = True


def _perturb(s: _State, steps: int, rng: np.random.Generator) -> None:
    done = tries = 0
    while done < steps and tries < 50 * steps:
        tries += 1
        u = int(rng.integers(s.n))
        g = int(s.lab[u])
        if rng.random() < 0.5:
            h = int(rng.integers(s.m))
            if h != g and s.size[g] > s.lows[g] and s.size[h] < s.highs[h]:
                s.move(u, h)
                done += 1
            continue
        v = int(rng.integers(s.n))
        if s.lab[v] != g:
            s.swap(u, v)
            done += 1


def ims(
    d: NDArray[np.float64],
    lows: NDArray[np.int64],
    highs: NDArray[np.int64],
    *,
    time_limit: float,
    seed: int,
) -> tuple[NDArray[np.int64], float, list[tuple[float, float]]]:
    """Best labels (group of each element), their value, and the best-so-far trace
    [(seconds, value), ...] of one IMS run."""
    start = time.monotonic()
    deadline = start + time_limit
    rng = np.random.default_rng(seed)
    s = _State(np.asarray(d, dtype=np.float64), lows, highs)
    s.load(_random_start(s.n, lows, highs, rng))
    best_lab, best_value = s.lab.copy(), -np.inf
    trace: list[tuple[float, float]] = []
    strong = max(2, int(THETA * s.n / s.m))
    while time.monotonic() < deadline:
        # Maxima search.
        ms_lab, ms_value, since = s.lab.copy(), -np.inf, 0
        while since < ALPHA and time.monotonic() < deadline:
            _local_search(s, rng, deadline)
            if s.value > ms_value + 1e-9:
                ms_lab, ms_value, since = s.lab.copy(), s.value, 0
                if ms_value > best_value + 1e-9:
                    best_lab, best_value = ms_lab.copy(), ms_value
                    trace.append((time.monotonic() - start, best_value))
            else:
                since += 1
            _perturb(s, WEAK, rng)
        # Strong perturbation of the maxima search's best.
        s.load(ms_lab)
        _perturb(s, strong, rng)
    return best_lab, float(best_value), trace
