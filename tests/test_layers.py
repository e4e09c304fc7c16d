"""The house depends downward: the import rules of tests/layers.py hold for plantskola/, and
the checker itself finds each kind of breach in a small made-up package."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.layers import ROOT, load_modules, violations


def test_the_house_depends_downward() -> None:
    assert violations(load_modules()) == []


def test_composition_imports_nothing_of_django() -> None:
    offenders = []
    for path in sorted((ROOT / "plantskola" / "composition").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "django"]
    assert offenders == []


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, source in {"plantskola/__init__.py": "", **files}.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        for parent in path.relative_to(tmp_path).parents:
            init = tmp_path / parent / "__init__.py"
            if parent != Path(".") and not init.exists():
                init.write_text("")
        path.write_text(source)
    return tmp_path


CLEAN = {
    "plantskola/core/models.py": "",
    "plantskola/programmes/models.py": "from plantskola.core.models import *\n",
    "plantskola/access/programmes.py": "from plantskola.programmes.models import *\n",
    "plantskola/programmes/services.py": "from plantskola.access.programmes import *\n",
    "plantskola/programmes/views.py": "from plantskola.programmes import services\n",
    "plantskola/programmes/apps.py": "def ready():\n    from plantskola.programmes import views\n",
}


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({}, None),
        (
            {"plantskola/core/services.py": "from plantskola.programmes.models import X\n"},
            "core imports the app programmes, not below it",
        ),
        (
            {"plantskola/core/selectors.py": "def f():\n    from plantskola.core import models\n"},
            "function-local import",
        ),
        (
            {"plantskola/access/core.py": "from plantskola.programmes import services\n"},
            "access imports more than models",
        ),
        (
            {"plantskola/core/models.py": "from plantskola.access import programmes\n"},
            "models import the access layer",
        ),
        (
            {"plantskola/programmes/services.py": "from plantskola.programmes import views\n"},
            "lower layer imports a higher one",
        ),
        (
            {"plantskola/composition/groups.py": "from plantskola.core import models\n"},
            "composition depends on Plantskola",
        ),
        (
            {
                "plantskola/programmes/calendar.py": "from plantskola.programmes import mail\n",
                "plantskola/programmes/mail.py": "from plantskola.programmes import calendar\n",
            },
            "import cycle: plantskola.programmes.calendar -> plantskola.programmes.mail",
        ),
    ],
)
def test_the_checker_finds_each_kind_of_breach(
    tmp_path: Path, files: dict[str, str], expected: str | None
) -> None:
    root = _package(tmp_path, {**CLEAN, **files})
    found = violations(load_modules(root))
    if expected is None:
        assert found == []
    else:
        assert any(problem.startswith(expected) for problem in found), found


def test_imports_under_type_checking_make_no_cycle_but_still_count_for_ranks(
    tmp_path: Path,
) -> None:
    guarded = (
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from plantskola.{} import x\n"
    )
    root = _package(
        tmp_path,
        {
            **CLEAN,
            "plantskola/programmes/a.py": guarded.format("programmes.b"),
            "plantskola/programmes/b.py": "from plantskola.programmes import a\n",
            "plantskola/core/a.py": guarded.format("programmes.models"),
        },
    )
    found = violations(load_modules(root))
    assert len(found) == 1 and found[0].startswith("core imports the app programmes"), found
