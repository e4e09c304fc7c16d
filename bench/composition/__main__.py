"""Benchmark of the composition engine against baselines, peers and proven bounds.

    nice -n 19 python -m bench.composition [--quick] [--only NAME ...] [--seeds 5]
        [--long SECONDS] [--no-peers] [--peer-timeout SECONDS]

Writes bench/composition/results/latest.md (the tables) and latest.json (raw numbers).
Every solution, ours included, is scored by the independent checker.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from plantskola.composition import solve
from plantskola.composition.checker import check
from plantskola.composition.groups.objective import distance_matrix
from plantskola.composition.model import parse_groups

from . import baselines, mdgplib
from .instances import SEEDED

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
PEERS_VENV = HERE / ".peers-venv"
PEER_PACKAGES = ["numpy<2", "anti-clustering==0.4.1", "team-formation==2.0.0", "matching==1.4.3"]

MDGP = [
    "Geo_n010_ss_01",
    "RanInt_n010_ss_01",
    "RanReal_n010_ss_01",
    "Geo_n012_ss_01",
    "RanInt_n012_ss_01",
    "RanReal_n012_ss_01",
    "RanReal_n030_ss_01",
    "RanReal_n060_ss_01",
    "Geo_n120_ss_01",
    "RanInt_n120_ss_01",
    "RanReal_n120_ss_01",
    "Geo_n240_ss_01",
    "RanInt_n240_ss_01",
    "RanReal_n240_ss_01",
]


def time_limit_for(name: str, instance: dict[str, Any], quick: bool) -> float:
    if instance["kind"] != "groups":
        return 10.0
    n = len(instance["people"])
    if n >= 1000:
        return 20.0 if quick else 60.0
    return 5.0


def ensure_peers() -> Path | None:
    python = PEERS_VENV / "bin" / "python"
    if not python.exists():
        print("creating peers venv (anti-clustering needs numpy<2) ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PEER_PACKAGES], check=True)
    return python


def run_peer(
    python: Path,
    peer: str,
    instance_path: Path,
    d_path: Path | None,
    seed: int,
    time_limit: float,
    timeout: float,
) -> dict[str, Any]:
    out = instance_path.with_suffix(f".{peer}.json")
    cmd = [
        str(python),
        str(HERE / "peer_adapter.py"),
        peer,
        str(instance_path),
        str(out),
        "--seed",
        str(seed),
        "--time-limit",
        str(time_limit),
    ]
    if d_path is not None:
        cmd += ["--distances", str(d_path)]
    start = time.monotonic()
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {timeout:.0f} s", "seconds": time.monotonic() - start}
    if done.returncode != 0 or not out.exists():
        tail = (done.stderr or "").strip().splitlines()[-1:] or ["no output"]
        return {"error": f"failed: {tail[0][:120]}", "seconds": time.monotonic() - start}
    return dict(json.loads(out.read_text()))


def score(instance: dict[str, Any], solution: dict[str, Any]) -> dict[str, Any]:
    result = check(instance, solution)
    return {"objective": result.objective, "violations": result.violations, "ok": result.ok}


def bench_instance(
    name: str, instance: dict[str, Any], args: argparse.Namespace, peers_python: Path | None
) -> dict[str, Any]:
    kind = instance["kind"]
    limit = time_limit_for(name, instance, args.quick)
    path = RESULTS / "instances" / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(instance))
    rows: list[dict[str, Any]] = []
    bound: float | None = None

    # Ours: median over seeds.
    runs = []
    for seed in range(args.seeds):
        start = time.monotonic()
        solution = solve(instance, time_limit=limit, seed=seed)
        seconds = time.monotonic() - start
        runs.append({**score(instance, solution), "seconds": seconds, "status": solution["status"]})
        if solution.get("bound") is not None:
            bound = solution["bound"] if bound is None else min(bound, solution["bound"])
    objectives = [r["objective"] for r in runs]
    rows.append(
        {
            "solver": f"**ours** ({limit:g} s limit, median of {args.seeds} seeds)",
            "objective": statistics.median(objectives),
            "best": max(objectives),
            "worst": min(objectives),
            "seconds": statistics.median(r["seconds"] for r in runs),
            "violations": max(len(r["violations"]) for r in runs),
            "notes": "status " + "/".join(sorted({r["status"] for r in runs})),
            "ours": True,
        }
    )
    long_best = None
    if kind == "groups" and len(instance["people"]) > 12 and args.long > 0:
        long_limit = args.long * (4 if len(instance["people"]) >= 1000 else 1)
        start = time.monotonic()
        solution = solve(instance, time_limit=long_limit, seed=99)
        s = score(instance, solution)
        long_best = s["objective"]
        rows.append(
            {
                "solver": f"ours, reference run ({long_limit:g} s, seed 99)",
                "objective": s["objective"],
                "seconds": time.monotonic() - start,
                "violations": len(s["violations"]),
                "notes": "",
            }
        )

    # Baselines.
    base: list[tuple[str, Callable[[dict[str, Any], int], dict[str, Any]]]] = []
    if kind == "groups":
        base = [
            ("random (Moodle)", baselines.random_groups),
            ("round-robin deal", baselines.round_robin_groups),
        ]
    elif kind == "selection":
        base = [("greedy by score", baselines.greedy_selection)]
    else:
        base = [("greedy first-come", baselines.greedy_matching)]
    for label, fn in base:
        results = []
        for seed in range(args.seeds if label.startswith("random") else 1):
            start = time.monotonic()
            solution = fn(instance, seed)
            results.append({**score(instance, solution), "seconds": time.monotonic() - start})
        results.sort(key=lambda r: r["objective"])
        mid = results[len(results) // 2]
        rows.append(
            {
                "solver": label + (f" (median of {len(results)})" if len(results) > 1 else ""),
                "objective": mid["objective"],
                "seconds": mid["seconds"],
                "violations": len(mid["violations"]),
                "notes": "; ".join(mid["violations"][:2]),
            }
        )

    # Peers.
    if peers_python is not None:
        peers: list[str] = []
        d_path = None
        if kind == "groups" and len(instance["people"]) >= 1000:
            rows.append(
                {
                    "solver": "peers (anti-clustering, team-formation)",
                    "objective": None,
                    "seconds": 0.0,
                    "violations": None,
                    "notes": "not run: anti-clustering already times out at 340 people "
                    "(each candidate swap recomputes the whole O(n²) objective); "
                    "team-formation's CP-SAT model would need 1.6 M booleans",
                }
            )
        elif kind == "groups":
            peers = ["anticlust-exchange", "anticlust-sa"]
            if instance.get("distances") is None:
                peers.append("team-formation")
            d_path = path.with_suffix(".npy")
            np.save(d_path, distance_matrix(parse_groups(instance)))
        elif kind == "matching":
            peers = ["stable-matching"]
        for peer in peers:
            result = run_peer(peers_python, peer, path, d_path, 0, limit, args.peer_timeout)
            if "error" in result:
                rows.append(
                    {
                        "solver": peer,
                        "objective": None,
                        "seconds": result["seconds"],
                        "violations": None,
                        "notes": result["error"],
                    }
                )
                continue
            s = score(instance, result)
            notes = list(result.get("notes", [])) + s["violations"][:2]
            rows.append(
                {
                    "solver": peer,
                    "objective": s["objective"],
                    "seconds": result["seconds"],
                    "violations": len(s["violations"]),
                    "notes": "; ".join(notes),
                }
            )

    best_known = max(
        [r["objective"] for r in rows if r["objective"] is not None and r["violations"] == 0]
        + [r.get("best", -np.inf) for r in rows]
    )
    proven = mdgplib.PROVEN_OPTIMA.get(name)
    return {
        "name": name,
        "kind": kind,
        "size": _describe(instance),
        "bound": bound,
        "best_known": best_known,
        "proven_literature": proven,
        "long_run": long_best,
        "rows": rows,
    }


def _describe(instance: dict[str, Any]) -> str:
    kind = instance["kind"]
    if kind == "groups":
        spec = instance["groups"]
        groups = len(spec["sizes"]) if "sizes" in spec else spec["count"]
        extra = [
            f"{len(instance[k])} {k}" for k in ("together", "apart", "pinned") if instance.get(k)
        ]
        return f"{len(instance['people'])} people, {groups} groups" + (
            ", " + ", ".join(extra) if extra else ""
        )
    if kind == "selection":
        rules = len(instance.get("rules") or [])
        return f"{instance['capacity']} of {len(instance['candidates'])}, {rules} rules"
    return f"{len(instance['participants'])} participants, {len(instance['hosts'])} hosts"


def _fmt(x: float | None, digits: int = 2) -> str:
    if x is None:
        return "—"
    return f"{x:,.{digits}f}"


def render(results: list[dict[str, Any]], header: str) -> str:
    out = [header, ""]
    for res in results:
        best, bound = res["best_known"], res["bound"]
        ours = res["rows"][0]["objective"]
        out.append(f"### {res['name']} — {res['size']}")
        line = f"Best value seen {_fmt(best)}; proven upper bound {_fmt(bound)}"
        if res["proven_literature"] is not None:
            line += f"; published proven optimum {res['proven_literature']}"
        out += [line + ".", ""]
        out.append(
            "| solver | objective | ÷ best seen | ÷ proven bound | ours ÷ this | seconds "
            "| violations | notes |"
        )
        out.append("|---|---:|---:|---:|---:|---:|---:|---|")
        for row in res["rows"]:
            obj = row["objective"]
            to_best = f"{obj / best:.5f}" if obj is not None and best else "—"
            to_bound = f"{obj / bound:.5f}" if obj is not None and bound else "—"
            vs = f"{ours / obj:.5f}" if obj not in (None, 0) and not row.get("ours") else "—"
            if row.get("violations"):
                vs += " (invalid: scores 0)"
            spread = ""
            if row.get("ours") and abs(row.get("best", 0) - row.get("worst", 0)) > 1e-9:
                spread = f" (seeds {_fmt(row['worst'])} … {_fmt(row['best'])})"
            viol = "—" if row["violations"] is None else str(row["violations"])
            out.append(
                f"| {row['solver']} | {_fmt(obj)}{spread} | {to_best} | {to_bound} | {vs} | "
                f"{row['seconds']:.2f} | {viol} | {row['notes']} |"
            )
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.composition")
    parser.add_argument("--quick", action="store_true", help="fewer instances, shorter runs")
    parser.add_argument("--only", nargs="*", help="instance names to run")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--long", type=float, default=60.0, help="reference run seconds")
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--peer-timeout", type=float, default=120.0)
    parser.add_argument(
        "--render-only", action="store_true", help="rewrite latest.md from latest.json"
    )
    args = parser.parse_args(argv)
    if args.render_only:
        stored = json.loads((RESULTS / "latest.json").read_text())
        text = render(stored, "Composition benchmark (re-rendered from latest.json)")
        (RESULTS / "latest.md").write_text(text)
        print(text)
        return 0

    names: list[str] = list(SEEDED) + MDGP
    if args.quick:
        names = [n for n in names if "240" not in n and "4000" not in n]
    if args.only:
        names = [n for n in names if n in args.only]
    peers_python = None if args.no_peers else ensure_peers()
    RESULTS.mkdir(exist_ok=True)
    results: list[dict[str, Any]] = []
    latest = RESULTS / "latest.json"
    if args.only and latest.exists():
        # Re-running some instances updates their tables and keeps the others.
        results = [r for r in json.loads(latest.read_text()) if r["name"] not in names]
    order = list(SEEDED) + MDGP
    for name in names:
        instance = SEEDED[name]() if name in SEEDED else mdgplib.load(name)
        print(f"{name} ...", file=sys.stderr, flush=True)
        results.append(bench_instance(name, instance, args, peers_python))
        results.sort(key=lambda r: order.index(r["name"]))
        (RESULTS / "latest.json").write_text(json.dumps(results, indent=1))
        header = (
            f"Composition benchmark, {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, "
            f"options: {' '.join(sys.argv[1:]) or '(defaults)'}"
        )
        (RESULTS / "latest.md").write_text(render(results, header))
    print(render(results, ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
