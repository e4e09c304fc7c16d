"""The repository is self-contained: nothing in it reads or links outside its own tree.

On a fresh clone with nothing beside it every test and the benchmark must still find their
data, and every link in the documents must resolve. So no file may point into the folder of
shared material that once lay next to the checkout: not by a relative path (two dots, a
slash, the folder's name), not by a path built in code (`parents[3] / "<name>"`,
`os.path.join(root, "<name>")`), and not by naming its subfolders (`<name>/seeds`). Test data
belongs in `tests/data/`, design documents in `docs/`.

The patterns are built from parts, so this file does not match itself.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# What is searched: these folders and files, as the repository holds them.
FOLDERS = ("plantskola", "tests", "bench", "docs")
FILES = ("Makefile", "README.md", ".ci/run")

# Build output and installed packages, never part of the repository (used without git only).
SKIP_DIRS = {
    ".git",
    ".venv",
    "node_modules",
    "__pycache__",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".peers-venv",
    "results",
    "test-results",
}

NAME = "sha" + "red"
# The subfolders the shared material had; naming one of them is a reference to it.
SUBFOLDERS = "(?:" + "|".join(("docs", "mdgplib", "seeds", "hooks")) + ")"
QUOTE = "[\"']"

PATTERNS: dict[str, re.Pattern[str]] = {
    # ../<name> or ..\<name> (a relative path out of the repository)
    "relative path": re.compile(r"\.\.[/\\]+" + NAME + r"\b"),
    # parents[3] / "<name>", root / "<name>/x"
    "path join with /": re.compile(r"/\s*" + QUOTE + NAME + "(?:" + QUOTE + "|/)"),
    # "<name>" / "mdgplib"
    "path join with / (left)": re.compile(QUOTE + NAME + QUOTE + r"\s*/"),
    # os.path.join(root, "<name>"), Path.joinpath("<name>"), Path("..", "<name>")
    "path join call": re.compile(
        r"(?:join|joinpath|Path)\([^)\n]*" + QUOTE + NAME + "(?:" + QUOTE + "|/)"
    ),
    # `<name>/seeds`: the folder named as if it were at hand
    "folder beside the repository": re.compile(r"(?<![\w./-])" + NAME + "/" + SUBFOLDERS + r"\b"),
    # /somewhere/<name>/docs: an absolute path to it
    "absolute path": re.compile(r"(?<![\w.-])/(?:[\w.-]+/)*" + NAME + "/" + SUBFOLDERS + r"\b"),
}


def _in_scope(relative: str) -> bool:
    return relative in FILES or relative.split("/", 1)[0] in FOLDERS


def _git_files() -> list[str] | None:
    """Tracked files plus new files not yet added (but not ignored ones), or None without git."""
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        return None
    done = subprocess.run(
        [git, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        return None
    return [name for name in done.stdout.decode("utf-8").split("\0") if name]


def _walked_files() -> list[str]:
    found: list[str] = []
    for top, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.endswith(".egg-info")]
        for name in files:
            found.append(Path(top, name).relative_to(ROOT).as_posix())
    return found


def repository_files() -> list[str]:
    names = _git_files()
    if names is None:
        names = _walked_files()
    return sorted(name for name in names if _in_scope(name) and (ROOT / name).is_file())


def references_outside(text: str) -> list[tuple[int, str, str]]:
    """(line number, the patterns it matches, the line) per line that refers out of the
    repository."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        labels = [label for label, pattern in PATTERNS.items() if pattern.search(line)]
        if labels:
            found.append((number, ", ".join(labels), line.strip()))
    return found


def test_no_file_reads_or_links_outside_the_repository() -> None:
    files = repository_files()
    assert "README.md" in files and "tests/test_self_contained.py" in files
    problems = []
    for name in files:
        content = (ROOT / name).read_bytes()
        if b"\0" in content[:8192]:
            continue  # binary
        for number, label, line in references_outside(content.decode("utf-8", "replace")):
            problems.append(f"{name}:{number}: {label}: {line[:120]}")
    assert not problems, (
        "These lines refer to a folder outside the repository; vendor what they need under "
        "tests/data/ or docs/ and point there instead:\n" + "\n".join(problems)
    )


@pytest.mark.parametrize(
    "line",
    [
        "# " + ".." + "/" + NAME + "/x",
        "see `" + ".." + "/" + NAME + "/docs/architecture.md`",
        "MDGPLIB = Path(__file__).resolve().parents[3] / " + '"' + NAME + '" / "mdgplib"',
        "base = here.parent / '" + NAME + "/seeds'",
        "os.path.join(ROOT, " + '"..", "' + NAME + '", "mdgplib")',
        "from the texts in `" + NAME + "/seeds`",
        "cat /work/" + NAME + "/mdgplib/README.md",
    ],
)
def test_a_reference_outside_is_caught(line: str) -> None:
    assert references_outside(line), line


@pytest.mark.parametrize(
    "line",
    [
        "Pia's plan, " + NAME + " with her closest manager",
        '{"text": "Delad tanke", "' + NAME + '": "on"}',
        "defaults={'text': text, '" + NAME + "': " + NAME + "}",
        "with several app servers use a " + NAME + " one",
        "plantskola/templates/" + NAME + "/docs/x.html",
        "tests/data/mdgplib/RanReal/RanReal_n030_ss_01.txt",
    ],
)
def test_ordinary_words_and_paths_inside_are_not_caught(line: str) -> None:
    assert not references_outside(line), line
