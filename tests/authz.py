"""The authorization matrix's vocabulary, shared by tests/core/test_authorization_matrix.py
and the tests/<app>/authz_rows.py files in which each app declares the rows of its URLs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.conftest import ROLES, World


@dataclass
class Row:
    name: str
    args: Callable[[World], list[Any]]
    expected: dict[str, int]
    method: str = "get"
    data: dict[str, Any] | None = None


def roles(default: int, anonymous: int = 302, **overrides: int) -> dict[str, int]:
    table = {role: default for role in ROLES}
    table["anonymous"] = anonymous
    table.update(overrides)
    return table


def no_args(w: World) -> list[Any]:
    return []


# Who may change the host's edition: admin, hr, coordinator. Who sees it: also the course
# leader, steering group, participant and partner staff; the manager and outsider do not.
CHANGE_EDITION = roles(403, admin=200, hr=200, coordinator=200, manager=404, outsider=404)
VIEW_EDITION = roles(200, manager=404, outsider=404)
