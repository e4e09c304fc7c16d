"""`python -m bench.disclosure`: the small-cell audit (`evaluations.disclosure.suppress`) on
report tables of the sizes a municipality's editions give, the fast (modular, NumPy) audit
against the exact (pure-Python integer) one; medians of 3 random tables per size, and a check
that both hide the same entries."""

from __future__ import annotations

import random
import statistics
import sys
import time

from plantskola.evaluations import disclosure

SIZES = [(4, 5), (5, 15), (5, 30), (8, 30)]  # surveys × groups


def _table(
    seed: int, surveys: int, groups: int
) -> tuple[list[str], list[str], dict[disclosure.Key, int]]:
    rng = random.Random(seed)
    rows = [f"s{i}" for i in range(surveys)]
    cols = [f"g{j}" for j in range(groups)]
    counts = {
        disclosure.cell(r, c): rng.choice([0, 1, 2, 3, 4] + [rng.randint(5, 20)] * 10)
        for r in rows
        for c in cols
    }
    return rows, cols, counts


def main() -> int:
    exact = "--no-exact" not in sys.argv
    print("| table (surveys × groups) | fast audit | exact audit | ratio | same result |")
    print("| --- | ---: | ---: | ---: | --- |")
    for surveys, groups in SIZES:
        fast_times, exact_times, same = [], [], True
        for seed in range(3):
            rows, cols, counts = _table(seed, surveys, groups)
            table = disclosure._Table(rows, cols, counts)
            start = time.perf_counter()
            fast = disclosure.suppress(rows, cols, counts, threshold=5)
            fast_times.append(time.perf_counter() - start)
            if exact and surveys * groups <= 150:
                start = time.perf_counter()
                slow = disclosure._suppress(table, rows, cols, 5, disclosure._exact)
                exact_times.append(time.perf_counter() - start)
                same = same and slow.hidden == fast.hidden
        f = statistics.median(fast_times) * 1000
        if exact_times:
            e = statistics.median(exact_times) * 1000
            verdict = "yes" if same else "NO"
            print(f"| {surveys} × {groups} | {f:.0f} ms | {e:.0f} ms | {e / f:.1f}× | {verdict} |")
        else:
            print(f"| {surveys} × {groups} | {f:.0f} ms | – | – | – |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
