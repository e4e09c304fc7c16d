"""The independent checker rejects every kind of broken solution and rescores."""

from __future__ import annotations

import ast
from pathlib import Path

from plantskola.composition.checker import check

INSTANCE = {
    "kind": "groups",
    "people": [
        {"id": "a", "attributes": {"unit": "x"}, "numbers": {"age": 30}},
        {"id": "b", "attributes": {"unit": "y"}, "numbers": {"age": 40}},
        {"id": "c", "attributes": {"unit": "x"}, "numbers": {"age": 50}},
        {"id": "d", "numbers": {"age": 60}},
    ],
    "groups": {"count": 2, "min_size": 2, "max_size": 2},
    "criteria": [{"attribute": "unit", "weight": 2}, {"number": "age", "weight": 3}],
    "together": [["a", "b"]],
    "apart": [["c", "d"]],
    "pinned": {"a": 0},
}


def test_valid_grouping_is_rescored_by_the_formula() -> None:
    result = check(INSTANCE, {"kind": "groups", "groups": [["a", "b"], ["c", "d"]], "objective": 0})
    # apart is broken here (c, d together), but the objective is still recomputed:
    # unit: a≠b (2) + c≠d ("x" vs "") (2); age: 3·(10 + 10)/30 = 2.
    assert result.objective == 6
    assert any("apart[0]" in v for v in result.violations)
    assert any("claimed objective" in note for note in result.notes)


def test_each_broken_constraint_is_reported() -> None:
    solution = {"kind": "groups", "groups": [["c", "b", "a"], ["d"]]}
    result = check(INSTANCE, solution)
    assert not result.ok
    assert result.score is None
    assert any("group 0 has 3" in v for v in result.violations)
    broken = {"kind": "groups", "groups": [["c", "b"], ["a", "d"]]}
    text = " ".join(check(INSTANCE, broken).violations)
    assert "together[0]" in text and "pinned" in text


def test_checker_imports_nothing_from_the_solver() -> None:
    source = Path(__file__).resolve().parents[2] / "plantskola" / "composition" / "checker.py"
    tree = ast.parse(source.read_text())
    imported = [
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    ] + [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    assert not [m for m in imported if "composition" in m or m.startswith(".")]
    assert all(node.level == 0 for node in ast.walk(tree) if isinstance(node, ast.ImportFrom))
