"""Plantskola's composition engine: mixed groups, optimal selection, job-shadowing matches.

Pure Python (NumPy, SciPy, OR-Tools), no Django. The web app calls the typed functions;
the command line and the benchmark use `solve`, which speaks the JSON formats of
docs/composition-format.md.

    solve(instance_dict, time_limit=10, seed=0) -> solution_dict
    solve_groups(GroupsInstance, ...) -> GroupsResult
    solve_selection(SelectionInstance, ...) -> SelectionResult
    solve_matching(MatchingInstance, ...) -> MatchingResult
"""

from __future__ import annotations

import time
from typing import Any

from .errors import CompositionError, Infeasible, MalformedInstance
from .groups import GroupsResult, solve_groups
from .matching import MatchingResult, solve_matching
from .model import (
    GroupsInstance,
    Instance,
    MatchingInstance,
    SelectionInstance,
    parse_instance,
)
from .selection import SelectionResult, solve_selection

__all__ = [
    "CompositionError",
    "GroupsInstance",
    "GroupsResult",
    "Infeasible",
    "Instance",
    "MalformedInstance",
    "MatchingInstance",
    "MatchingResult",
    "SelectionInstance",
    "SelectionResult",
    "parse_instance",
    "solve",
    "solve_groups",
    "solve_instance",
    "solve_matching",
    "solve_selection",
]


def solve_instance(
    inst: Instance, *, time_limit: float = 10.0, seed: int = 0
) -> GroupsResult | SelectionResult | MatchingResult:
    """Solve a parsed instance of any kind."""
    if isinstance(inst, GroupsInstance):
        return solve_groups(inst, time_limit=time_limit, seed=seed)
    if isinstance(inst, SelectionInstance):
        return solve_selection(inst, time_limit=time_limit, seed=seed)
    return solve_matching(inst, time_limit=time_limit, seed=seed)


def solve(
    instance: dict[str, Any],
    *,
    time_limit: float = 10.0,
    seed: int = 0,
    started: float | None = None,
) -> dict[str, Any]:
    """Solve a JSON-shaped instance and return the JSON-shaped solution.

    `started` (a `time.monotonic()` value) counts the time limit from then rather than from
    the solver's start, so reading and parsing the instance come out of the same budget.

    Raises `MalformedInstance` (names the field) or `Infeasible` (names the conflict).
    A selection that had to choose fewer than `capacity` carries a `_notes` entry saying
    so; the command line prints it to stderr and drops it from the solution file.
    """
    inst = parse_instance(instance)
    if started is not None:
        time_limit = max(0.05, time_limit - (time.monotonic() - started))
    result = solve_instance(inst, time_limit=time_limit, seed=seed)
    solution = result.as_dict()
    if isinstance(result, SelectionResult) and result.shortfall:
        solution["_notes"] = [
            f"only {len(result.chosen)} chosen: {result.shortfall} fewer than capacity because "
            "there are not enough candidates"
        ]
    return solution
