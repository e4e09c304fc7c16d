"""Scores and statistics of a grouping, computed from the engine instance alone with the
engine's independent checker and its bound function, so they do not depend on the page."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from plantskola import composition
from plantskola.composition import checker
from plantskola.composition.groups.bounds import upper_bound
from plantskola.composition.groups.objective import distance_matrix
from plantskola.core.models import Person
from plantskola.programmes.grouping.instance import GroupingSettings, build_instance
from plantskola.programmes.grouping.proposal import Proposal
from plantskola.programmes.grouping.selectors import AGE_BANDS, Member


@dataclass(frozen=True)
class Score:
    objective: float
    bound: float | None
    violations: tuple[str, ...] = ()

    @property
    def percent(self) -> float | None:
        if self.bound is None or self.bound <= 0:
            return None
        return 100.0 * self.objective / self.bound


def instance_bound(instance: dict[str, Any]) -> float:
    """The engine's proven upper bound on the objective of any grouping of the instance."""
    inst = composition.parse_instance(instance)
    assert isinstance(inst, composition.GroupsInstance)  # noqa: S101 - built as groups above
    return float(upper_bound(inst, distance_matrix(inst)))


def score_groups(instance: dict[str, Any], groups: list[list[str]], bound: float | None) -> Score:
    """Objective recomputed by the engine's independent checker; hard-rule breaks listed."""
    result = checker.check(instance, {"kind": "groups", "groups": groups})
    return Score(result.objective, bound, tuple(result.violations))


def proposal_score(*, members: list[Member], proposal: Proposal) -> Score:
    built = build_instance(members=members, settings=proposal.settings, pins=proposal.pins)
    return score_groups(built.instance, proposal.groups(), proposal.bound)


def current_score(
    *, members: list[Member], settings: GroupingSettings, group_ids: list[int]
) -> Score | None:
    """How the saved grouping scores by the same criteria, against the bound for groups of
    its own sizes (no together or apart rules: the saved groups may not follow them).
    None when someone has no group."""
    if not members or any(m.current_group_id is None for m in members):
        return None
    used = [g for g in group_ids if any(m.current_group_id == g for m in members)]
    index = {g: i for i, g in enumerate(used)}
    groups: list[list[str]] = [[] for _ in used]
    for m in members:
        if m.current_group_id not in index:
            return None
        groups[index[m.current_group_id]].append(m.id)
    plain = GroupingSettings(
        group_count=len(used),
        weights=settings.weights,
        role_by=settings.role_by,
        keep_teams=False,
        keep_apart=False,
    )
    built = build_instance(members=members, settings=plain)
    built.instance["groups"] = {"sizes": [len(g) for g in groups]}
    return score_groups(built.instance, groups, instance_bound(built.instance))


@dataclass
class Table:
    title: str
    rows: list[tuple[str, list[int], int]]  # value label, count per group, total


def group_tables(*, members: list[Member], proposal: Proposal, joint: bool) -> list[Table]:
    """Counts per administration, gender and age band (and organisation in a joint edition)
    in each group, as tables."""
    count = proposal.settings.group_count
    gender_labels = dict(Person.Gender.choices)
    dims: list[tuple[str, str]] = [("administration", _("Administration"))]
    if joint:
        dims.append(("organisation", _("Organisation")))
    dims += [("gender", _("Gender")), ("age_band", _("Age band"))]
    tables = []
    for attr, title in dims:
        counts: dict[str, list[int]] = {}
        for m in members:
            value = getattr(m, attr)
            g = proposal.assignment.get(m.id)
            if g is None:
                continue
            counts.setdefault(value, [0] * count)[g] += 1
        rows = []
        order = {band: i for i, (_low, band) in enumerate(AGE_BANDS)} if attr == "age_band" else {}
        for value in sorted(counts, key=lambda v: (v == "", order.get(v, 0), v)):
            if attr == "gender":
                label = str(gender_labels.get(value, value)) if value else _("Not stated")
            else:
                label = value or _("Not known")
            rows.append((label, counts[value], sum(counts[value])))
        tables.append(Table(title, rows))
    return tables


def summary_size(n: int, count: int) -> str:
    """'22' or '21–22': the group sizes as even as possible, for the form's help text."""
    lo, hi = n // count, math.ceil(n / count)
    return str(lo) if lo == hi else f"{lo}–{hi}"
