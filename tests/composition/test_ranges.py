"""Per-group size ranges (`"groups": {"ranges": [[lo, hi], ...]}`): MDGPLIB's ds instances
and programmes whose rooms hold different numbers of people."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from plantskola.composition import Infeasible, MalformedInstance, groups, solve
from plantskola.composition.checker import check
from plantskola.composition.model import parse_groups
from tests.composition.test_groups import mdgplib

# Optima of the vendored 12-element ds instances (branch and bound, confirmed by the
# heuristic path below), rounded to two decimals.
DS_OPTIMA = {
    "Geo_n012_ds_01": 807.68,
    "RanInt_n012_ds_01": 1059,
    "RanReal_n012_ds_01": 1050.35,
}


def _people(n: int) -> list[dict[str, Any]]:
    return [{"id": f"p{i}", "attributes": {"unit": "abc"[i % 3]}} for i in range(n)]


def test_ranges_give_each_group_its_own_bounds() -> None:
    inst = parse_groups(
        {"kind": "groups", "people": _people(9), "groups": {"ranges": [[1, 2], [3, 7]]}}
    )
    assert inst.min_sizes == (1, 3)
    assert inst.max_sizes == (2, 7)
    assert not inst.fixed_sizes
    fixed = parse_groups(
        {"kind": "groups", "people": _people(5), "groups": {"ranges": [[2, 2], [3, 3]]}}
    )
    assert fixed.fixed_sizes


@pytest.mark.parametrize(
    ("spec", "field"),
    [
        ({"ranges": []}, "groups.ranges"),
        ({"ranges": [[3]]}, "groups.ranges[0]"),
        ({"ranges": [[2, 3], [5, 4]]}, "groups.ranges[1][1]"),
        ({"ranges": [[2, "x"]]}, "groups.ranges[0][1]"),
        ({"ranges": [[-1, 3]]}, "groups.ranges[0][0]"),
        ({"ranges": [[1, 3]], "count": 1}, "groups"),
        ({"ranges": "1-3"}, "groups.ranges"),
    ],
)
def test_malformed_ranges_name_the_field(spec: dict[str, Any], field: str) -> None:
    with pytest.raises(MalformedInstance) as caught:
        parse_groups({"kind": "groups", "people": _people(4), "groups": spec})
    assert caught.value.field.startswith(field)


@pytest.mark.parametrize(
    ("ranges", "words"),
    [
        ([[1, 2], [1, 3]], "maximum sizes add up to 5"),
        ([[3, 4], [4, 5]], "minimum sizes add up to 7"),
    ],
)
def test_ranges_that_cannot_hold_everyone_are_infeasible(
    ranges: list[list[int]], words: str
) -> None:
    with pytest.raises(Infeasible) as caught:
        solve({"kind": "groups", "people": _people(6), "groups": {"ranges": ranges}}, time_limit=1)
    assert words in caught.value.message
    assert "groups.ranges" in caught.value.conflicts


def test_pins_respect_the_small_group() -> None:
    instance = {
        "kind": "groups",
        "people": _people(7),
        "groups": {"ranges": [[1, 1], [2, 6]]},
        "pinned": {"p0": 0, "p1": 0},
    }
    with pytest.raises(Infeasible) as caught:
        solve(instance, time_limit=1)
    assert "group 0" in caught.value.message


@pytest.mark.parametrize("name", sorted(DS_OPTIMA))
def test_mdgplib_ds_instances_load_solve_and_verify(name: str) -> None:
    instance = mdgplib(name)
    assert "ranges" in instance["groups"]
    solution = solve(instance, time_limit=10)
    result = check(instance, solution)
    assert result.ok, result.violations
    assert solution["status"] == "optimal"
    assert round(result.objective, 2) == pytest.approx(DS_OPTIMA[name], abs=0.011)
    original = groups.EXACT_MAX_PEOPLE
    groups.EXACT_MAX_PEOPLE = 0  # the heuristic path must respect every range too
    try:
        heuristic = solve(instance, time_limit=0.5)
    finally:
        groups.EXACT_MAX_PEOPLE = original
    assert check(instance, heuristic).ok
    assert heuristic["objective"] == pytest.approx(result.objective)


def test_larger_ds_instance_solves_within_its_ranges() -> None:
    rng = np.random.default_rng(5)
    n = 90
    d = rng.uniform(0, 100, size=(n, n)).round(3)
    d = np.triu(d, 1)
    d = d + d.T
    ranges = [[8, 12], [9, 10], [7, 14], [10, 11], [6, 9], [9, 13], [8, 10], [10, 12]]
    instance = {
        "kind": "groups",
        "people": [{"id": f"e{i}"} for i in range(n)],
        "groups": {"ranges": ranges},
        "distances": d.tolist(),
    }
    solution = solve(instance, time_limit=0.5, seed=1)
    result = check(instance, solution)
    assert result.ok, result.violations
    sizes = [len(g) for g in solution["groups"]]
    assert all(lo <= s <= hi for s, (lo, hi) in zip(sizes, ranges, strict=True))


def test_checker_catches_a_group_outside_its_range(compose: Callable[..., Any]) -> None:
    instance = {"kind": "groups", "people": _people(5), "groups": {"ranges": [[1, 2], [3, 3]]}}
    run = compose(instance, "--time-limit", "1")
    assert run.code == 0
    assert check(instance, run.solution).ok
    bad = {"kind": "groups", "groups": [["p0", "p1", "p2"], ["p3", "p4"]]}
    violations = check(instance, bad).violations
    assert any("group 0 has 3 people, allowed 1..2" in v for v in violations)


def test_a_team_crossing_an_apart_pair_may_grow_its_new_group() -> None:
    """Found by the randomised test: the optimum has the 4-person team in the other group
    together with the pinned p6 and two more (sizes 4 and 6), reachable only if the team
    crosses with its apart partner p5 and the sizes change at the same time."""
    ages = [27, 45, 25, 27, 27, 26, 26, 45, 25, 25]
    units = ["soc", "teknik", "skola", "soc", "soc", "soc", "soc", "soc", "teknik", "soc"]
    instance = {
        "kind": "groups",
        "people": [
            {
                "id": f"p{i}",
                "attributes": {"unit": u, "gender": "m" if i == 8 else "w"},
                "numbers": {"age": a},
            }
            for i, (u, a) in enumerate(zip(units, ages, strict=True))
        ],  # fmt: skip
        "groups": {"count": 2, "min_size": 3, "max_size": 6},
        "criteria": [
            {"attribute": "unit", "weight": 1},
            {"attribute": "gender", "weight": 1},
            {"number": "age", "weight": 1},
        ],
        "together": [["p0", "p1", "p2", "p3"]],
        "apart": [["p0", "p5"]],
        "pinned": {"p6": 1},
    }
    exact = solve(instance, time_limit=10)
    assert exact["status"] == "optimal"
    assert exact["objective"] == pytest.approx(24.4)
    original = groups.EXACT_MAX_PEOPLE
    groups.EXACT_MAX_PEOPLE = 0  # the heuristic path
    try:
        heuristic = solve(instance, time_limit=0.3)
    finally:
        groups.EXACT_MAX_PEOPLE = original
    assert check(instance, heuristic).ok
    assert heuristic["objective"] == pytest.approx(24.4)
