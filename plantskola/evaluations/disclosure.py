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

from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from math import gcd

import numpy as np
import numpy.typing as npt

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
        self.counts = {
            key: sum(n for n, x in zip(self.n, vector, strict=True) if x)
            for key, vector in self.entries.items()
        }

    def count(self, key: Key) -> int:
        return self.counts[key]

    def known_vectors(self, visible: set[Key]) -> list[Vector]:
        # Empty cells reveal nothing about anybody: treat them as known.
        known = [self.entries[k] for k in visible] + self.known
        known += [
            self.entries[cell(*rc)] for rc, n in zip(self.cells, self.n, strict=True) if n == 0
        ]
        return known

    def small_sets(self, k: int) -> Iterator[list[int]]:
        """Every set of non-empty cells with fewer than k answers in all: by size, and within a
        size in the order of `itertools.combinations`, pruned as soon as a partial set (with at
        least one answer per cell still to choose) reaches k."""
        small = [i for i, n in enumerate(self.n) if 0 < n < k]
        counts = [self.n[i] for i in small]

        def extend(start: int, left: int, budget: int, chosen: list[int]) -> Iterator[list[int]]:
            if left == 0:
                yield list(chosen)
                return
            for j in range(start, len(small) - left + 1):
                if counts[j] + (left - 1) <= budget:
                    chosen.append(small[j])
                    yield from extend(j + 1, left - 1, budget - counts[j], chosen)
                    chosen.pop()

        for size in range(1, min(len(small), k - 1) + 1):
            found = False
            for combo in extend(0, size, k - 1, []):
                found = True
                yield combo
            if not found:
                return  # n ≥ 1 per cell: larger sets only grow

    def indicator(self, cells: list[int]) -> Vector:
        v = [0] * len(self.cells)
        for i in cells:
            v[i] = 1
        return v


# --- span tests ------------------------------------------------------------------------------
#
# Whether a sum over cells can be worked out from the published entries is a question of linear
# span over the rationals. `_ExactSpan` answers it with integer (fraction-free) elimination in
# pure Python; `_ModSpan` answers it in the field of integers modulo a prime with NumPy, which
# is orders of magnitude faster. Modulo p a rank can only drop, never grow, so once the final
# publication's known vectors have the same rank both ways, every "cannot be worked out" that
# the fast audit concluded holds exactly over the rationals too (if t were in the rational span
# it would be in the modular span). `suppress` runs fast and checks that at the end; in the
# (astronomically unlikely) event that the ranks differ, it runs again exactly.

PRIME = 33_554_393  # 2**25 - 39: products of two residues and their sums stay within int64


def _matrix(vectors: Sequence[Vector], size: int) -> npt.NDArray[np.int64]:
    return np.array(vectors, dtype=np.int64).reshape(len(vectors), size)


class Targets:
    """The sums a publication must not reveal (indicators of sets of small cells), as a list
    and once as a matrix: they do not change while `suppress` hides more."""

    def __init__(self, vectors: list[Vector], size: int) -> None:
        self.vectors = vectors
        self.matrix = _matrix(vectors, size)

    def __iter__(self) -> Iterator[Vector]:
        return iter(self.vectors)


class _ExactSpan:
    def __init__(self, vectors: Sequence[Vector]) -> None:
        self.basis = _basis(vectors)
        self.rank = len(self.basis)

    def contains(self, target: Vector) -> bool:
        return _in_span(target, self.basis)

    def first_contained(self, targets: Iterable[Vector]) -> Vector | None:
        return next((t for t in targets if self.contains(t)), None)


class _ModSpan:
    """The span of `vectors` modulo PRIME, in reduced row echelon form; with `track`, also the
    combination of the input vectors that makes each basis row, and the left null space."""

    def __init__(self, vectors: Sequence[Vector], size: int, *, track: bool = False) -> None:
        m = len(vectors)
        matrix = _matrix(vectors, size) % PRIME
        if track:
            matrix = np.hstack([matrix, np.eye(m, dtype=np.int64)])
        pivots: list[int] = []
        r = 0
        for c in range(size):
            if r == m:
                break
            below = np.nonzero(matrix[r:, c])[0]
            if below.size == 0:
                continue
            i = r + int(below[0])
            if i != r:
                matrix[[r, i]] = matrix[[i, r]]
            matrix[r] = (matrix[r] * pow(int(matrix[r, c]), PRIME - 2, PRIME)) % PRIME
            column = matrix[:, c].copy()
            column[r] = 0
            rows = np.nonzero(column)[0]
            if rows.size:
                update = (column[rows, None] * matrix[r][None, :]) % PRIME
                matrix[rows] = (matrix[rows] - update) % PRIME
            pivots.append(c)
            r += 1
        self.size = size
        self.rank = r
        self.pivots = np.array(pivots, dtype=np.int64)
        self.basis = matrix[:r, :size]
        self.float_basis = self.basis.astype(np.float64)
        self.combinations = matrix[:r, size:] if track else None
        self.null = matrix[r:, size:] if track else None

    def _residuals(self, targets: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        if self.rank == 0:
            return targets % PRIME
        coefficients = targets[:, self.pivots]
        if coefficients.size and coefficients.max() <= 1 and coefficients.min() >= 0:
            # Indicator targets: each product is a residue (< 2**25) and a sum of at most a few
            # thousand of them is exact in float64, where the product runs in BLAS.
            product = (coefficients.astype(np.float64) @ self.float_basis).astype(np.int64)
        else:
            product = coefficients @ self.basis
        return (targets - product % PRIME) % PRIME

    def contains(self, target: Vector) -> bool:
        return not self._residuals(np.array([target], dtype=np.int64)).any()

    def first_contained(self, targets: Iterable[Vector], chunk: int = 4096) -> Vector | None:
        if isinstance(targets, Targets):
            # Growing chunks: a violation is usually among the first (smallest) sets.
            start, size = 0, 32
            while start < len(targets.vectors):
                found = self._first(targets.vectors, targets.matrix, start, start + size)
                if found is not None:
                    return found
                start, size = start + size, min(size * 8, chunk)
            return None
        batch: list[Vector] = []
        for target in targets:
            batch.append(target)
            if len(batch) == chunk:
                found = self._first(batch, _matrix(batch, self.size), 0, len(batch))
                if found is not None:
                    return found
                batch = []
        return self._first(batch, _matrix(batch, self.size), 0, len(batch)) if batch else None

    def _first(
        self, targets: list[Vector], matrix: npt.NDArray[np.int64], start: int, stop: int
    ) -> Vector | None:
        zero = ~self._residuals(matrix[start:stop]).any(axis=1)
        hits = np.nonzero(zero)[0]
        return targets[start + int(hits[0])] if hits.size else None

    def essential(self, target: Vector) -> npt.NDArray[np.bool_]:
        """Per input vector: whether every way of writing `target` (in the span) uses it, i.e.
        whether leaving that vector out makes `target` impossible to work out."""
        if self.combinations is None or self.null is None:
            raise ValueError("essential() needs a span made with track=True")
        t = np.array(target, dtype=np.int64) % PRIME
        if self.rank:
            one_way = (t[self.pivots] @ self.combinations) % PRIME
        else:
            one_way = np.zeros(self.null.shape[1], dtype=np.int64)
        free = self.null.any(axis=0) if self.null.size else np.zeros(one_way.shape, bool)
        result: npt.NDArray[np.bool_] = (one_way != 0) & ~free
        return result


SpanFactory = Callable[[Sequence[Vector], int], "_ExactSpan | _ModSpan"]


def _exact(vectors: Sequence[Vector], size: int) -> _ExactSpan | _ModSpan:
    return _ExactSpan(vectors)


def _modular(vectors: Sequence[Vector], size: int) -> _ExactSpan | _ModSpan:
    return _ModSpan(vectors, size)


def _violation(
    table: _Table, visible: set[Key], span: SpanFactory, targets: Targets
) -> Vector | None:
    """The first set of small cells (see `small_sets`) whose sum the visible entries reveal."""
    return span(table.known_vectors(visible), len(table.cells)).first_contained(targets)


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
    table = _Table(rows, cols, counts, known)
    result = _suppress(table, rows, cols, threshold, _modular)
    visible = set(table.entries) - result.hidden
    vectors = table.known_vectors(visible)
    if _ModSpan(vectors, len(table.cells)).rank == _ExactSpan(vectors).rank:
        return result  # the fast audit's conclusions hold exactly (see above)
    return _suppress(table, rows, cols, threshold, _exact)


def _suppress(
    table: _Table,
    rows: Sequence[Hashable],
    cols: Sequence[Hashable],
    k: int,
    span: SpanFactory,
) -> Suppression:
    hidden = {key for key in table.entries if 0 < table.count(key) < k}

    def order(key: Key) -> tuple[int, int]:
        kind = {"cell": 0, "col": 1, "row": 2, "all": 3}[key[0]]
        return (kind, table.count(key))

    # The small sets do not change while entries are hidden: enumerate them once.
    targets = Targets([table.indicator(cells) for cells in table.small_sets(k)], len(table.cells))
    while True:
        visible = set(table.entries) - hidden
        target = _violation(table, visible, span, targets)
        if target is None:
            return Suppression(hidden=frozenset(hidden), threshold=k)
        candidates = sorted((key for key in visible if table.count(key) > 0), key=order)
        if not candidates:  # only earlier knowledge is left: show nothing new
            return Suppression(hidden=frozenset(table.entries), threshold=k)
        chosen: set[Key] = set()
        if span is _modular:
            # Every candidate at once: leaving out an entry breaks the derivation exactly when
            # every way of writing the target uses it.
            fixed = table.known_vectors(visible - set(candidates))
            tracked = _ModSpan(
                [table.entries[key] for key in candidates] + fixed,
                len(table.cells),
                track=True,
            )
            essential = tracked.essential(target)
            first = next((i for i, key in enumerate(candidates) if essential[i]), None)
            if first is not None:
                chosen = {candidates[first]}
        else:
            for key in candidates:
                if not span(table.known_vectors(visible - {key}), len(table.cells)).contains(
                    target
                ):
                    chosen = {key}
                    break
        if not chosen:
            chosen = _rectangle(table, rows, cols, target, visible, span)
        if not chosen:  # cannot happen for rows × cols tables; stay safe regardless
            chosen = {candidates[0]}
        hidden |= chosen


def _rectangle(
    table: _Table,
    rows: Sequence[Hashable],
    cols: Sequence[Hashable],
    target: Vector,
    visible: set[Key],
    span: SpanFactory = _exact,
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
        if not span(table.known_vectors(visible - corners), len(table.cells)).contains(target):
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
