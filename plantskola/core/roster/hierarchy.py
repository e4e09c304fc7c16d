"""What a roster's rows say together: unique employee numbers, closest managers who are in
the file and no circles of managers, and a tree of units without contradictions or circles."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from plantskola.core.models import OrgUnit
from plantskola.core.roster.validation import RosterRow
from plantskola.core.spreadsheets import ErrorList, shorten


@dataclass
class UnitSpec:
    """A unit as its rows describe it: the first row naming it, and the row giving its parent."""

    code: str
    row: int
    name: str = ""
    kind: str = ""
    parent_code: str = ""
    parent_row: int = 0


def find_cycles(parent_of: dict[str, str | None]) -> list[list[str]]:
    """Cycles in a graph where every node has at most one parent, each listed once."""
    state: dict[str, int] = {}  # 1: on the current walk, 2: done
    cycles: list[list[str]] = []
    for start in parent_of:
        walk: list[str] = []
        node: str | None = start
        while node is not None and node in parent_of and state.get(node) is None:
            state[node] = 1
            walk.append(node)
            node = parent_of[node]
        if node is not None and state.get(node) == 1:
            cycles.append(walk[walk.index(node) :])
        for visited in walk:
            state[visited] = 2
    return cycles


def check_people(rows: list[RosterRow], errors: ErrorList) -> dict[str, RosterRow]:
    """Duplicates, unknown managers and manager cycles; returns the rows by employee number."""
    by_number: dict[str, RosterRow] = {}
    for row in rows:
        if not row.employee_number:
            continue
        first = by_number.get(row.employee_number)
        if first is not None:
            errors.add(
                "duplicate_employee_number",
                _("Row %(row)d: employee number '%(number)s' is already on row %(first)d.")
                % {"row": row.row, "number": shorten(row.employee_number), "first": first.row},
                row=row.row,
                column="employee_number",
            )
        else:
            by_number[row.employee_number] = row

    manager_of: dict[str, str | None] = {}
    for number, row in by_number.items():
        manager = row.manager_employee_number
        if not manager:
            manager_of[number] = None
        elif manager == number:
            errors.add(
                "manager_cycle",
                _("Row %(row)d: employee '%(number)s' is their own closest manager.")
                % {"row": row.row, "number": shorten(number)},
                row=row.row,
                column="manager_employee_number",
            )
            manager_of[number] = None
        elif manager not in by_number:
            errors.add(
                "unknown_manager",
                _("Row %(row)d: closest manager '%(manager)s' is not in the file.")
                % {"row": row.row, "manager": shorten(manager)},
                row=row.row,
                column="manager_employee_number",
            )
            manager_of[number] = None
        else:
            manager_of[number] = manager
    for cycle in find_cycles(manager_of):
        first_row = min(by_number[number].row for number in cycle)
        start = next(number for number in cycle if by_number[number].row == first_row)
        ordered = cycle[cycle.index(start) :] + cycle[: cycle.index(start)] + [start]
        errors.add(
            "manager_cycle",
            _("Row %(row)d: the closest managers go round in a circle: %(cycle)s.")
            % {"row": first_row, "cycle": " → ".join(shorten(n, 20) for n in ordered)},
            row=first_row,
            column="manager_employee_number",
        )
    return by_number


def check_units(
    rows: list[RosterRow],
    existing: dict[str, OrgUnit],
    parent_column: bool,
    errors: ErrorList,
) -> dict[str, UnitSpec]:
    """Gather each unit's name, kind and parent from its rows and check the resulting tree."""
    specs: dict[str, UnitSpec] = {}
    labels = {"name": _("name"), "kind": _("kind"), "parent_code": _("parent unit")}
    for row in rows:
        if not row.unit_code:
            continue
        spec = specs.setdefault(row.unit_code, UnitSpec(code=row.unit_code, row=row.row))
        stated = {"name": row.unit_name, "kind": row.unit_kind, "parent_code": row.parent_unit_code}
        for attribute, new in stated.items():
            old = getattr(spec, attribute)
            if not new:
                continue
            if not old:
                setattr(spec, attribute, new)
                if attribute == "parent_code":
                    spec.parent_row = row.row
            elif old != new:
                errors.add(
                    "bad_value",
                    _(
                        "Row %(row)d: unit '%(code)s' has %(attribute)s '%(new)s' here but "
                        "'%(old)s' on an earlier row."
                    )
                    % {
                        "row": row.row,
                        "code": shorten(row.unit_code),
                        "attribute": labels[attribute],
                        "new": shorten(new),
                        "old": shorten(old),
                    },
                    row=row.row,
                    column="unit_name"
                    if attribute == "name"
                    else "unit_kind"
                    if attribute == "kind"
                    else "parent_unit_code",
                )

    code_of = {unit.pk: code for code, unit in existing.items()}
    parent_of: dict[str, str | None] = {
        code: code_of.get(unit.parent_id) if unit.parent_id else None
        for code, unit in existing.items()
    }
    for code, spec in specs.items():
        if spec.parent_code and spec.parent_code not in specs and spec.parent_code not in existing:
            errors.add(
                "unknown_parent_unit",
                _(
                    "Row %(row)d: parent unit '%(parent)s' is neither a unit in the file nor "
                    "an existing unit."
                )
                % {"row": spec.parent_row, "parent": shorten(spec.parent_code)},
                row=spec.parent_row,
                column="parent_unit_code",
            )
        elif parent_column or code not in existing:
            parent_of[code] = spec.parent_code or None
    for cycle in find_cycles(parent_of):
        in_file = [code for code in cycle if code in specs]
        first = min(in_file, key=lambda code: specs[code].parent_row or specs[code].row)
        cycle_row = specs[first].parent_row or specs[first].row
        ordered = cycle[cycle.index(first) :] + cycle[: cycle.index(first)] + [first]
        errors.add(
            "unit_cycle",
            _("Row %(row)d: the units are placed under each other in a circle: %(cycle)s.")
            % {"row": cycle_row, "cycle": " → ".join(shorten(code, 20) for code in ordered)},
            row=cycle_row,
            column="parent_unit_code",
        )
    return specs


def by_level(nodes: set[str], parent_of: dict[str, str | None]) -> list[list[str]]:
    """`nodes` in batches such that each node's parent, if also in `nodes`, is in an earlier one.

    The graph must be free of cycles (checked before anything is planned).
    """
    levels: dict[str, int] = {}

    def level(start: str) -> int:
        # Iterative: a chain of managers may be longer than Python's recursion limit.
        chain: list[str] = []
        node = start
        while node not in levels:
            parent = parent_of.get(node)
            if parent is None or parent not in nodes:
                levels[node] = 0
                break
            chain.append(node)
            node = parent
        depth = levels[node]
        for child in reversed(chain):
            depth += 1
            levels[child] = depth
        return levels[start]

    batches: dict[int, list[str]] = {}
    for node in sorted(nodes):
        batches.setdefault(level(node), []).append(node)
    return [batches[depth] for depth in sorted(batches)]
