"""Groups: feasibility always, exact optima for tiny instances, valid bounds, named conflicts."""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plantskola.composition import Infeasible, groups, solve
from plantskola.composition.checker import check
from plantskola.composition.groups.bounds import upper_bound
from plantskola.composition.groups.objective import distance_matrix
from plantskola.composition.model import parse_groups
from tests.composition.conftest import MDGPLIB

PROVEN = {
    "Geo_n010_ss_01": 3660.67,
    "RanInt_n010_ss_01": 1292,
    "RanReal_n010_ss_01": 1427.85,
    "Geo_n012_ss_01": 716.46,
    "RanInt_n012_ss_01": 985,
    "RanReal_n012_ss_01": 956.43,
}
UNITS = ["soc", "kultur", "skola", "teknik"]


def mdgplib(name: str) -> dict[str, Any]:
    lines = (MDGPLIB / name.split("_")[0] / f"{name}.txt").read_text().splitlines()
    head = lines[0].split()
    n, m = int(head[0]), int(head[1])
    d = [[0.0] * n for _ in range(n)]
    for line in lines[1:]:
        if len(parts := line.split()) == 3:
            d[int(parts[0])][int(parts[1])] = d[int(parts[1])][int(parts[0])] = float(parts[2])
    ranges = [[int(head[3 + 2 * g]), int(head[4 + 2 * g])] for g in range(m)]
    spec: dict[str, Any] = (
        {"ranges": ranges}
        if head[2] == "ds"
        else {"count": m, "min_size": ranges[0][0], "max_size": ranges[0][1]}
    )
    return {
        "kind": "groups",
        "people": [{"id": f"e{i}"} for i in range(n)],
        "groups": spec,
        "distances": d,
    }


@st.composite
def feasible_groups(draw: st.DrawFn, max_people: int = 30) -> dict[str, Any]:
    """Random instances built around a planted grouping, so they are always feasible."""
    count = draw(st.integers(2, 5))
    form = draw(st.sampled_from(["sizes", "range", "ranges"]))
    if form == "sizes":
        sizes = [draw(st.integers(1, max(1, max_people // count))) for _ in range(count)]
        spec: dict[str, Any] = {"sizes": sizes}
    elif form == "ranges":
        # Every group its own size range (MDGPLIB's ds instances, rooms of different sizes).
        sizes = [draw(st.integers(1, max(1, max_people // count))) for _ in range(count)]
        ranges = [[max(0, s - draw(st.integers(0, 2))), s + draw(st.integers(0, 2))] for s in sizes]
        spec = {"ranges": ranges}
    else:
        lo = draw(st.integers(1, 4))
        hi = lo + draw(st.integers(0, 3))
        sizes = [draw(st.integers(lo, hi)) for _ in range(count)]
        spec = {"count": count, "min_size": lo, "max_size": hi}
    n = sum(sizes)
    planted = draw(st.permutations([g for g, s in enumerate(sizes) for _ in range(s)]))
    people = [
        {
            "id": f"p{i}",
            "attributes": {
                "unit": draw(st.sampled_from(UNITS)),
                "gender": draw(st.sampled_from("wm")),
            },
            "numbers": {"age": draw(st.integers(25, 65))},
        }
        for i in range(n)
    ]
    members = [[i for i in range(n) if planted[i] == g] for g in range(count)]
    together = []
    for g in range(count):
        if len(members[g]) >= 2 and draw(st.booleans()):
            together.append([f"p{i}" for i in members[g][: draw(st.integers(2, len(members[g])))]])
    apart = []
    for _ in range(draw(st.integers(0, 4))):
        a, b = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        if planted[a] != planted[b]:
            apart.append([f"p{a}", f"p{b}"])
    pinned = {f"p{i}": planted[i] for i in draw(st.lists(st.integers(0, n - 1), max_size=3))}
    criteria = [
        {"attribute": "unit", "weight": draw(st.sampled_from([1, 2, 3]))},
        {"attribute": "gender", "weight": draw(st.sampled_from([1, -1]))},
        {"number": "age", "weight": 1},
    ]
    return {
        "kind": "groups",
        "people": people,
        "groups": spec,
        "criteria": criteria,
        "together": together,
        "apart": apart,
        "pinned": pinned,
        "distances": None,
    }


def group_count(instance: dict[str, Any]) -> int:
    spec = instance["groups"]
    if "ranges" in spec:
        return len(spec["ranges"])
    return len(spec["sizes"]) if "sizes" in spec else int(spec["count"])


def small_enough(instance: dict[str, Any]) -> bool:
    return bool(group_count(instance) ** len(instance["people"]) <= 5000)


def brute_force(instance: dict[str, Any]) -> float:
    ids = [p["id"] for p in instance["people"]]
    count = group_count(instance)
    best = -math.inf
    for labels in itertools.product(range(count), repeat=len(ids)):
        solution = {
            "kind": "groups",
            "groups": [[ids[i] for i in range(len(ids)) if labels[i] == g] for g in range(count)],
        }
        result = check(instance, solution)
        if result.ok:
            best = max(best, result.objective)
    return best


@settings(max_examples=30, deadline=None)
@given(feasible_groups())
def test_random_feasible_instance_yields_a_checked_solution(instance: dict[str, Any]) -> None:
    solution = solve(instance, time_limit=0.2)
    result = check(instance, solution)
    assert result.ok, result.violations
    assert solution["objective"] == pytest.approx(result.objective)
    assert solution["bound"] >= result.objective - 1e-6


@settings(max_examples=25, deadline=None)
@given(feasible_groups(max_people=8))
def test_tiny_instances_are_solved_exactly_with_a_valid_bound(instance: dict[str, Any]) -> None:
    if not small_enough(instance):
        return
    optimum = brute_force(instance)
    solution = solve(instance, time_limit=5)
    assert solution["status"] == "optimal"
    assert solution["objective"] == pytest.approx(optimum)
    # The bound the heuristic path would report must hold too.
    inst = parse_groups(instance)
    assert upper_bound(inst, distance_matrix(inst)) >= optimum - 1e-6


@settings(max_examples=15, deadline=None)
@given(feasible_groups(max_people=8))
def test_heuristic_path_finds_tiny_optima(
    instance: dict[str, Any],
) -> None:
    if not small_enough(instance):
        return
    optimum = brute_force(instance)
    original = groups.EXACT_MAX_PEOPLE
    groups.EXACT_MAX_PEOPLE = 0  # force the tabu search
    try:
        solution = solve(instance, time_limit=0.3)
    finally:
        groups.EXACT_MAX_PEOPLE = original
    assert check(instance, solution).ok
    assert solution["objective"] == pytest.approx(optimum)


def _units(
    units: str, sizes: list[int], together: list[list[str]], apart: list[list[str]]
) -> dict[str, Any]:
    """Person i has unit "kultur" or "soc" as units[i] is K or S; fixed group sizes."""
    return {
        "kind": "groups",
        "people": [
            {"id": f"p{i}", "attributes": {"unit": {"K": "kultur", "S": "soc"}[u]}}
            for i, u in enumerate(units)
        ],
        "groups": {"sizes": sizes},
        "criteria": [{"attribute": "unit", "weight": 1}],
        "together": together,
        "apart": apart,
    }


# Optima that swaps alone cannot reach from the start (the feasible groupings fall apart
# into pieces that only a whole chain of apart partners changing sides links).
APART_CHAINS = {
    # Team {p0, p1} alone in the small group: it must enter p2's group as p2 leaves.
    "team-enters-its-partners-group": (
        _units("KKSKKK", [2, 4], [["p0", "p1"]], [["p0", "p2"]]),
        3.0,
    ),
    # Apart p2-p4, p2-p3, p3-p1 force {p1, p2} | {p3, p4}: both pairs change sides at once.
    "pairs-trade-groups": (
        {
            **_units("KSSKKK", [2, 4], [], [["p2", "p4"], ["p2", "p3"], ["p3", "p1"]]),
            "pinned": {"p0": 1},
        },
        4.0,
    ),
    # Teams of 2 and 3 kept apart, p3 pinned to the group of 4: both teams change sides.
    "teams-kept-apart-trade-groups": (
        {
            **_units("KKSKSKS", [4, 3], [["p0", "p1"], ["p2", "p4", "p6"]], [["p0", "p6"]]),
            "pinned": {"p3": 0},
        },
        3.0,
    ),
}


@pytest.mark.parametrize("name", sorted(APART_CHAINS))
def test_heuristic_carries_apart_chains_across(name: str) -> None:
    instance, expected = APART_CHAINS[name]
    optimum = brute_force(instance)
    assert optimum == pytest.approx(expected)
    original = groups.EXACT_MAX_PEOPLE
    groups.EXACT_MAX_PEOPLE = 0  # force the tabu search
    try:
        solution = solve(instance, time_limit=0.3)
    finally:
        groups.EXACT_MAX_PEOPLE = original
    assert check(instance, solution).ok
    assert solution["objective"] == pytest.approx(optimum)


@pytest.mark.parametrize("name", sorted(PROVEN))
def test_mdgplib_small_instances_reach_the_proven_optimum(name: str) -> None:
    instance = mdgplib(name)
    solution = solve(instance, time_limit=10)
    assert check(instance, solution).ok
    assert solution["status"] == "optimal"
    assert round(solution["objective"], 2) == pytest.approx(PROVEN[name], abs=0.011)


def test_same_seed_gives_the_same_groups() -> None:
    instance = mdgplib("RanReal_n030_ss_01")
    inst = parse_groups(instance)
    first = groups.solve_groups(inst, time_limit=30, seed=7, max_rounds=3)
    second = groups.solve_groups(inst, time_limit=30, seed=7, max_rounds=3)
    assert first.groups == second.groups


def test_time_limit_is_respected() -> None:
    instance = mdgplib("RanReal_n120_ss_01")
    solution = solve(instance, time_limit=0.5)
    assert solution["seconds"] < 1.5
    assert check(instance, solution).ok


def test_perfect_spread_is_proven_optimal_quickly() -> None:
    people = [{"id": f"p{i}", "attributes": {"unit": UNITS[i % 4]}} for i in range(40)]
    instance = {
        "kind": "groups",
        "people": people,
        "groups": {"count": 4, "min_size": 10, "max_size": 10},
        "criteria": [{"attribute": "unit", "weight": 1}],
    }
    solution = solve(instance, time_limit=5)
    assert solution["status"] == "optimal"
    assert solution["seconds"] < 2


def _base(n: int = 6) -> dict[str, Any]:
    return {
        "kind": "groups",
        "people": [{"id": f"p{i}"} for i in range(n)],
        "groups": {"count": 2, "min_size": 3, "max_size": 3},
        "criteria": [],
    }


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"together": [["p0", "p1", "p2", "p3"]]}, "together[0]"),
        ({"groups": {"sizes": [3, 4]}}, "add up to 7"),
        ({"groups": {"count": 2, "min_size": 4, "max_size": 5}}, "at least 4"),
        ({"groups": {"count": 2, "min_size": 1, "max_size": 2}}, "at most 2"),
        ({"together": [["p0", "p1"]], "pinned": {"p0": 0, "p1": 1}}, "pinned.p1"),
        ({"together": [["p0", "p1"]], "apart": [["p1", "p0"]]}, "apart[0]"),
        ({"apart": [["p0", "p1"]], "pinned": {"p0": 1, "p1": 1}}, "apart[0]"),
        ({"pinned": {"p0": 0, "p1": 0, "p2": 0, "p3": 0}}, "group 0"),
        (
            {"together": [["p0", "p1"], ["p2", "p3"], ["p4", "p5"]]},
            "together[",
        ),
    ],
)
def test_infeasible_groups_name_the_conflict(change: dict[str, Any], named: str) -> None:
    with pytest.raises(Infeasible) as caught:
        solve({**_base(), **change}, time_limit=2)
    assert named in caught.value.message or named in " ".join(caught.value.conflicts)


@settings(max_examples=15, deadline=None)
@given(n=st.integers(4, 20), extra=st.integers(1, 3), count=st.integers(2, 4))
def test_random_oversized_together_set_is_named(n: int, extra: int, count: int) -> None:
    size = math.ceil(n / count)
    if size + extra > n:
        return
    instance = {
        "kind": "groups",
        "people": [{"id": f"p{i}"} for i in range(n)],
        "groups": {"count": count, "min_size": 0, "max_size": size},
        "together": [[f"p{i}" for i in range(size + extra)]],
    }
    with pytest.raises(Infeasible) as caught:
        solve(instance, time_limit=1)
    assert "together[0]" in caught.value.conflicts


def test_distance_bound_is_valid_for_negative_distances() -> None:
    rng = np.random.default_rng(3)
    d = rng.normal(size=(8, 8))
    d = (d + d.T).round(3)
    np.fill_diagonal(d, 0)
    instance = {
        "kind": "groups",
        "people": [{"id": f"p{i}"} for i in range(8)],
        "groups": {"count": 3, "min_size": 2, "max_size": 3},
        "distances": d.tolist(),
    }
    optimum = brute_force(instance)
    inst = parse_groups(instance)
    assert upper_bound(inst, distance_matrix(inst)) >= optimum - 1e-9
    assert solve(instance)["objective"] == pytest.approx(optimum)
