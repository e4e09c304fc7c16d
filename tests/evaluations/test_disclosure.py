"""Suppression of small groups: primary, complementary, and audited against an independent
linear-algebra check (numpy ranks) on many random tables."""

from __future__ import annotations

import random
from itertools import combinations

import numpy as np
import pytest

from plantskola.evaluations import disclosure
from plantskola.evaluations.disclosure import GRAND, Key, cell, col_total, row_total, suppress


def _vectors(rows: list[str], cols: list[str]) -> dict[Key, np.ndarray]:
    cells = [(r, c) for r in rows for c in cols]
    out: dict[Key, np.ndarray] = {}
    for i, (r, c) in enumerate(cells):
        v = np.zeros(len(cells))
        v[i] = 1
        out[cell(r, c)] = v
    for r in rows:
        out[row_total(r)] = np.array([1.0 if rc[0] == r else 0.0 for rc in cells])
    for c in cols:
        out[col_total(c)] = np.array([1.0 if rc[1] == c else 0.0 for rc in cells])
    out[GRAND] = np.ones(len(cells))
    return out


def leaks(
    rows: list[str], cols: list[str], counts: dict[Key, int], hidden: set[Key], k: int
) -> list[tuple[tuple[str, str], ...]]:
    """Independent audit: every set of non-empty cells with fewer than k answers whose sum can
    be computed from what is shown (plus the empty cells, which reveal nothing)."""
    vectors = _vectors(rows, cols)
    shown = [v for key, v in vectors.items() if key not in hidden]
    shown += [vectors[cell(r, c)] for r in rows for c in cols if counts.get(cell(r, c), 0) == 0]
    known = np.array(shown) if shown else np.zeros((0, len(rows) * len(cols)))
    base_rank = np.linalg.matrix_rank(known) if len(shown) else 0
    small = [(r, c) for r in rows for c in cols if 0 < counts.get(cell(r, c), 0) < k]
    found = []
    for size in range(1, len(small) + 1):
        for combo in combinations(small, size):
            if sum(counts[cell(*rc)] for rc in combo) >= k:
                continue
            target = sum(vectors[cell(*rc)] for rc in combo)
            if np.linalg.matrix_rank(np.vstack([known, target])) == base_rank:
                found.append(combo)
    return found


def test_a_small_group_is_hidden_and_one_more_so_the_total_does_not_give_it_away() -> None:
    # Five groups, one of them with 3 answers: hiding it alone would let total − the other
    # four reveal it, so the next smallest group is hidden too.
    cols = ["G1", "G2", "G3", "G4", "G5"]
    counts = {
        cell("m", "G1"): 20,
        cell("m", "G2"): 3,
        cell("m", "G3"): 18,
        cell("m", "G4"): 9,
        cell("m", "G5"): 7,
    }
    s = suppress(["m"], cols, counts, threshold=5)
    assert cell("m", "G2") in s.hidden and cell("m", "G5") in s.hidden
    assert s.shows(row_total("m")) and s.shows(GRAND)
    assert s.shows(cell("m", "G1")) and s.shows(cell("m", "G3")) and s.shows(cell("m", "G4"))
    assert not leaks(["m"], cols, counts, set(s.hidden), 5)


def test_two_small_groups_together_below_the_threshold_need_a_third() -> None:
    cols = ["A", "B", "C", "D"]
    counts = {cell("m", "A"): 1, cell("m", "B"): 2, cell("m", "C"): 8, cell("m", "D"): 9}
    s = suppress(["m"], cols, counts, threshold=5)
    assert {cell("m", "A"), cell("m", "B"), cell("m", "C")} <= s.hidden
    assert s.shows(cell("m", "D"))


def test_nothing_is_hidden_when_every_group_is_large_enough() -> None:
    counts = {cell("m", g): 5 for g in "ABC"}
    assert suppress(["m"], list("ABC"), counts, threshold=5).hidden == frozenset()


def test_a_total_below_the_threshold_is_hidden_with_everything_in_it() -> None:
    counts = {cell("m", "A"): 2, cell("m", "B"): 2}
    s = suppress(["m"], ["A", "B"], counts, threshold=5)
    assert {cell("m", "A"), cell("m", "B"), row_total("m"), GRAND} <= s.hidden


def test_in_a_modules_by_groups_table_column_totals_cannot_reveal_a_hidden_cell() -> None:
    # Grupp 1 has 2 answers in module 1 and 8 in the others: without complementary
    # suppression, Grupp 1's total minus its visible modules would reveal module 1's cell.
    rows, cols = ["M1", "M2", "M3", "M4"], ["G1", "G2", "G3", "G4", "G5"]
    counts = {cell(r, c): 8 for r in rows for c in cols}
    counts[cell("M1", "G1")] = 2
    s = suppress(rows, cols, counts, threshold=5)
    hidden = set(s.hidden)
    assert cell("M1", "G1") in hidden
    assert sum(1 for c in cols if cell("M1", c) in hidden) >= 2  # another in its row
    assert sum(1 for r in rows if cell(r, "G1") in hidden) >= 2  # another in its column
    assert not leaks(rows, cols, counts, hidden, 5)
    # ... and no more than the classic rectangle: four cells, every total still shown.
    assert len(hidden) == 4 and all(key[0] == "cell" for key in hidden)


@pytest.mark.parametrize("seed", range(60))
def test_random_tables_never_leak_a_small_group(seed: int) -> None:
    rng = random.Random(seed)
    k = rng.choice([3, 4, 5, 6])
    rows = [f"M{i}" for i in range(rng.randint(1, 5))]
    cols = [f"G{i}" for i in range(rng.randint(1, 5))]
    counts = {cell(r, c): rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 20]) for r in rows for c in cols}
    s = suppress(rows, cols, counts, threshold=k)
    assert not leaks(rows, cols, counts, set(s.hidden), k)
    # Every primary cell stays hidden; every shown cell has at least k answers or none.
    for key in set(_vectors(rows, cols)) - set(s.hidden):
        if key[0] == "cell":
            assert counts.get(key, 0) == 0 or counts[key] >= k


def _random_table(
    seed: int, surveys: int, groups: int
) -> tuple[list[str], list[str], dict[Key, int]]:
    rng = random.Random(seed)
    rows = [f"M{i}" for i in range(surveys)]
    cols = [f"G{i}" for i in range(groups)]
    counts = {
        cell(r, c): rng.choice([0, 1, 2, 3, 4] + [rng.randint(5, 20)] * 10)
        for r in rows
        for c in cols
    }
    return rows, cols, counts


@pytest.mark.parametrize("seed", range(12))
def test_the_fast_audit_hides_exactly_what_the_exact_one_does(seed: int) -> None:
    """The modular (NumPy) audit and the pure-Python exact one, on the same tables."""
    rng = random.Random(seed)
    rows, cols, counts = _random_table(seed, rng.randint(1, 4), rng.randint(2, 6))
    table = disclosure._Table(rows, cols, counts)
    fast = disclosure._suppress(table, rows, cols, 5, disclosure._modular)
    exact = disclosure._suppress(table, rows, cols, 5, disclosure._exact)
    assert fast.hidden == exact.hidden


@pytest.mark.parametrize("seed", range(2))
def test_a_scaled_edition_leaks_no_small_group(seed: int) -> None:
    """Five modules by thirty groups (an edition of about 600 participants): every small set
    of cells stays underivable, by the independent check (exact integer ranks via SymPy-free
    fraction-free elimination would be slow; the numpy rank of small 0/1 matrices is exact)."""
    rows, cols, counts = _random_table(100 + seed, 5, 30)
    s = suppress(rows, cols, counts, threshold=5)
    vectors = _vectors(rows, cols)
    shown = [v for key, v in vectors.items() if key not in s.hidden]
    shown += [vectors[cell(r, c)] for r in rows for c in cols if counts[cell(r, c)] == 0]
    known = np.array(shown)
    base = np.linalg.matrix_rank(known)
    small = [(r, c) for r in rows for c in cols if 0 < counts[cell(r, c)] < 5]
    checked = 0
    for size in range(1, 5):
        for combo in combinations(small, size):
            if sum(counts[cell(*rc)] for rc in combo) >= 5:
                continue
            target = sum(vectors[cell(*rc)] for rc in combo)
            assert np.linalg.matrix_rank(np.vstack([known, target])) > base, combo
            checked += 1
    assert checked > 100  # the table really has many small sets
