"""Matching: optimal against brute force, hard constraints hold, Hall conflicts named."""

from __future__ import annotations

import itertools
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plantskola.composition import Infeasible, solve
from plantskola.composition.checker import check

UNITS = ["a", "b", "c"]


@st.composite
def feasible_matchings(draw: st.DrawFn) -> dict[str, Any]:
    hosts_n = draw(st.integers(1, 5))
    hosts: list[dict[str, Any]] = [
        {
            "id": f"h{j}",
            "attributes": {"unit": draw(st.sampled_from(UNITS))},
            "capacity": draw(st.integers(1, 2)),
        }
        for j in range(hosts_n)
    ]
    slots = [h for h in hosts for _ in range(h["capacity"])]
    n = draw(st.integers(0, min(5, len(slots))))
    planted = draw(st.permutations(slots))[:n]
    participants: list[dict[str, Any]] = []
    for i, host in enumerate(planted):
        # A unit different from the planted host's, so the planted matching is allowed.
        unit = draw(st.sampled_from([u for u in UNITS if u != host["attributes"]["unit"]]))
        prefs = draw(st.lists(st.sampled_from([h["id"] for h in hosts]), unique=True, max_size=3))
        participants.append({"id": f"a{i}", "attributes": {"unit": unit}, "preferences": prefs})
    scores = None
    if bool(participants) and draw(st.booleans()):
        scores = {"a0": {hosts[0]["id"]: draw(st.integers(-3, 9))}}
    return {
        "kind": "matching",
        "participants": participants,
        "hosts": hosts,
        "different": ["unit"],
        "scores": scores,
    }


def brute_force(instance: dict[str, Any]) -> float:
    parts = [p["id"] for p in instance["participants"]]
    hosts = [h["id"] for h in instance["hosts"]]
    best = -math.inf
    for combo in itertools.product(hosts, repeat=len(parts)):
        result = check(
            instance, {"kind": "matching", "pairs": dict(zip(parts, combo, strict=True))}
        )
        if result.ok:
            best = max(best, result.objective)
    return best


@settings(max_examples=40, deadline=None)
@given(feasible_matchings())
def test_random_feasible_matching_is_valid_and_optimal(instance: dict[str, Any]) -> None:
    solution = solve(instance)
    result = check(instance, solution)
    assert result.ok, result.violations
    assert solution["status"] == "optimal"
    assert result.objective == pytest.approx(brute_force(instance))


@settings(max_examples=20, deadline=None)
@given(n=st.integers(2, 6), capacity=st.integers(0, 1), others=st.integers(1, 3))
def test_too_few_allowed_hosts_is_infeasible_and_names_the_participants(
    n: int, capacity: int, others: int
) -> None:
    # Everyone is from unit a; only host x (capacity ≤ 1) is from another unit.
    instance = {
        "kind": "matching",
        "participants": [{"id": f"a{i}", "attributes": {"unit": "a"}} for i in range(n)],
        "hosts": [{"id": "x", "attributes": {"unit": "b"}, "capacity": capacity}]
        + [{"id": f"h{j}", "attributes": {"unit": "a"}, "capacity": n} for j in range(others)],
        "different": ["unit"],
    }
    with pytest.raises(Infeasible) as caught:
        solve(instance)
    message = caught.value.message
    assert "different: unit" in message
    assert f"total capacity {capacity}" in message
    assert "a0" in message


def test_preference_rank_scores_first_choice_highest() -> None:
    instance = {
        "kind": "matching",
        "participants": [
            {"id": "a", "preferences": ["h1", "h2"]},
            {"id": "b", "preferences": ["h1"]},
        ],
        "hosts": [{"id": "h1", "capacity": 1}, {"id": "h2", "capacity": 1}],
    }
    solution = solve(instance)
    # a: h1 = 2, h2 = 1; b: h1 = 1. Best total 2 either way... a→h1 (2) + b→h2 (0) = 2,
    # a→h2 (1) + b→h1 (1) = 2; the objective, not the tie-break, is the contract.
    assert solution["objective"] == 2
