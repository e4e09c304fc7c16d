"""`plantskola compose` is the composition engine's command line, exit codes included."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plantskola", "compose", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_compose_solves_a_selection_and_writes_the_solution(tmp_path: Path) -> None:
    instance = {
        "kind": "selection",
        "capacity": 2,
        "candidates": [
            {"id": "a", "score": 3, "attributes": {"administration": "x"}},
            {"id": "b", "score": 2, "attributes": {"administration": "x"}},
            {"id": "c", "score": 1, "attributes": {"administration": "y"}},
        ],
        "rules": [{"attribute": "administration", "max_per_value": 1}],
        "include": [],
        "exclude": [],
    }
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(instance), encoding="utf-8")
    out = tmp_path / "solution.json"
    result = run(str(path), "--time-limit", "5", "--seed", "1", "-o", str(out))
    assert result.returncode == 0, result.stderr
    solution = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(solution["chosen"]) == ["a", "c"]
    assert solution["status"] == "optimal"
    assert "b" in solution["explanations"]


def test_compose_exits_2_and_names_the_field_of_a_malformed_instance(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"kind": "selection", "capacity": 2}), encoding="utf-8")
    result = run(str(path))
    assert result.returncode == 2
    assert "candidates" in result.stderr


def test_compose_exits_1_and_names_the_conflict_of_an_infeasible_instance(tmp_path: Path) -> None:
    instance = {
        "kind": "groups",
        "people": [{"id": f"p{i}", "attributes": {"a": "x"}, "numbers": {}} for i in range(6)],
        "groups": {"count": 2, "min_size": 3, "max_size": 3},
        "criteria": [{"attribute": "a", "weight": 1}],
        "together": [["p0", "p1", "p2", "p3"]],
        "apart": [],
        "pinned": {},
        "distances": None,
    }
    path = tmp_path / "infeasible.json"
    path.write_text(json.dumps(instance), encoding="utf-8")
    result = run(str(path))
    assert result.returncode == 1
    assert "together" in result.stderr
