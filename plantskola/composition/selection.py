"""Selection: choose `capacity` applicants maximising total score under spread rules.

A 0/1 program solved to proven optimality with CP-SAT (16 of 140 or 40 of 900 is small
for it). Explanations come from the optimality argument itself: in an optimal selection
no single swap of a left-out candidate for a lower-scoring chosen one is allowed, so for
every such swap we can name the rule it would break.
"""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import Infeasible
from .feasibility import conflict_message, minimal_conflict
from .model import Candidate, Rule, SelectionInstance
from .scaling import integer_scale

if TYPE_CHECKING:
    from ortools.sat.python import cp_model


@dataclass(frozen=True)
class SelectionResult:
    chosen: tuple[str, ...]
    objective: float
    bound: float | None
    status: str
    seconds: float
    explanations: dict[str, str] = field(default_factory=dict)
    # How many fewer than `capacity` were chosen because too few candidates were available.
    shortfall: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": "selection",
            "chosen": list(self.chosen),
            "objective": self.objective,
            "bound": self.bound,
            "status": self.status,
            "seconds": round(self.seconds, 4),
            "explanations": self.explanations,
        }


def value_of(candidate: Candidate, attribute: str) -> str:
    # The format: a missing attribute value counts as its own value "".
    return candidate.attributes.get(attribute, "")


def _add_rules(
    model: cp_model.CpModel,
    x: list[cp_model.IntVar],
    candidates: tuple[Candidate, ...],
    rule: Rule,
    enforce: cp_model.IntVar | None,
) -> None:
    by_value: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(candidates):
        by_value[value_of(c, rule.attribute)].append(i)

    def add(constraint: cp_model.Constraint) -> None:
        if enforce is not None:
            constraint.only_enforce_if(enforce)

    def impossible() -> None:
        # An empty sum cannot meet a positive minimum: the rule is false on its own.
        if enforce is None:
            model.add_bool_or([])
        else:
            model.add_bool_or([enforce.Not()])

    if rule.max_per_value is not None:
        for value, members in by_value.items():
            limit = (
                rule.max_per_value
                if isinstance(rule.max_per_value, int)
                else rule.max_per_value.get(value)
            )
            if limit is not None and len(members) > limit:
                add(model.add(sum(x[i] for i in members) <= limit))
    elif rule.min_per_value is not None:
        for value, need in rule.min_per_value.items():
            members = by_value.get(value, [])
            if need <= 0:
                continue
            if not members:
                impossible()
            else:
                add(model.add(sum(x[i] for i in members) >= need))
    elif rule.min_distinct is not None and rule.min_distinct > 0:
        if len(by_value) < rule.min_distinct:
            impossible()
            return
        present = []
        for value, members in sorted(by_value.items()):
            y = model.new_bool_var(f"present_{rule.index}_{value}")
            model.add(y <= sum(x[i] for i in members))
            present.append(y)
        add(model.add(sum(present) >= rule.min_distinct))


def _required(inst: SelectionInstance) -> tuple[int, int]:
    excluded = set(inst.exclude)
    available = sum(1 for c in inst.candidates if c.id not in excluded)
    required = min(inst.capacity, available)
    return required, inst.capacity - required


def _conflict(inst: SelectionInstance, required: int, time_limit: float) -> list[str] | None:
    index = {c.id: i for i, c in enumerate(inst.candidates)}

    def build(model: cp_model.CpModel) -> dict[str, cp_model.IntVar]:
        x = [model.new_bool_var(c.id) for c in inst.candidates]
        lits: dict[str, cp_model.IntVar] = {}
        cap = model.new_bool_var("capacity")
        lits[f"capacity {required}"] = cap
        model.add(sum(x) == required).only_enforce_if(cap)
        if inst.exclude:
            ex = model.new_bool_var("exclude")
            lits["exclude"] = ex
            for cid in inst.exclude:
                model.add(x[index[cid]] == 0).only_enforce_if(ex)
        for k, cid in enumerate(inst.include):
            lit = model.new_bool_var(f"include{k}")
            lits[f"include[{k}] ({cid})"] = lit
            model.add(x[index[cid]] == 1).only_enforce_if(lit)
        for rule in inst.rules:
            lit = model.new_bool_var(f"rule{rule.index}")
            lits[rule.describe()] = lit
            _add_rules(model, x, inst.candidates, rule, lit)
        return lits

    return minimal_conflict(build, time_limit)


def solve_selection(
    inst: SelectionInstance, *, time_limit: float = 10.0, seed: int = 0
) -> SelectionResult:
    """Proven-optimal selection, or `Infeasible` naming a minimal set of conflicting rules."""
    from ortools.sat.python import cp_model  # imported on use: start-up time

    start = time.monotonic()
    overlap = sorted(set(inst.include) & set(inst.exclude))
    if overlap:
        raise Infeasible(
            ["include", "exclude"],
            f"infeasible: {overlap[0]} is both in include and in exclude",
        )
    required, shortfall = _required(inst)
    if len(inst.include) > required:
        raise Infeasible(
            ["include", "capacity"],
            f"infeasible: include lists {len(inst.include)} candidates but capacity is {required}",
        )

    model = cp_model.CpModel()
    x = [model.new_bool_var(c.id) for c in inst.candidates]
    index = {c.id: i for i, c in enumerate(inst.candidates)}
    model.add(sum(x) == required)
    for cid in inst.exclude:
        model.add(x[index[cid]] == 0)
    for cid in inst.include:
        model.add(x[index[cid]] == 1)
    for rule in inst.rules:
        _add_rules(model, x, inst.candidates, rule, None)
    scores = [c.score for c in inst.candidates]
    scale, exact = integer_scale(scores)
    model.maximize(sum(round(s * scale) * xi for s, xi in zip(scores, x, strict=True)))

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit - (time.monotonic() - start))
    solver.parameters.random_seed = seed
    # A single worker keeps the chosen set reproducible among equally good selections.
    solver.parameters.num_workers = 1
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE:
        core = _conflict(inst, required, time_limit)
        if core:
            raise Infeasible(core, conflict_message(core, "no selection satisfies them"))
        raise Infeasible(["rules"], "infeasible: no selection satisfies the rules")
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise Infeasible(
            ["time_limit"],
            "no selection found within the time limit (infeasibility not proven)",
        )

    chosen_idx = [i for i, xi in enumerate(x) if solver.value(xi)]
    chosen = [inst.candidates[i] for i in chosen_idx]
    objective = math.fsum(c.score for c in chosen)
    optimal = status == cp_model.OPTIMAL
    # Without an exact scale, rounding each chosen score may shift the total by ≤ ½ per pick.
    slack = 0.0 if exact else 0.5 * required / scale
    bound = solver.best_objective_bound / scale + slack
    if optimal and exact:
        bound = objective
    bound = max(bound, objective)
    explanations = explain(inst, chosen, optimal)
    return SelectionResult(
        chosen=tuple(c.id for c in chosen),
        objective=objective,
        bound=bound,
        status="optimal" if optimal else "feasible",
        seconds=time.monotonic() - start,
        explanations=explanations,
        shortfall=shortfall,
    )


# ---------------------------------------------------------------------------
# Explanations


def _swap_breaks(
    rule: Rule, counts: Counter[str], distinct: int, add_value: str, drop_value: str
) -> str | None:
    """Why swapping one candidate (value `add_value`) in for one with `drop_value` breaks
    `rule`, given the chosen value counts; None if the rule still holds."""
    if add_value == drop_value:
        return None
    if rule.max_per_value is not None:
        limit = (
            rule.max_per_value
            if isinstance(rule.max_per_value, int)
            else rule.max_per_value.get(add_value)
        )
        if limit is not None and counts[add_value] + 1 > limit:
            return f"{rule.attribute} {add_value!r} already has its maximum of {limit} chosen"
    elif rule.min_per_value is not None:
        need = rule.min_per_value.get(drop_value, 0)
        if counts[drop_value] - 1 < need:
            return f"{rule.attribute} {drop_value!r} would fall below its minimum of {need}"
    elif rule.min_distinct is not None:
        after = distinct - (counts[drop_value] == 1) + (counts[add_value] == 0)
        if after < rule.min_distinct:
            return f"{rule.attribute} would have fewer than {rule.min_distinct} distinct values"
    return None


def explain(inst: SelectionInstance, chosen: list[Candidate], optimal: bool) -> dict[str, str]:
    """For each left-out candidate scoring above someone chosen, the rule that kept them out."""
    if not chosen:
        return {}
    chosen_ids = {c.id for c in chosen}
    lowest = min(c.score for c in chosen)
    excluded, included = set(inst.exclude), set(inst.include)
    counts = {r.index: Counter(value_of(c, r.attribute) for c in chosen) for r in inst.rules}
    explanations: dict[str, str] = {}
    for cand in inst.candidates:
        if cand.id in chosen_ids or cand.score <= lowest:
            continue
        if cand.id in excluded:
            explanations[cand.id] = "excluded by the exclude list"
            continue
        lower = [c for c in chosen if c.score < cand.score]
        blocked: dict[str, list[str]] = defaultdict(list)
        reasons: dict[str, str] = {}
        free: list[str] = []
        for out in lower:
            hit = False
            if out.id in included:
                blocked["include"].append(out.id)
                reasons.setdefault("include", f"{out.id} must stay chosen")
                hit = True
            for rule in inst.rules:
                cnt = counts[rule.index]
                why = _swap_breaks(
                    rule,
                    cnt,
                    len(cnt),
                    value_of(cand, rule.attribute),
                    value_of(out, rule.attribute),
                )
                if why is not None:
                    name = rule.describe()
                    blocked[name].append(out.id)
                    reasons.setdefault(name, why)
                    hit = True
            if not hit:
                free.append(out.id)
        head = (
            f"score {cand.score:g} beats {len(lower)} chosen candidate"
            f"{'s' if len(lower) > 1 else ''} (lowest {lowest:g})"
        )
        if free:
            # Only possible when optimality was not proven within the time limit.
            explanations[cand.id] = (
                f"{head}; swapping them for {free[0]} would break no rule — the time limit "
                f"ended the search before {'this' if not optimal else 'a better choice'} "
                "was found"
            )
            continue
        everywhere = [name for name, outs in blocked.items() if len(outs) == len(lower)]
        if everywhere:
            name = everywhere[0]
            explanations[cand.id] = f"{head}; kept out by {name}: {reasons[name]}"
        else:
            parts = [
                f"{name} ({reasons[name]}; blocks swapping for {', '.join(outs[:3])}"
                f"{' …' if len(outs) > 3 else ''})"
                for name, outs in sorted(blocked.items(), key=lambda kv: -len(kv[1]))
            ]
            explanations[cand.id] = (
                f"{head}, but every swap for a lower-scoring chosen candidate breaks a rule: "
                + "; ".join(parts)
            )
    return explanations
