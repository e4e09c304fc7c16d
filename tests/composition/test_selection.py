"""Selection: proven optimal against brute force, rules always hold, conflicts named."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plantskola.composition import Infeasible, solve
from plantskola.composition.checker import check

UNITS = ["a", "b", "c", "d"]


@st.composite
def feasible_selections(draw: st.DrawFn) -> dict[str, Any]:
    """Random instances whose rules are read off a planted selection, so it satisfies them."""
    n = draw(st.integers(4, 11))
    capacity = draw(st.integers(1, min(5, n)))
    candidates: list[dict[str, Any]] = [
        {
            "id": f"c{i}",
            "score": draw(st.integers(0, 20)) / 2,
            "attributes": {
                "unit": draw(st.sampled_from(UNITS)),
                "gender": draw(st.sampled_from(["w", "m"])),
            },
        }
        for i in range(n)
    ]
    planted = draw(st.permutations(range(n)))[:capacity]
    units = Counter(candidates[i]["attributes"]["unit"] for i in planted)
    genders = Counter(candidates[i]["attributes"]["gender"] for i in planted)
    rules: list[dict[str, Any]] = []
    if draw(st.booleans()):
        rules.append({"attribute": "unit", "max_per_value": max(units.values())})
    if draw(st.booleans()):
        rules.append({"attribute": "unit", "min_distinct": draw(st.integers(0, len(units)))})
    if draw(st.booleans()):
        value = draw(st.sampled_from(sorted(genders)))
        rules.append({"attribute": "gender", "min_per_value": {value: genders[value]}})
    include = [f"c{i}" for i in planted[: draw(st.integers(0, 1))]]
    outside = [i for i in range(n) if i not in planted]
    exclude = [f"c{i}" for i in outside[: draw(st.integers(0, min(2, len(outside))))]]
    return {
        "kind": "selection",
        "capacity": capacity,
        "candidates": candidates,
        "rules": rules,
        "include": include,
        "exclude": exclude,
    }


def brute_force(instance: dict[str, Any]) -> float:
    best = -math.inf
    ids = [c["id"] for c in instance["candidates"]]
    for combo in itertools.combinations(range(len(ids)), instance["capacity"]):
        solution = {"kind": "selection", "chosen": [ids[i] for i in combo]}
        result = check(instance, solution)
        if result.ok:
            best = max(best, result.objective)
    return best


@settings(max_examples=40, deadline=None)
@given(feasible_selections())
def test_random_feasible_selection_is_valid_and_optimal(instance: dict[str, Any]) -> None:
    solution = solve(instance, time_limit=5)
    result = check(instance, solution)
    assert result.ok, result.violations
    assert solution["status"] == "optimal"
    assert result.objective == pytest.approx(brute_force(instance))
    assert solution["bound"] == pytest.approx(result.objective)
    chosen = set(solution["chosen"])
    lowest = min(c["score"] for c in instance["candidates"] if c["id"] in chosen)
    for c in instance["candidates"]:
        if c["id"] not in chosen and c["score"] > lowest:
            assert c["id"] in solution["explanations"]


def test_explanation_names_the_full_administration() -> None:
    instance = {
        "kind": "selection",
        "capacity": 3,
        "candidates": [
            {"id": "k1", "score": 9, "attributes": {"administration": "Kultur"}},
            {"id": "k2", "score": 8, "attributes": {"administration": "Kultur"}},
            {"id": "k3", "score": 7, "attributes": {"administration": "Kultur"}},
            {"id": "s1", "score": 1, "attributes": {"administration": "Skola"}},
        ],
        "rules": [{"attribute": "administration", "max_per_value": 2}],
    }
    solution = solve(instance)
    assert solution["chosen"] == ["k1", "k2", "s1"]
    why = solution["explanations"]["k3"]
    assert "rules[0]" in why and "'Kultur'" in why and "maximum of 2" in why


def test_fewer_candidates_than_capacity_chooses_all_and_says_so() -> None:
    instance = {
        "kind": "selection",
        "capacity": 5,
        "candidates": [{"id": "a", "score": 1}, {"id": "b", "score": 2}],
    }
    solution = solve(instance)
    assert sorted(solution["chosen"]) == ["a", "b"]
    assert "fewer than capacity" in solution["_notes"][0]


@pytest.mark.parametrize(
    ("rules", "named"),
    [
        (
            [
                {"attribute": "gender", "max_per_value": 1},
                {"attribute": "unit", "min_distinct": 1},
                {"attribute": "gender", "min_per_value": {"w": 2}},
            ],
            ["rules[0]", "rules[2]"],
        ),
        ([{"attribute": "unit", "min_distinct": 5}], ["rules[0]"]),
        ([{"attribute": "gender", "min_per_value": {"x": 1}}], ["rules[0]"]),
    ],
)
def test_rules_no_subset_satisfies_are_named_minimally(
    rules: list[dict[str, Any]], named: list[str]
) -> None:
    instance = {
        "kind": "selection",
        "capacity": 3,
        "candidates": [
            {"id": f"c{i}", "score": i, "attributes": {"unit": "ab"[i % 2], "gender": "wm"[i % 2]}}
            for i in range(6)
        ],
        "rules": rules,
    }
    with pytest.raises(Infeasible) as caught:
        solve(instance)
    text = " ".join(caught.value.conflicts)
    for name in named:
        assert name in text
    # Minimal: the harmless min_distinct 1 rule is not blamed.
    assert "min_distinct 1" not in text


@settings(max_examples=15, deadline=None)
@given(n=st.integers(3, 8), extra=st.integers(1, 3))
def test_random_infeasible_min_per_value_is_named(n: int, extra: int) -> None:
    women = n // 2
    instance = {
        "kind": "selection",
        "capacity": n - 1,
        "candidates": [
            {"id": f"c{i}", "score": i, "attributes": {"gender": "w" if i < women else "m"}}
            for i in range(n)
        ],
        "rules": [{"attribute": "gender", "min_per_value": {"w": women + extra}}],
    }
    with pytest.raises(Infeasible) as caught:
        solve(instance)
    assert any("rules[0]" in c for c in caught.value.conflicts)


def test_include_and_exclude_the_same_candidate_is_infeasible() -> None:
    instance = {
        "kind": "selection",
        "capacity": 1,
        "candidates": [{"id": "a", "score": 1}],
        "include": ["a"],
        "exclude": ["a"],
    }
    with pytest.raises(Infeasible, match="include"):
        solve(instance)


def test_same_seed_same_selection() -> None:
    instance = {
        "kind": "selection",
        "capacity": 4,
        "candidates": [{"id": f"c{i}", "score": i % 3} for i in range(12)],
    }
    assert solve(instance, seed=5)["chosen"] == solve(instance, seed=5)["chosen"]
