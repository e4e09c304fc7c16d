"""The command line: exit codes 0 / 1 / 2, output to stdout or -o, field names on errors."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plantskola.composition.checker import check

REPO = Path(__file__).resolve().parents[2]

GROUPS: dict[str, Any] = {
    "kind": "groups",
    "people": [
        {"id": f"p{i}", "attributes": {"unit": "ab"[i % 2]}, "numbers": {"age": 30 + i}}
        for i in range(6)
    ],
    "groups": {"count": 2, "min_size": 3, "max_size": 3},
    "criteria": [{"attribute": "unit", "weight": 2}, {"number": "age", "weight": 1}],
    "together": [["p0", "p2"]],
    "apart": [["p1", "p3"]],
    "pinned": {"p4": 1},
    "distances": None,
}
SELECTION: dict[str, Any] = {
    "kind": "selection",
    "capacity": 2,
    "candidates": [
        {"id": "c1", "score": 3, "attributes": {"unit": "a"}},
        {"id": "c2", "score": 2, "attributes": {"unit": "a"}},
        {"id": "c3", "score": 1, "attributes": {"unit": "b"}},
    ],
    "rules": [{"attribute": "unit", "max_per_value": 1}],
    "include": [],
    "exclude": [],
}
MATCHING: dict[str, Any] = {
    "kind": "matching",
    "participants": [{"id": "a1", "attributes": {"unit": "x"}, "preferences": ["h1", "h2"]}],
    "hosts": [
        {"id": "h1", "attributes": {"unit": "x"}, "capacity": 1},
        {"id": "h2", "attributes": {"unit": "y"}, "capacity": 1},
    ],
    "different": ["unit"],
    "scores": None,
}


def test_each_kind_solves_with_exit_0_and_a_checked_solution(compose: Callable[..., Any]) -> None:
    for instance in (GROUPS, SELECTION, MATCHING):
        run = compose(instance, "--time-limit", "1")
        assert run.code == 0, run.stderr
        assert run.solution["kind"] == instance["kind"]
        assert check(instance, run.solution).ok


def test_selection_explains_the_left_out_higher_scorer(compose: Callable[..., Any]) -> None:
    run = compose(SELECTION)
    assert run.solution["chosen"] == ["c1", "c3"]
    assert "rules[0]" in run.solution["explanations"]["c2"]


def test_module_runs_as_a_script_and_prints_to_stdout(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps(MATCHING))
    done = subprocess.run(  # noqa: S603 fixed arguments, our own module
        [sys.executable, "-m", "plantskola.composition.cli", str(path), "--seed", "3"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["pairs"] == {"a1": "h2"}


_NO_DJANGO = """
import sys
from plantskola.__main__ import main
sys.argv = ["plantskola", "compose", sys.argv[1], "--time-limit", "0.2", "-o", sys.argv[2]]
try:
    main()
except SystemExit as done:
    print(done.code, any(m.split(".")[0] in ("django", "ortools", "scipy") for m in sys.modules))
"""


def test_plantskola_compose_loads_neither_django_nor_cp_sat(tmp_path: Path) -> None:
    """`plantskola compose` starts without Django (seconds of start-up otherwise) and a
    groups instance needs no CP-SAT or SciPy either, so the user's time goes to the search."""
    path = tmp_path / "g.json"
    path.write_text(json.dumps(GROUPS))
    out = tmp_path / "s.json"
    done = subprocess.run(  # noqa: S603 fixed arguments, our own module
        [sys.executable, "-c", _NO_DJANGO, str(path), str(out)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert done.stdout.split() == ["0", "False"], done.stderr
    assert check(GROUPS, json.loads(out.read_text())).ok


def test_infeasible_instance_exits_1_naming_the_conflict(compose: Callable[..., Any]) -> None:
    instance = copy.deepcopy(MATCHING)
    instance["hosts"] = instance["hosts"][:1]
    instance["participants"][0]["preferences"] = ["h1"]
    run = compose(instance)
    assert run.code == 1
    assert "a1" in run.stderr and "different: unit" in run.stderr


def test_invalid_json_exits_2(compose: Callable[..., Any]) -> None:
    run = compose("{not json")
    assert run.code == 2
    assert "not valid JSON" in run.stderr


def test_unknown_top_level_field_exits_2_naming_it(compose: Callable[..., Any]) -> None:
    run = compose({**GROUPS, "apartt": []})
    assert run.code == 2
    assert "'apartt'" in run.stderr


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every location in a JSON document, as a path of keys and indices."""
    found = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            found += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += _paths(v, (*prefix, i))
    return found


def _field_name(path: tuple[Any, ...]) -> str:
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name


def _get(doc: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        doc = doc[part]
    return doc


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    base=st.sampled_from([GROUPS, SELECTION, MATCHING]),
    pick=st.integers(min_value=0, max_value=10_000),
    mutation=st.sampled_from(["unknown_field", "wrong_type"]),
)
def test_malformed_instances_exit_2_naming_the_field(
    compose: Callable[..., Any], base: dict[str, Any], pick: int, mutation: str
) -> None:
    doc = copy.deepcopy(base)
    if mutation == "unknown_field":
        objects = [p for p in _paths(doc) if isinstance(_get(doc, p), dict)]
        path = objects[pick % len(objects)]
        target = _get(doc, path)
        # Maps keyed by ids (scores, pinned, attributes, numbers) have no fixed field set;
        # an unknown *id* there is also an error, but named as an unknown id.
        target["zz_unknown"] = 1 if "attributes" not in path else "x"
        expected = _field_name((*path, "zz_unknown"))
    else:
        leaves = [
            p
            for p in _paths(doc)
            if p and p[0] != "kind" and isinstance(_get(doc, p), int | float | str)
        ]
        path = leaves[pick % len(leaves)]
        parent = _get(doc, path[:-1])
        value = parent[path[-1]]
        parent[path[-1]] = [value]  # a list where a scalar belongs
        expected = _field_name(path)
    run = compose(doc, "--time-limit", "0.5")
    if mutation == "unknown_field" and "attributes" in path and run.code == 0:
        return  # an extra attribute is legitimate data, not a malformed field
    if mutation == "unknown_field" and path and path[-1] == "numbers" and run.code == 0:
        return  # an extra number nobody uses is legitimate data
    assert run.code == 2, (doc, run.stderr)
    assert expected in run.stderr, (expected, run.stderr)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    n=st.integers(4, 12),
    flaw=st.sampled_from(["team", "sizes", "pins", "apart_team", "apart_pins", "rules"]),
)
def test_random_infeasible_instances_exit_1_naming_the_conflict(
    compose: Callable[..., Any], n: int, flaw: str
) -> None:
    people = [{"id": f"p{i}"} for i in range(n)]
    half = n // 2
    groups: dict[str, Any] = {
        "kind": "groups",
        "people": people,
        "groups": {"count": 2, "min_size": half, "max_size": n - half},
    }
    if flaw == "team":
        instance, named = {**groups, "together": [[p["id"] for p in people]]}, "together[0]"
    elif flaw == "sizes":
        instance, named = {**groups, "groups": {"sizes": [half, n - half + 1]}}, "groups"
    elif flaw == "pins":
        instance = {**groups, "together": [["p0", "p1"]], "pinned": {"p0": 0, "p1": 1}}
        named = "pinned.p1"
    elif flaw == "apart_team":
        instance = {**groups, "together": [["p0", "p1"]], "apart": [["p0", "p1"]]}
        named = "apart[0]"
    elif flaw == "apart_pins":
        instance = {**groups, "apart": [["p2", "p3"]], "pinned": {"p2": 1, "p3": 1}}
        named = "apart[0]"
    else:
        instance = {
            "kind": "selection",
            "capacity": half,
            "candidates": [
                {"id": f"c{i}", "score": i, "attributes": {"unit": "ab"[i % 2]}} for i in range(n)
            ],
            "rules": [{"attribute": "unit", "min_per_value": {"a": n}}],
        }
        named = "rules[0]"
    run = compose(instance, "--time-limit", "2")
    assert run.code == 1, run.stderr
    assert named in run.stderr
