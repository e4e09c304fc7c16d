"""Read MDGPLIB instances (vendored in tests/data/mdgplib) into the groups JSON format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

# The instances the tests and this benchmark's default run read, kept in the repository.
MDGPLIB = Path(__file__).resolve().parents[2] / "tests" / "data" / "mdgplib"

# Proven optima from tests/data/mdgplib/README.md (rounded there; we recompute exactly).
PROVEN_OPTIMA = {
    "Geo_n010_ss_01": 3660.67,
    "RanInt_n010_ss_01": 1292,
    "RanReal_n010_ss_01": 1427.85,
    "Geo_n012_ss_01": 716.46,
    "RanInt_n012_ss_01": 985,
    "RanReal_n012_ss_01": 956.43,
}


def path_of(name: str) -> Path:
    return MDGPLIB / name.split("_")[0] / f"{name}.txt"


def load(name: str) -> dict[str, Any]:
    """The instance as a `groups` JSON instance with a `distances` matrix."""
    lines = path_of(name).read_text().split("\n")
    head = lines[0].split()
    n, m = int(head[0]), int(head[1])
    bounds = [(int(head[3 + 2 * g]), int(head[4 + 2 * g])) for g in range(m)]
    d = [[0.0] * n for _ in range(n)]
    for line in lines[1:]:
        parts = line.split()
        if len(parts) != 3:
            continue
        i, j, v = int(parts[0]), int(parts[1]), float(parts[2])
        d[i][j] = d[j][i] = v
    lows = {lo for lo, _ in bounds}
    highs = {hi for _, hi in bounds}
    if len(lows) == 1 and len(highs) == 1:
        spec: dict[str, Any] = {"count": m, "min_size": bounds[0][0], "max_size": bounds[0][1]}
    elif all(lo == hi for lo, hi in bounds):
        spec = {"sizes": [lo for lo, _ in bounds]}
    else:
        spec = {"ranges": [[lo, hi] for lo, hi in bounds]}
    return {
        "kind": "groups",
        "people": [{"id": f"e{i}"} for i in range(n)],
        "groups": spec,
        "criteria": [],
        "distances": d,
    }
