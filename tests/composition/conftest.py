"""Shared helpers for the composition tests (plain pytest, no Django)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from plantskola.composition.cli import main

# The MDGPLIB instances the composition tests read, vendored (see its README.md).
MDGPLIB = Path(__file__).resolve().parents[1] / "data" / "mdgplib"


@dataclass
class Run:
    code: int
    solution: dict[str, Any] | None
    stderr: str


@pytest.fixture
def compose(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Run the command line in-process on an instance dict (or raw text)."""

    def run(instance: dict[str, Any] | str, *args: str) -> Run:
        path = tmp_path / "instance.json"
        text = instance if isinstance(instance, str) else json.dumps(instance)
        path.write_text(text, encoding="utf-8")
        out = tmp_path / "solution.json"
        if out.exists():
            out.unlink()
        capsys.readouterr()
        code = main([str(path), "-o", str(out), *args])
        err = capsys.readouterr().err
        solution = json.loads(out.read_text(encoding="utf-8")) if out.exists() else None
        return Run(code, solution, err)

    return run
