"""Typed instances and their strict JSON parsing (composition-format.md).

Parsing is deliberately unforgiving: an unknown field, a wrong type or an id that
refers to nobody raises `MalformedInstance` naming the field, because a silently
ignored typo (say `"apartt"`) would produce a grouping that breaks a rule the
coordinator believes is enforced.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .errors import MalformedInstance

# ---------------------------------------------------------------------------
# Dataclasses


@dataclass(frozen=True)
class Person:
    id: str
    attributes: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Criterion:
    """Either an attribute criterion (`attribute` set) or a number criterion (`number` set)."""

    weight: float
    attribute: str | None = None
    number: str | None = None


@dataclass(frozen=True)
class GroupsInstance:
    people: tuple[Person, ...]
    # Per-group size bounds; fixed sizes have min == max.
    min_sizes: tuple[int, ...]
    max_sizes: tuple[int, ...]
    fixed_sizes: bool
    criteria: tuple[Criterion, ...]
    together: tuple[tuple[str, ...], ...]
    apart: tuple[tuple[str, str], ...]
    pinned: dict[str, int]
    distances: tuple[tuple[float, ...], ...] | None
    kind: str = "groups"

    @property
    def group_count(self) -> int:
        return len(self.min_sizes)


@dataclass(frozen=True)
class Candidate:
    id: str
    score: float
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    """One spread rule; exactly one of the three limits is set."""

    attribute: str
    index: int
    max_per_value: int | dict[str, int] | None = None
    min_distinct: int | None = None
    min_per_value: dict[str, int] | None = None

    def describe(self) -> str:
        if self.max_per_value is not None:
            if isinstance(self.max_per_value, int):
                limit = f"max_per_value {self.max_per_value}"
            else:
                limit = "max_per_value " + ", ".join(
                    f"{v!r} {k}" for v, k in sorted(self.max_per_value.items())
                )
        elif self.min_distinct is not None:
            limit = f"min_distinct {self.min_distinct}"
        else:
            limit = "min_per_value " + ", ".join(
                f"{v!r} {k}" for v, k in sorted((self.min_per_value or {}).items())
            )
        return f"rules[{self.index}] ({self.attribute}: {limit})"


@dataclass(frozen=True)
class SelectionInstance:
    capacity: int
    candidates: tuple[Candidate, ...]
    rules: tuple[Rule, ...]
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    kind: str = "selection"


@dataclass(frozen=True)
class Participant:
    id: str
    attributes: dict[str, str] = field(default_factory=dict)
    preferences: tuple[str, ...] = ()


@dataclass(frozen=True)
class Host:
    id: str
    capacity: int
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MatchingInstance:
    participants: tuple[Participant, ...]
    hosts: tuple[Host, ...]
    different: tuple[str, ...]
    scores: dict[str, dict[str, float]] | None
    kind: str = "matching"


Instance = GroupsInstance | SelectionInstance | MatchingInstance

# ---------------------------------------------------------------------------
# Small strict readers; each names the field it complains about.


def _object(value: Any, where: str, allowed: set[str], required: set[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise MalformedInstance(where or "(instance)", "must be a JSON object")
    for key in value:
        if not isinstance(key, str) or key not in allowed:
            raise MalformedInstance(_join(where, str(key)), "unknown field")
    for key in sorted(required):
        if key not in value:
            raise MalformedInstance(_join(where, key), "missing required field")
    return value


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _string(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise MalformedInstance(where, "must be a string")
    return value


def _id(value: Any, where: str) -> str:
    text = _string(value, where)
    if not text:
        raise MalformedInstance(where, "must be a non-empty string")
    return text


def _number(value: Any, where: str) -> float:
    # bool is an int subclass in Python; `true` is not a number in the format.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise MalformedInstance(where, "must be a number")
    if not math.isfinite(value):
        raise MalformedInstance(where, "must be a finite number")
    return float(value)


def _fast_matrix(rows: list[Any], n: int) -> list[tuple[float, ...]] | None:
    """The n×n distance matrix when every row is a list of n finite numbers (no bools)
    and it is symmetric, checked with NumPy (a 960-person matrix has 921,600 cells);
    None when anything is off, so that the caller's cell-by-cell check names the field."""
    if not all(isinstance(row, list) and len(row) == n for row in rows):
        return None
    number = (int, float)
    if not all(type(v) in number for row in rows for v in row):
        return None
    d = np.array(rows, dtype=np.float64)
    if not np.isfinite(d).all():
        return None
    scale = np.maximum(1.0, np.maximum(np.abs(d), np.abs(d.T)))
    if (np.abs(d - d.T) > 1e-9 * scale).any():
        return None
    return [tuple(row) for row in d.tolist()]


def _int(value: Any, where: str, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise MalformedInstance(where, "must be an integer")
    if value < minimum:
        raise MalformedInstance(where, f"must be at least {minimum}")
    return int(value)


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise MalformedInstance(where, "must be a list")
    return value


def _string_map(value: Any, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise MalformedInstance(where, "must be an object of strings")
    return {k: _string(v, f"{where}.{k}") for k, v in value.items()}


def _unique_ids(items: Sequence[Any], where: str) -> None:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.id in seen:
            raise MalformedInstance(f"{where}[{i}].id", f"duplicate id {item.id!r}")
        seen.add(item.id)


def _known(value: Any, where: str, known: Mapping[str, Any] | set[str], what: str) -> str:
    text = _id(value, where)
    if text not in known:
        raise MalformedInstance(where, f"unknown {what} id {text!r}")
    return text


# ---------------------------------------------------------------------------
# Entry point


def parse_instance(data: Any) -> Instance:
    """Parse a decoded JSON instance into its typed form, or raise `MalformedInstance`."""
    if not isinstance(data, dict):
        raise MalformedInstance("(instance)", "must be a JSON object")
    if "kind" not in data:
        raise MalformedInstance("kind", "missing required field")
    kind = data["kind"]
    if kind == "groups":
        return parse_groups(data)
    if kind == "selection":
        return parse_selection(data)
    if kind == "matching":
        return parse_matching(data)
    raise MalformedInstance("kind", f"must be 'groups', 'selection' or 'matching', not {kind!r}")


def parse_groups(data: Any) -> GroupsInstance:
    top = _object(
        data,
        "",
        {"kind", "people", "groups", "criteria", "together", "apart", "pinned", "distances"},
        {"kind", "people", "groups"},
    )
    people: list[Person] = []
    for i, raw in enumerate(_list(top["people"], "people")):
        where = f"people[{i}]"
        obj = _object(raw, where, {"id", "attributes", "numbers"}, {"id"})
        numbers_raw = obj.get("numbers") or {}
        if not isinstance(numbers_raw, dict):
            raise MalformedInstance(f"{where}.numbers", "must be an object of numbers")
        numbers = {k: _number(v, f"{where}.numbers.{k}") for k, v in numbers_raw.items()}
        people.append(
            Person(
                id=_id(obj["id"], f"{where}.id"),
                attributes=_string_map(obj.get("attributes"), f"{where}.attributes"),
                numbers=numbers,
            )
        )
    _unique_ids(people, "people")
    if not people:
        raise MalformedInstance("people", "must not be empty")
    ids = {p.id for p in people}

    spec = top["groups"]
    if isinstance(spec, dict) and "sizes" in spec:
        spec = _object(spec, "groups", {"sizes"}, {"sizes"})
        sizes = [
            _int(s, f"groups.sizes[{i}]", 1)
            for i, s in enumerate(_list(spec["sizes"], "groups.sizes"))
        ]
        if not sizes:
            raise MalformedInstance("groups.sizes", "must not be empty")
        min_sizes, max_sizes, fixed = tuple(sizes), tuple(sizes), True
    elif isinstance(spec, dict) and "ranges" in spec:
        spec = _object(spec, "groups", {"ranges"}, {"ranges"})
        lows_list: list[int] = []
        highs_list: list[int] = []
        for i, raw_range in enumerate(_list(spec["ranges"], "groups.ranges")):
            where = f"groups.ranges[{i}]"
            pair = _list(raw_range, where)
            if len(pair) != 2:
                raise MalformedInstance(where, "must be a pair [min_size, max_size]")
            lo = _int(pair[0], f"{where}[0]", 0)
            hi = _int(pair[1], f"{where}[1]", 1)
            if lo > hi:
                raise MalformedInstance(f"{where}[1]", f"is smaller than min_size ({hi} < {lo})")
            lows_list.append(lo)
            highs_list.append(hi)
        if not lows_list:
            raise MalformedInstance("groups.ranges", "must not be empty")
        min_sizes, max_sizes = tuple(lows_list), tuple(highs_list)
        fixed = min_sizes == max_sizes
    else:
        spec = _object(
            spec, "groups", {"count", "min_size", "max_size"}, {"count", "min_size", "max_size"}
        )
        count = _int(spec["count"], "groups.count", 1)
        lo = _int(spec["min_size"], "groups.min_size", 0)
        hi = _int(spec["max_size"], "groups.max_size", 1)
        if lo > hi:
            raise MalformedInstance("groups.max_size", f"is smaller than min_size ({hi} < {lo})")
        min_sizes, max_sizes, fixed = (lo,) * count, (hi,) * count, lo == hi

    criteria: list[Criterion] = []
    for i, raw in enumerate(_list(top.get("criteria") or [], "criteria")):
        where = f"criteria[{i}]"
        obj = _object(raw, where, {"attribute", "number", "weight"}, set())
        if ("attribute" in obj) == ("number" in obj):
            raise MalformedInstance(where, "needs exactly one of 'attribute' or 'number'")
        weight = _number(obj.get("weight", 1), f"{where}.weight")
        if "attribute" in obj:
            criteria.append(
                Criterion(weight, attribute=_id(obj["attribute"], f"{where}.attribute"))
            )
        else:
            name = _id(obj["number"], f"{where}.number")
            for j, person in enumerate(people):
                if name not in person.numbers:
                    raise MalformedInstance(f"people[{j}].numbers.{name}", "missing number")
            criteria.append(Criterion(weight, number=name))

    together: list[tuple[str, ...]] = []
    for i, raw in enumerate(_list(top.get("together") or [], "together")):
        members = [
            _known(m, f"together[{i}][{k}]", ids, "person")
            for k, m in enumerate(_list(raw, f"together[{i}]"))
        ]
        if not members:
            raise MalformedInstance(f"together[{i}]", "must not be empty")
        if len(set(members)) != len(members):
            raise MalformedInstance(f"together[{i}]", "lists a person twice")
        together.append(tuple(members))

    apart: list[tuple[str, str]] = []
    for i, raw in enumerate(_list(top.get("apart") or [], "apart")):
        pair = _list(raw, f"apart[{i}]")
        if len(pair) != 2:
            raise MalformedInstance(f"apart[{i}]", "must be a pair of two person ids")
        a = _known(pair[0], f"apart[{i}][0]", ids, "person")
        b = _known(pair[1], f"apart[{i}][1]", ids, "person")
        if a == b:
            raise MalformedInstance(f"apart[{i}]", "pairs a person with themself")
        apart.append((a, b))

    pinned_raw = top.get("pinned") or {}
    if not isinstance(pinned_raw, dict):
        raise MalformedInstance("pinned", "must be an object of person id to group index")
    pinned: dict[str, int] = {}
    for pid, g in pinned_raw.items():
        _known(pid, f"pinned.{pid}", ids, "person")
        index = _int(g, f"pinned.{pid}", 0)
        if index >= len(min_sizes):
            raise MalformedInstance(
                f"pinned.{pid}", f"group {index} does not exist ({len(min_sizes)} groups, 0-based)"
            )
        pinned[pid] = index

    distances: tuple[tuple[float, ...], ...] | None = None
    if top.get("distances") is not None:
        if criteria:
            raise MalformedInstance("criteria", "must be empty when distances is given")
        rows = _list(top["distances"], "distances")
        n = len(people)
        if len(rows) != n:
            raise MalformedInstance("distances", f"must have {n} rows, one per person")
        matrix = _fast_matrix(rows, n)
        if matrix is None:
            # Something is wrong: the slow path names the field.
            matrix = []
            for i, row in enumerate(rows):
                cells = _list(row, f"distances[{i}]")
                if len(cells) != n:
                    raise MalformedInstance(f"distances[{i}]", f"must have {n} entries")
                matrix.append(
                    tuple(_number(v, f"distances[{i}][{j}]") for j, v in enumerate(cells))
                )
            for i in range(n):
                for j in range(i + 1, n):
                    upper, lower = matrix[i][j], matrix[j][i]
                    if abs(upper - lower) > 1e-9 * max(1.0, abs(upper), abs(lower)):
                        raise MalformedInstance(f"distances[{j}][{i}]", "matrix is not symmetric")
        distances = tuple(matrix)

    return GroupsInstance(
        people=tuple(people),
        min_sizes=min_sizes,
        max_sizes=max_sizes,
        fixed_sizes=fixed,
        criteria=tuple(criteria),
        together=tuple(together),
        apart=tuple(apart),
        pinned=pinned,
        distances=distances,
    )


def parse_selection(data: Any) -> SelectionInstance:
    top = _object(
        data,
        "",
        {"kind", "capacity", "candidates", "rules", "include", "exclude"},
        {"kind", "capacity", "candidates"},
    )
    capacity = _int(top["capacity"], "capacity", 0)
    candidates: list[Candidate] = []
    for i, raw in enumerate(_list(top["candidates"], "candidates")):
        where = f"candidates[{i}]"
        obj = _object(raw, where, {"id", "score", "attributes"}, {"id", "score"})
        candidates.append(
            Candidate(
                id=_id(obj["id"], f"{where}.id"),
                score=_number(obj["score"], f"{where}.score"),
                attributes=_string_map(obj.get("attributes"), f"{where}.attributes"),
            )
        )
    _unique_ids(candidates, "candidates")
    ids = {c.id for c in candidates}

    rules: list[Rule] = []
    limits = ("max_per_value", "min_distinct", "min_per_value")
    for i, raw in enumerate(_list(top.get("rules") or [], "rules")):
        where = f"rules[{i}]"
        obj = _object(raw, where, {"attribute", *limits}, {"attribute"})
        present = [k for k in limits if k in obj]
        if len(present) != 1:
            raise MalformedInstance(where, "needs exactly one of " + ", ".join(limits))
        attribute = _id(obj["attribute"], f"{where}.attribute")
        key = present[0]
        value = obj[key]
        if key == "max_per_value":
            if isinstance(value, dict):
                per = {v: _int(k, f"{where}.max_per_value.{v}") for v, k in value.items()}
                rules.append(Rule(attribute, i, max_per_value=per))
            else:
                rules.append(
                    Rule(attribute, i, max_per_value=_int(value, f"{where}.max_per_value"))
                )
        elif key == "min_distinct":
            rules.append(Rule(attribute, i, min_distinct=_int(value, f"{where}.min_distinct")))
        else:
            if not isinstance(value, dict):
                raise MalformedInstance(
                    f"{where}.min_per_value", "must be an object of value to count"
                )
            per = {v: _int(k, f"{where}.min_per_value.{v}") for v, k in value.items()}
            rules.append(Rule(attribute, i, min_per_value=per))

    def id_list(name: str) -> tuple[str, ...]:
        items = [
            _known(x, f"{name}[{k}]", ids, "candidate")
            for k, x in enumerate(_list(top.get(name) or [], name))
        ]
        if len(set(items)) != len(items):
            raise MalformedInstance(name, "lists a candidate twice")
        return tuple(items)

    return SelectionInstance(
        capacity=capacity,
        candidates=tuple(candidates),
        rules=tuple(rules),
        include=id_list("include"),
        exclude=id_list("exclude"),
    )


def parse_matching(data: Any) -> MatchingInstance:
    top = _object(
        data,
        "",
        {"kind", "participants", "hosts", "different", "scores"},
        {"kind", "participants", "hosts"},
    )
    hosts: list[Host] = []
    for i, raw in enumerate(_list(top["hosts"], "hosts")):
        where = f"hosts[{i}]"
        obj = _object(raw, where, {"id", "attributes", "capacity"}, {"id"})
        hosts.append(
            Host(
                id=_id(obj["id"], f"{where}.id"),
                capacity=_int(obj.get("capacity", 1), f"{where}.capacity", 0),
                attributes=_string_map(obj.get("attributes"), f"{where}.attributes"),
            )
        )
    _unique_ids(hosts, "hosts")
    host_ids = {h.id for h in hosts}

    participants: list[Participant] = []
    for i, raw in enumerate(_list(top["participants"], "participants")):
        where = f"participants[{i}]"
        obj = _object(raw, where, {"id", "attributes", "preferences"}, {"id"})
        prefs = [
            _known(h, f"{where}.preferences[{k}]", host_ids, "host")
            for k, h in enumerate(_list(obj.get("preferences") or [], f"{where}.preferences"))
        ]
        if len(set(prefs)) != len(prefs):
            raise MalformedInstance(f"{where}.preferences", "lists a host twice")
        participants.append(
            Participant(
                id=_id(obj["id"], f"{where}.id"),
                attributes=_string_map(obj.get("attributes"), f"{where}.attributes"),
                preferences=tuple(prefs),
            )
        )
    _unique_ids(participants, "participants")
    participant_ids = {p.id for p in participants}

    different = tuple(
        _id(a, f"different[{k}]")
        for k, a in enumerate(_list(top.get("different") or [], "different"))
    )

    scores: dict[str, dict[str, float]] | None = None
    if top.get("scores") is not None:
        raw_scores = top["scores"]
        if not isinstance(raw_scores, dict):
            raise MalformedInstance("scores", "must be an object of participant id to host scores")
        scores = {}
        for pid, row in raw_scores.items():
            _known(pid, f"scores.{pid}", participant_ids, "participant")
            if not isinstance(row, dict):
                raise MalformedInstance(f"scores.{pid}", "must be an object of host id to score")
            scores[pid] = {
                _known(hid, f"scores.{pid}.{hid}", host_ids, "host"): _number(
                    v, f"scores.{pid}.{hid}"
                )
                for hid, v in row.items()
            }

    return MatchingInstance(
        participants=tuple(participants),
        hosts=tuple(hosts),
        different=different,
        scores=scores,
    )
