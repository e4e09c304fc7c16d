"""Which cells of a report table may be shown without revealing a small group.

A report about one question of one edition is a table: rows are the surveys (one per module or
session, using the same template), columns are the groups, each interior cell holds the answers
of one group to one survey, and the margins are row totals (a survey's result), column totals
(a group's result across the edition) and the grand total. Every number we publish — count,
mean, distribution, the list of free texts — is a *sum over interior cells* of that cell's
answers, so what a reader can compute from the published entries is exactly the linear span of
their indicator vectors (subtraction between reports, between filters, between a total and its
parts are all linear combinations).

Rule: for every set T of interior cells holding between 1 and k−1 answers, the indicator of T
must not lie in the span of the published entries (with empty cells counted as known). Then no
combination of reports reveals anything about fewer than k people.

`suppress` starts from the primary suppression (every entry with 1..k−1 answers), then audits
the rule exactly (integer Gaussian elimination, every small T enumerated) and hides more —
the smallest single entry whose removal breaks the derivation, else the cheapest rectangle of
cells completing a hidden cell's row and column (the classic 2-D complement) — until the
audit passes. It is computed once per (edition, question) over the whole
table, whatever a report shows, so every report and filter shows a subset of one audited
publication and they cannot be combined against each other.

Over time: an anonymous survey's results are published only once it has closed (so a reload
after one more answer shows nothing new), and a survey that closes later joins a table whose
earlier rows were already published. The later audit takes every sum the earlier publication
showed as `known`, so that what was shown then and what is shown now cannot be combined either.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations
from math import gcd

Key = tuple[str, Hashable, Hashable]  # ("cell", row, col) | ("row", row, None) | ...
GRAND: Key = ("all", None, None)


def cell(row: Hashable, col: Hashable) -> Key:
    return ("cell", row, col)


def row_total(row: Hashable) -> Key:
    return ("row", row, None)


def col_total(col: Hashable) -> Key:
    return ("col", None, col)


@dataclass(frozen=True)
class Suppression:
    hidden: frozenset[Key]
    threshold: int

    def shows(self, key: Key) -> bool:
        return key not in self.hidden


Vector = list[int]


def _reduce(vector: Vector, basis: list[tuple[int, Vector]]) -> Vector:
    v = list(vector)
    for pivot, row in basis:
        if v[pivot]:
            a, b = row[pivot], v[pivot]
            v = [a * x - b * y for x, y in zip(v, row, strict=True)]
            g = 0
            for x in v:
                g = gcd(g, x)
            if g > 1:
                v = [x // g for x in v]
    return v


def _basis(vectors: Sequence[Vector]) -> list[tuple[int, Vector]]:
    basis: list[tuple[int, Vector]] = []
    for vector in vectors:
        r = _reduce(vector, basis)
        pivot = next((i for i, x in enumerate(r) if x), None)
        if pivot is not None:
            basis.append((pivot, r))
    return basis


def _in_span(vector: Vector, basis: list[tuple[int, Vector]]) -> bool:
    return not any(_reduce(vector, basis))


class _Table:
    def __init__(
        self,
        rows: Sequence[Hashable],
        cols: Sequence[Hashable],
        counts: dict[Key, int],
        known: Sequence[Collection[tuple[Hashable, Hashable]]] = (),
    ) -> None:
        self.cells = [(r, c) for r in rows for c in cols]
        self.index = {rc: i for i, rc in enumerate(self.cells)}
        self.n = [counts.get(cell(r, c), 0) for r, c in self.cells]
        self.entries: dict[Key, Vector] = {}
        size = len(self.cells)
        for r, c in self.cells:
            v = [0] * size
            v[self.index[(r, c)]] = 1
            self.entries[cell(r, c)] = v
        for r in rows:
            self.entries[row_total(r)] = [1 if rc[0] == r else 0 for rc in self.cells]
        for c in cols:
            self.entries[col_total(c)] = [1 if rc[1] == c else 0 for rc in self.cells]
        self.entries[GRAND] = [1] * size
        # Sums published earlier (see `suppress`): known whatever this publication hides.
        self.known = [self.indicator([self.index[rc] for rc in sums]) for sums in known]

    def count(self, key: Key) -> int:
        return sum(n for n, x in zip(self.n, self.entries[key], strict=True) if x)

    def known_vectors(self, visible: set[Key]) -> list[Vector]:
        # Empty cells reveal nothing about anybody: treat them as known.
        known = [self.entries[k] for k in visible] + self.known
        known += [
            self.entries[cell(*rc)] for rc, n in zip(self.cells, self.n, strict=True) if n == 0
        ]
        return known

    def small_sets(self, k: int) -> Iterator[list[int]]:
        """Every set of non-empty cells with fewer than k answers in all."""
        small = [i for i, n in enumerate(self.n) if 0 < n < k]
        for size in range(1, len(small) + 1):
            found = False
            for combo in combinations(small, size):
                if sum(self.n[i] for i in combo) < k:
                    found = True
                    yield list(combo)
            if not found:
                return  # n ≥ 1 per cell: larger sets only grow

    def indicator(self, cells: list[int]) -> Vector:
        v = [0] * len(self.cells)
        for i in cells:
            v[i] = 1
        return v


def _violation(table: _Table, visible: set[Key], k: int) -> Vector | None:
    basis = _basis(table.known_vectors(visible))
    for cells in table.small_sets(k):
        target = table.indicator(cells)
        if _in_span(target, basis):
            return target
    return None


def suppress(
    rows: Sequence[Hashable],
    cols: Sequence[Hashable],
    counts: dict[Key, int],
    *,
    threshold: int,
    known: Sequence[Collection[tuple[Hashable, Hashable]]] = (),
) -> Suppression:
    """Decide which entries of a rows × cols table (with margins) to hide.

    `counts` maps `cell(row, col)` to the number of answers in that cell (missing = 0).
    `known` lists sums of cells that an earlier publication of part of this table already
    showed (see `published_sums`): they stay known whatever this one hides, so the audit counts
    them in, and the two publications together reveal no small group either.
    """
    k = threshold
    table = _Table(rows, cols, counts, known)
    hidden = {key for key in table.entries if 0 < table.count(key) < k}

    def order(key: Key) -> tuple[int, int]:
        kind = {"cell": 0, "col": 1, "row": 2, "all": 3}[key[0]]
        return (kind, table.count(key))

    while True:
        visible = set(table.entries) - hidden
        target = _violation(table, visible, k)
        if target is None:
            return Suppression(hidden=frozenset(hidden), threshold=k)
        candidates = sorted((key for key in visible if table.count(key) > 0), key=order)
        if not candidates:  # only earlier knowledge is left: show nothing new
            return Suppression(hidden=frozenset(table.entries), threshold=k)
        chosen: set[Key] = set()
        for key in candidates:
            if not _in_span(target, _basis(table.known_vectors(visible - {key}))):
                chosen = {key}
                break
        if not chosen:
            chosen = _rectangle(table, rows, cols, target, visible)
        if not chosen:  # cannot happen for rows × cols tables; stay safe regardless
            chosen = {candidates[0]}
        hidden |= chosen


def _rectangle(
    table: _Table,
    rows: Sequence[Hashable],
    cols: Sequence[Hashable],
    target: Vector,
    visible: set[Key],
) -> set[Key]:
    """The classic complement in two dimensions: for a hidden cell (r, c), the cheapest
    rectangle (r, c2), (r2, c), (r2, c2) whose hiding breaks the derivation of `target`."""
    r, c = table.cells[next(i for i, x in enumerate(target) if x)]
    options = []
    for r2 in rows:
        for c2 in cols:
            if r2 == r or c2 == c:
                continue
            corners = {cell(r, c2), cell(r2, c), cell(r2, c2)} & visible
            cost = sum(table.count(k) for k in corners)
            options.append((cost, len(corners), str(r2), str(c2), corners))
    for *_rank, corners in sorted(options, key=lambda o: o[:4]):
        if not _in_span(target, _basis(table.known_vectors(visible - corners))):
            return corners
    return set()


def published_sums(
    rows: Sequence[Hashable], cols: Sequence[Hashable], suppression: Suppression
) -> list[frozenset[tuple[Hashable, Hashable]]]:
    """What a publication of the rows × cols table showed, as sums of cells: the `known` of a
    later publication of a larger table that contains this one."""
    sums = []
    for r in rows:
        if suppression.shows(row_total(r)):
            sums.append(frozenset((r, c) for c in cols))
        for c in cols:
            if suppression.shows(cell(r, c)):
                sums.append(frozenset({(r, c)}))
    for c in cols:
        if suppression.shows(col_total(c)):
            sums.append(frozenset((r, c) for r in rows))
    if suppression.shows(GRAND):
        sums.append(frozenset((r, c) for r in rows for c in cols))
    return sums


def revealed(
    rows: Sequence[Hashable],
    cols: Sequence[Hashable],
    counts: dict[Key, int],
    visible: set[Key],
    cells: list[tuple[Hashable, Hashable]],
) -> bool:
    """Whether the sum over `cells` can be computed from the `visible` entries (for tests and
    audits of other publications)."""
    table = _Table(rows, cols, counts)
    target = table.indicator([table.index[rc] for rc in cells])
    return _in_span(target, _basis([table.entries[k] for k in visible]))
