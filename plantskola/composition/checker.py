"""Independent checker: re-reads instance and solution, checks every hard constraint, rescores.

This module deliberately imports nothing from the solver modules (model, groups, selection,
matching): a bug in the solver's parsing or objective must not be able to hide itself
here. The objective is recomputed by a different method from the solver's (per-group value
counts and sorted prefix sums rather than a pair-distance matrix).

Usage: python -m plantskola.composition.checker INSTANCE.json SOLUTION.json
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class CheckResult:
    kind: str
    violations: list[str] = field(default_factory=list)
    objective: float = 0.0
    claimed_objective: float | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.violations

    @property
    def score(self) -> float | None:
        """What the solution is worth: nothing if it breaks a hard constraint."""
        return self.objective if self.ok else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "ok": self.ok,
            "objective": self.objective,
            "score": self.score,
            "claimed_objective": self.claimed_objective,
            "violations": self.violations,
            "notes": self.notes,
        }


class CheckError(Exception):
    """The instance or solution cannot even be read."""


def check(instance: dict[str, Any], solution: dict[str, Any]) -> CheckResult:
    if not isinstance(instance, dict) or not isinstance(solution, dict):
        raise CheckError("instance and solution must be JSON objects")
    kind = instance.get("kind")
    if solution.get("kind") != kind:
        raise CheckError(f"solution kind {solution.get('kind')!r} does not match {kind!r}")
    if kind == "groups":
        result = _check_groups(instance, solution)
    elif kind == "selection":
        result = _check_selection(instance, solution)
    elif kind == "matching":
        result = _check_matching(instance, solution)
    else:
        raise CheckError(f"unknown kind {kind!r}")
    claimed = solution.get("objective")
    if isinstance(claimed, int | float) and not isinstance(claimed, bool):
        result.claimed_objective = float(claimed)
        if abs(claimed - result.objective) > 1e-6 * max(1.0, abs(result.objective)):
            result.notes.append(
                f"claimed objective {claimed} differs from recomputed {result.objective}"
            )
    bound = solution.get("bound")
    if isinstance(bound, int | float) and not isinstance(bound, bool):
        if bound < result.objective - 1e-6 * max(1.0, abs(result.objective)):
            result.notes.append(f"claimed bound {bound} is below the recomputed objective")
    return result


# ---------------------------------------------------------------------------
# groups


def _check_groups(inst: dict[str, Any], sol: dict[str, Any]) -> CheckResult:
    res = CheckResult("groups")
    people = inst["people"]
    ids = [p["id"] for p in people]
    index = {pid: i for i, pid in enumerate(ids)}
    spec = inst["groups"]
    if "sizes" in spec:
        lows = list(spec["sizes"])
        highs = list(spec["sizes"])
    elif "ranges" in spec:
        lows = [int(r[0]) for r in spec["ranges"]]
        highs = [int(r[1]) for r in spec["ranges"]]
    else:
        lows = [spec["min_size"]] * spec["count"]
        highs = [spec["max_size"]] * spec["count"]

    groups = sol.get("groups")
    if not isinstance(groups, list) or not all(isinstance(g, list) for g in groups):
        res.violations.append("solution.groups is not a list of lists")
        return res
    if len(groups) != len(lows):
        res.violations.append(f"{len(groups)} groups instead of {len(lows)}")
    where: dict[str, int] = {}
    for g, members in enumerate(groups):
        for pid in members:
            if pid not in index:
                res.violations.append(f"unknown person {pid!r} in group {g}")
            elif pid in where:
                res.violations.append(f"person {pid!r} appears more than once")
            else:
                where[pid] = g
    missing = [pid for pid in ids if pid not in where]
    if missing:
        res.violations.append(f"{len(missing)} people in no group, e.g. {missing[0]!r}")
    for g, members in enumerate(groups[: len(lows)]):
        if not lows[g] <= len(members) <= highs[g]:
            res.violations.append(
                f"group {g} has {len(members)} people, allowed {lows[g]}..{highs[g]}"
            )
    for k, team in enumerate(inst.get("together") or []):
        placed = {where.get(pid) for pid in team}
        if len(placed) > 1:
            res.violations.append(f"together[{k}] is split over groups {sorted(map(str, placed))}")
    for k, (a, b) in enumerate(inst.get("apart") or []):
        if a in where and where.get(a) == where.get(b):
            res.violations.append(f"apart[{k}] ({a}, {b}) share group {where[a]}")
    for pid, g in (inst.get("pinned") or {}).items():
        if where.get(pid) != g:
            res.violations.append(f"{pid} is pinned to group {g} but is in {where.get(pid)}")

    res.objective = _groups_objective(inst, [list(m) for m in groups], index)
    return res


def _groups_objective(
    inst: dict[str, Any], groups: list[list[str]], index: dict[str, int]
) -> float:
    people = inst["people"]
    members = [[index[pid] for pid in g if pid in index] for g in groups]
    if inst.get("distances") is not None:
        d = inst["distances"]
        total = 0.0
        for g in members:
            for a in range(len(g)):
                row = d[g[a]]
                total += math.fsum(row[g[b]] for b in range(a + 1, len(g)))
        return total
    total = 0.0
    for crit in inst.get("criteria") or []:
        weight = float(crit.get("weight", 1))
        if "attribute" in crit:
            name = crit["attribute"]
            differing = 0
            for g in members:
                counts = Counter((people[i].get("attributes") or {}).get(name, "") for i in g)
                size = len(g)
                differing += size * (size - 1) // 2 - sum(c * (c - 1) // 2 for c in counts.values())
            total += weight * differing
        else:
            name = crit["number"]
            values = [float(p["numbers"][name]) for p in people]
            spread = max(values) - min(values)
            if spread == 0:
                continue
            pair_sum = 0.0
            for g in members:
                xs = sorted(values[i] for i in g)
                # Σ_{a<b} (x_b − x_a) over a sorted list = Σ_b x_b·(2b − m + 1).
                m = len(xs)
                pair_sum += math.fsum(x * (2 * b - m + 1) for b, x in enumerate(xs))
            total += weight * pair_sum / spread
    return total


# ---------------------------------------------------------------------------
# selection


def _check_selection(inst: dict[str, Any], sol: dict[str, Any]) -> CheckResult:
    res = CheckResult("selection")
    cands = {c["id"]: c for c in inst["candidates"]}
    chosen = sol.get("chosen")
    if not isinstance(chosen, list):
        res.violations.append("solution.chosen is not a list")
        return res
    seen: set[str] = set()
    for cid in chosen:
        if cid not in cands:
            res.violations.append(f"unknown candidate {cid!r}")
        elif cid in seen:
            res.violations.append(f"candidate {cid!r} chosen twice")
        seen.add(cid)
    picked = [cands[c] for c in seen if c in cands]
    exclude = set(inst.get("exclude") or [])
    available = len([c for c in cands if c not in exclude])
    required = min(int(inst["capacity"]), available)
    if len(picked) != required:
        res.violations.append(f"{len(picked)} chosen, required {required}")
    for cid in inst.get("include") or []:
        if cid not in seen:
            res.violations.append(f"included candidate {cid!r} not chosen")
    for cid in exclude:
        if cid in seen:
            res.violations.append(f"excluded candidate {cid!r} chosen")
    for k, rule in enumerate(inst.get("rules") or []):
        name = rule["attribute"]
        counts = Counter((c.get("attributes") or {}).get(name, "") for c in picked)
        if "max_per_value" in rule:
            cap = rule["max_per_value"]
            for value, n in counts.items():
                limit = cap.get(value) if isinstance(cap, dict) else cap
                if limit is not None and n > limit:
                    res.violations.append(f"rules[{k}]: {n} with {name}={value!r}, max {limit}")
        elif "min_distinct" in rule:
            if len(counts) < rule["min_distinct"]:
                res.violations.append(
                    f"rules[{k}]: {len(counts)} distinct {name}, min {rule['min_distinct']}"
                )
        else:
            for value, need in rule["min_per_value"].items():
                if counts.get(value, 0) < need:
                    res.violations.append(
                        f"rules[{k}]: {counts.get(value, 0)} with {name}={value!r}, min {need}"
                    )
    res.objective = math.fsum(float(c["score"]) for c in picked)
    return res


# ---------------------------------------------------------------------------
# matching


def _check_matching(inst: dict[str, Any], sol: dict[str, Any]) -> CheckResult:
    res = CheckResult("matching")
    parts = {p["id"]: p for p in inst["participants"]}
    hosts = {h["id"]: h for h in inst["hosts"]}
    pairs = sol.get("pairs")
    if not isinstance(pairs, dict):
        res.violations.append("solution.pairs is not an object")
        return res
    for pid in parts:
        if pid not in pairs:
            res.violations.append(f"participant {pid!r} has no host")
    load: Counter[str] = Counter()
    total: list[float] = []
    different = inst.get("different") or []
    scores = inst.get("scores") or {}
    for pid, hid in pairs.items():
        if pid not in parts:
            res.violations.append(f"unknown participant {pid!r}")
            continue
        if hid not in hosts:
            res.violations.append(f"{pid!r} matched to unknown host {hid!r}")
            continue
        load[hid] += 1
        pa = parts[pid].get("attributes") or {}
        ha = hosts[hid].get("attributes") or {}
        for attr in different:
            if pa.get(attr, "") == ha.get(attr, ""):
                res.violations.append(f"{pid!r} and host {hid!r} share {attr}={pa.get(attr, '')!r}")
        row = scores.get(pid) or {}
        if hid in row:
            total.append(float(row[hid]))
        else:
            prefs = parts[pid].get("preferences") or []
            total.append(float(len(prefs) - prefs.index(hid)) if hid in prefs else 0.0)
    for hid, n in load.items():
        cap = hosts[hid].get("capacity", 1)
        if n > cap:
            res.violations.append(f"host {hid!r} takes {n}, capacity {cap}")
    res.objective = math.fsum(total)
    return res


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(
            "usage: python -m plantskola.composition.checker INSTANCE.json SOLUTION.json",
            file=sys.stderr,
        )
        return 2
    with open(args[0], encoding="utf-8") as f:
        instance = json.load(f)
    with open(args[1], encoding="utf-8") as f:
        solution = json.load(f)
    result = check(instance, solution)
    print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
