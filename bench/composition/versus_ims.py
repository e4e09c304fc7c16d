"""Plantskola's groups engine against the textbook IMS baseline (`ims.py`) at equal time.

    nice -n 19 python -m bench.composition.versus_ims [--seeds 3] [--long 30]
        [--only NAME ...] [--quick]

For every MDGP class (Geo, RanReal, RanInt), n = 120, 240, 480, 960 and both kinds (ss,
ds), both solvers run with the same time limit and seeds 1–3, **one at a time and
alternating** (ours, IMS, ours, IMS, ...), each solution scored by the independent checker.
The clock of each starts before it reads the instance's distances, so parsing is paid
from the same budget. A few rows are repeated with the `--long` limit.

Output: bench/composition/results/versus-ims.md (the table) and versus-ims.json (every run,
with its best-so-far trace). Columns: medians over the seeds; *ours ÷ IMS*; *wins*
(seeds where ours ≥ IMS on the same seed); *time to IMS's median* (median over seeds of
the first time a solver's best-so-far reached the IMS median, "—" if it never did).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from typing import Any

import numpy as np

from plantskola.composition import solve
from plantskola.composition.checker import check

from . import generate, mdgplib
from .ims import ims

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
CLASSES = ["Geo", "RanReal", "RanInt"]
SIZES = [120, 240, 480, 960]
LONG_ROWS = ["RanReal_n240_ss_01", "RanInt_n240_ss_01", "RanReal_n960_ds_g1"]


def instance_names(quick: bool) -> list[str]:
    names = []
    for n in SIZES[:2] if quick else SIZES:
        for kind in ("ss", "ds"):
            for cls in CLASSES:
                vendored = f"{cls}_n{n:03d}_{kind}_01"
                names.append(
                    vendored if mdgplib.path_of(vendored).exists() else f"{cls}_n{n}_{kind}_g1"
                )
    return names


def load(name: str) -> dict[str, Any]:
    return generate.generate(name) if name.split("_")[-1].startswith("g") else mdgplib.load(name)


def _bounds(spec: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    if "ranges" in spec:
        return np.array([r[0] for r in spec["ranges"]]), np.array([r[1] for r in spec["ranges"]])
    if "sizes" in spec:
        return np.array(spec["sizes"]), np.array(spec["sizes"])
    return np.full(spec["count"], spec["min_size"]), np.full(spec["count"], spec["max_size"])


def run_ours(instance: dict[str, Any], limit: float, seed: int) -> dict[str, Any]:
    started = time.monotonic()
    solution = solve(instance, time_limit=limit, seed=seed, started=started)
    wall = time.monotonic() - started
    trace = [(float(t) + 0.0, float(v)) for t, v in solution.pop("trace")]
    return {"solution": solution, "trace": trace, "wall": wall}


def run_ims(instance: dict[str, Any], limit: float, seed: int) -> dict[str, Any]:
    started = time.monotonic()
    d = np.array(instance["distances"], dtype=np.float64)
    lows, highs = _bounds(instance["groups"])
    spent = time.monotonic() - started
    labels, _, trace = ims(d, lows, highs, time_limit=limit - spent, seed=seed)
    wall = time.monotonic() - started
    ids = [p["id"] for p in instance["people"]]
    groups = [[ids[i] for i in np.flatnonzero(labels == g)] for g in range(len(lows))]
    return {
        "solution": {"kind": "groups", "groups": groups},
        "trace": [(t + spent, v) for t, v in trace],
        "wall": wall,
    }


def time_to(trace: list[tuple[float, float]], target: float) -> float | None:
    for t, v in trace:
        if v >= target - 1e-6 * max(1.0, abs(target)):
            return t
    return None


def measure(name: str, limit: float, seeds: list[int]) -> dict[str, Any]:
    instance = load(name)
    runs: dict[str, list[dict[str, Any]]] = {"ours": [], "ims": []}
    for seed in seeds:
        for who, fn in (("ours", run_ours), ("ims", run_ims)):
            done = fn(instance, limit, seed)
            result = check(instance, done["solution"])
            runs[who].append(
                {
                    "seed": seed,
                    "ok": result.ok,
                    "violations": result.violations,
                    "objective": result.objective if result.ok else None,
                    "wall": round(done["wall"], 3),
                    "trace": [[round(t, 3), v] for t, v in done["trace"]],
                }
            )
            print(f"  {name} {limit:g}s seed {seed} {who}: {result.objective:,.2f} ok={result.ok}")
    ims_median = statistics.median(r["objective"] or 0.0 for r in runs["ims"])
    row: dict[str, Any] = {
        "instance": name,
        "generated": name.split("_")[-1].startswith("g"),
        "n": len(instance["people"]),
        "kind": name.split("_")[2],
        "limit": limit,
        "runs": runs,
    }
    for who in runs:
        values = [r["objective"] or 0.0 for r in runs[who]]
        row[f"{who}_median"] = statistics.median(values)
        reached = [time_to([(t, v) for t, v in r["trace"]], ims_median) for r in runs[who]]
        hit = sorted(t for t in reached if t is not None)
        row[f"{who}_time_to_target"] = (
            statistics.median(hit) if len(hit) * 2 > len(reached) else None
        )
        row[f"{who}_valid"] = all(r["ok"] for r in runs[who])
    row["ratio"] = row["ours_median"] / row["ims_median"]
    row["wins"] = sum(
        (a["objective"] or 0.0) >= (b["objective"] or 0.0) - 1e-9
        for a, b in zip(runs["ours"], runs["ims"], strict=True)
    )
    return row


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| instance | n | kind | limit | ours (median) | IMS baseline (median) | ours ÷ IMS "
        "| wins | "
        "time to IMS median: ours / IMS (s) | valid |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---|",
    ]

    def order(r: dict[str, Any]) -> tuple[float, int, int, int]:
        cls = r["instance"].split("_")[0]
        return (r["limit"], r["n"], r["kind"] == "ds", CLASSES.index(cls))

    for r in sorted(rows, key=order):
        mark = " (generated)" if r["generated"] else ""
        valid = "all" if r["ours_valid"] and r["ims_valid"] else "NO"
        lines.append(
            f"| {r['instance']}{mark} | {r['n']} | {r['kind']} | {r['limit']:g} s | "
            f"{r['ours_median']:,.2f} | {r['ims_median']:,.2f} | {r['ratio']:.4f} | "
            f"{r['wins']}/{len(r['runs']['ours'])} | {_seconds(r['ours_time_to_target'])} / "
            f"{_seconds(r['ims_time_to_target'])} | {valid} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.composition.versus_ims")
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--limit", type=float, default=5.0)
    parser.add_argument("--long", type=float, default=30.0)
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--quick", action="store_true", help="n = 120 and 240 only, no long rows")
    args = parser.parse_args()
    seeds = list(range(1, args.seeds + 1))
    plan = [(name, args.limit) for name in args.only or instance_names(args.quick)]
    if not args.quick and not args.only:
        plan += [(name, args.long) for name in LONG_ROWS]
    RESULTS.mkdir(exist_ok=True)
    out_json = RESULTS / "versus-ims.json"
    old: list[dict[str, Any]] = (
        json.loads(out_json.read_text()) if args.only and out_json.exists() else []
    )
    rows = []
    for name, limit in plan:
        print(f"{name} at {limit:g} s", flush=True)
        rows.append(measure(name, limit, seeds))
        merged = [
            r
            for r in old
            if (r["instance"], r["limit"]) not in {(x["instance"], x["limit"]) for x in rows}
        ]
        out_json.write_text(json.dumps(merged + rows, indent=1))
        (RESULTS / "versus-ims.md").write_text(table(merged + rows))
    print(table(json.loads(out_json.read_text())))


if __name__ == "__main__":
    main()
