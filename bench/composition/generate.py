"""Generated MDGP instances of MDGPLIB's construction, for the sizes and kinds not vendored.

MDGPLIB (Gallego et al. 2013; see tests/data/mdgplib/README.md) has three classes:

- RanReal: d(i, j) uniform real in [0, 100] (three decimals, as in the library's files);
- RanInt: d(i, j) uniform integer in [0, 100];
- Geo: Euclidean distances between points with coordinates uniform in [0, 10], each
  instance with a random dimension between 2 and 20 (three decimals).

and two kinds of size constraint: `ss`, every group the same size range, and `ds`, each
group its own range. Here `ss` gives every group exactly n / m people (like the vendored
`ss` files) and `ds` gives group g the range [n/m − a_g, n/m + b_g] with a_g, b_g uniform
in 0 … ⌈n / (5m)⌉ (the vendored 12-element `ds` files have ranges 2–5 and 3–4 around 3), so
every ds instance is feasible. Group counts follow the library: n = 120 → 10 groups,
240 → 12, 480 → 20, 960 → 24.

These are *generated*, not the published files (which are not at hand offline): the
names end in `_g<seed>` so no one mistakes them for MDGPLIB's own instances. Everything
is determined by the name, e.g. `RanReal_n480_ds_g1`.
"""

from __future__ import annotations

import zlib
from typing import Any

import numpy as np

GROUPS_FOR = {120: 10, 240: 12, 480: 20, 960: 24}


def parse_name(name: str) -> tuple[str, int, str, int]:
    cls, size, kind, tag = name.split("_")
    if cls not in ("RanReal", "RanInt", "Geo") or kind not in ("ss", "ds") or tag[0] != "g":
        raise ValueError(f"not a generated instance name: {name}")
    return cls, int(size[1:]), kind, int(tag[1:])


def generate(name: str) -> dict[str, Any]:
    """The `groups` JSON instance (with a `distances` matrix) named `name`."""
    cls, n, kind, seed = parse_name(name)
    rng = np.random.default_rng(zlib.crc32(name.encode()) + seed)
    if cls == "RanReal":
        d = rng.uniform(0.0, 100.0, size=(n, n)).round(3)
    elif cls == "RanInt":
        d = rng.integers(0, 101, size=(n, n)).astype(np.float64)
    else:
        dim = int(rng.integers(2, 21))
        x = rng.uniform(0.0, 10.0, size=(n, dim))
        d = np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(axis=2)).round(3)
    d = np.triu(d, 1)
    d = d + d.T
    m = GROUPS_FOR.get(n, max(2, n // 12))
    size = n // m
    sizes = [size + (1 if g < n % m else 0) for g in range(m)]
    if kind == "ss" and n % m == 0:
        spec: dict[str, Any] = {"count": m, "min_size": size, "max_size": size}
    elif kind == "ss":
        spec = {"sizes": sizes}
    else:
        slack = -(-n // (5 * m))
        spec = {
            "ranges": [
                [s - int(rng.integers(0, slack + 1)), s + int(rng.integers(0, slack + 1))]
                for s in sizes
            ]
        }
    return {
        "kind": "groups",
        "people": [{"id": f"e{i}"} for i in range(n)],
        "groups": spec,
        "criteria": [],
        "distances": d.tolist(),
    }
