"""What a coordinator (or Moodle) does without Plantskola; scored by the same checker."""

from __future__ import annotations

import random
from typing import Any


def group_sizes(instance: dict[str, Any]) -> list[int]:
    spec = instance["groups"]
    if "sizes" in spec:
        return list(spec["sizes"])
    n, count = len(instance["people"]), spec["count"]
    return [n // count + (1 if g < n % count else 0) for g in range(count)]


def random_groups(instance: dict[str, Any], seed: int) -> dict[str, Any]:
    """Moodle's auto-create groups: shuffle, then cut into groups of the right sizes."""
    ids = [p["id"] for p in instance["people"]]
    random.Random(seed).shuffle(ids)
    groups, at = [], 0
    for size in group_sizes(instance):
        groups.append(ids[at : at + size])
        at += size
    return {"kind": "groups", "groups": groups}


def round_robin_groups(instance: dict[str, Any], seed: int = 0) -> dict[str, Any]:
    """Sort by the heaviest attribute (administration), then deal like cards."""
    del seed
    people = list(instance["people"])
    attrs = [c for c in instance.get("criteria") or [] if "attribute" in c]
    if attrs:
        key = max(attrs, key=lambda c: c.get("weight", 1))["attribute"]
        people.sort(key=lambda p: (p.get("attributes") or {}).get(key, ""))
    sizes = group_sizes(instance)
    groups: list[list[str]] = [[] for _ in sizes]
    g = 0
    for p in people:
        while len(groups[g]) >= sizes[g]:
            g = (g + 1) % len(sizes)
        groups[g].append(p["id"])
        g = (g + 1) % len(sizes)
    return {"kind": "groups", "groups": groups}


def greedy_selection(instance: dict[str, Any], seed: int = 0) -> dict[str, Any]:
    """Highest scores first, skipping whoever would break a max-per-value rule."""
    del seed
    exclude = set(instance.get("exclude") or [])
    caps = [r for r in instance.get("rules") or [] if "max_per_value" in r]
    by_id = {c["id"]: c for c in instance["candidates"]}
    chosen: list[str] = list(instance.get("include") or [])
    order = sorted(instance["candidates"], key=lambda c: -c["score"])

    def fits(c: dict[str, Any]) -> bool:
        for rule in caps:
            value = (c.get("attributes") or {}).get(rule["attribute"], "")
            limit = rule["max_per_value"]
            limit = limit.get(value) if isinstance(limit, dict) else limit
            if limit is None:
                continue
            same = sum(
                1
                for other in chosen
                if (by_id[other].get("attributes") or {}).get(rule["attribute"], "") == value
            )
            if same + 1 > limit:
                return False
        return True

    for c in order:
        if len(chosen) >= instance["capacity"]:
            break
        if c["id"] in exclude or c["id"] in chosen or not fits(c):
            continue
        chosen.append(c["id"])
    return {"kind": "selection", "chosen": chosen}


def greedy_matching(instance: dict[str, Any], seed: int = 0) -> dict[str, Any]:
    """First come, first served: each participant in turn takes their best free host."""
    del seed
    hosts = {h["id"]: h for h in instance["hosts"]}
    left = {h: hosts[h].get("capacity", 1) for h in hosts}
    different = instance.get("different") or []
    pairs = {}
    for p in instance["participants"]:
        pa = p.get("attributes") or {}
        ok = [
            h
            for h in hosts
            if left[h] > 0
            and all(
                pa.get(a, "") != (hosts[h].get("attributes") or {}).get(a, "") for a in different
            )
        ]
        if not ok:
            continue
        prefs = p.get("preferences") or []
        ok.sort(key=lambda h: prefs.index(h) if h in prefs else len(prefs))
        pairs[p["id"]] = ok[0]
        left[ok[0]] -= 1
    return {"kind": "matching", "pairs": pairs}
