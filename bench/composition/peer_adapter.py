"""Run one peer tool on one instance; executed by the peers' own virtualenv.

    .peers-venv/bin/python peer_adapter.py PEER INSTANCE.json OUT.json --seed N
        [--time-limit S] [--distances D.npy]

Peers: anticlust-exchange, anticlust-sa (package `anti-clustering`), team-formation
(package `team-formation`), stable-matching (package `matching`). The output is a solution
in composition-format.md plus `seconds` and `notes` saying what the peer could not
express. This file must not import plantskola: it runs with the peers' numpy<2.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

import numpy as np


def _group_spec(instance: dict[str, Any]) -> list[int]:
    spec = instance["groups"]
    if "sizes" in spec:
        return list(spec["sizes"])
    n, count = len(instance["people"]), spec["count"]
    return [n // count + (1 if g < n % count else 0) for g in range(count)]


def _unexpressed(instance: dict[str, Any]) -> list[str]:
    notes = []
    for key in ("together", "apart", "pinned"):
        if instance.get(key):
            notes.append(f"cannot express {key} ({len(instance[key])})")
    return notes


def anticlust(instance: dict[str, Any], d: np.ndarray, seed: int, kind: str) -> dict[str, Any]:
    from anti_clustering import (
        ExchangeHeuristicAntiClustering,
        SimulatedAnnealingHeuristicAntiClustering,
    )

    sizes = _group_spec(instance)
    notes = _unexpressed(instance)
    if len(set(sizes)) > 1:
        notes.append("only equal group sizes")
    notes.append("given the contract's distance matrix via _solve (its public API has no weights)")
    algo = (
        ExchangeHeuristicAntiClustering(random_seed=seed)
        if kind == "exchange"
        else SimulatedAnnealingHeuristicAntiClustering(random_seed=seed)
    )
    same = algo._solve(distance_matrix=d, num_groups=len(sizes))
    ids = [p["id"] for p in instance["people"]]
    label = [-1] * len(ids)
    groups: list[list[str]] = []
    for i in range(len(ids)):
        if label[i] < 0:
            members = [j for j in range(len(ids)) if j == i or same[i][j]]
            for j in members:
                label[j] = len(groups)
            groups.append([ids[j] for j in members])
    return {"kind": "groups", "groups": groups, "notes": notes}


def run_team_formation(instance: dict[str, Any], seed: int, time_limit: float) -> dict[str, Any]:
    import pandas as pd
    from team_formation import TeamAssignment

    sizes = _group_spec(instance)
    notes = _unexpressed(instance)
    rows = []
    for p in instance["people"]:
        row = {"id": p["id"]}
        row.update({k: v for k, v in (p.get("attributes") or {}).items()})
        rows.append(row)
    df = pd.DataFrame(rows)
    constraints = []
    for c in instance.get("criteria") or []:
        if "attribute" in c and c.get("weight", 1) > 0:
            df[c["attribute"]] = df[c["attribute"]].fillna("")
            constraints.append([c["attribute"], "diversify", c.get("weight", 1)])
        else:
            notes.append(f"cannot express mixing {c.get('number') or c.get('attribute')}")
    if len(set(sizes)) > 1:
        notes.append("sizes chosen by the tool from a target size")
    ta = TeamAssignment(
        df, pd.DataFrame(constraints, columns=["attribute", "type", "weight"]), max(sizes)
    )
    ta.solve(max_time_in_seconds=time_limit)
    if not ta.solution_found:
        return {"kind": "groups", "groups": [], "notes": [*notes, "no solution found"]}
    groups: list[list[str]] = [[] for _ in range(ta.num_teams)]
    for pid, team in zip(df["id"], ta.participants["team_num"], strict=True):
        groups[int(team)].append(pid)
    return {"kind": "groups", "groups": groups, "notes": notes}


def stable_matching(instance: dict[str, Any]) -> dict[str, Any]:
    from matching.games import HospitalResident

    # The library's hospital–resident algorithm recurses once per proposal.
    sys.setrecursionlimit(1_000_000)

    different = instance.get("different") or []
    hosts = {h["id"]: h for h in instance["hosts"]}

    def allowed(p: dict[str, Any], h: dict[str, Any]) -> bool:
        pa, ha = p.get("attributes") or {}, h.get("attributes") or {}
        return all(pa.get(a, "") != ha.get(a, "") for a in different)

    resident_prefs: dict[str, list[str]] = {}
    for p in instance["participants"]:
        listed = [h for h in p.get("preferences") or [] if allowed(p, hosts[h])]
        # Unlisted allowed hosts go last, so nobody is left out merely for listing few.
        rest = sorted(h for h in hosts if h not in listed and allowed(p, hosts[h]))
        resident_prefs[p["id"]] = listed + rest
    hospital_prefs: dict[str, list[str]] = {}
    for hid, host in hosts.items():
        fans = [p for p in instance["participants"] if hid in resident_prefs[p["id"]]]
        fans.sort(
            key=lambda p: (
                (p.get("preferences") or [hid] * 99).index(hid)
                if hid in (p.get("preferences") or [])
                else 99,
                p["id"],
            )
        )
        if fans and host.get("capacity", 1) > 0:
            hospital_prefs[hid] = [p["id"] for p in fans]
    resident_prefs = {
        r: [h for h in prefs if h in hospital_prefs] for r, prefs in resident_prefs.items()
    }
    capacities = {h: hosts[h].get("capacity", 1) for h in hospital_prefs}
    game = HospitalResident.create_from_dictionaries(resident_prefs, hospital_prefs, capacities)
    result = game.solve(optimal="resident")
    pairs = {}
    for hospital, residents in result.items():
        for r in residents:
            pairs[str(r.name)] = str(hospital.name)
    notes = ["hosts rank participants by how highly they were ranked; unlisted hosts appended"]
    if instance.get("scores"):
        notes.append("cannot express explicit scores")
    return {"kind": "matching", "pairs": pairs, "notes": notes}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("peer")
    parser.add_argument("instance")
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--distances")
    args = parser.parse_args()
    with open(args.instance, encoding="utf-8") as f:
        instance = json.load(f)
    # Import the peer before the clock starts: pandas and scikit-learn take seconds to load.
    if args.peer.startswith("anticlust-"):
        import anti_clustering  # noqa: F401
    elif args.peer == "team-formation":
        import team_formation  # noqa: F401
    start = time.monotonic()
    if args.peer.startswith("anticlust-"):
        d = np.load(args.distances)
        solution = anticlust(instance, d, args.seed, args.peer.removeprefix("anticlust-"))
    elif args.peer == "team-formation":
        solution = run_team_formation(instance, args.seed, args.time_limit)
    elif args.peer == "stable-matching":
        solution = stable_matching(instance)
    else:
        raise SystemExit(f"unknown peer {args.peer}")
    solution["seconds"] = time.monotonic() - start
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(solution, f)


if __name__ == "__main__":
    main()
