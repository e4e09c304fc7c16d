"""The selection as the composition engine runs it, and impossible rules in the coordinator's
words: which of their rules conflict (from the engine's infeasibility core) and the smallest
change of one rule that makes a selection possible, found by relaxing the rules of the core
one at a time and asking the engine again. The engine's own (English) text is never shown."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from plantskola.admissions.selection.rules import Rules, engine_rules
from plantskola.admissions.selection.selectors import Scored
from plantskola.composition import Infeasible, MalformedInstance, solve

TIME_LIMIT = 10.0
PROBE_LIMIT = 2.0  # per relaxed rule set: small instances answer in milliseconds
MAX_PROBES = 80


def engine_instance(candidates: list[Scored], rules: Rules) -> dict[str, Any]:
    ids = {s.application.pk for s in candidates}
    return {
        "kind": "selection",
        "capacity": rules.capacity,
        "candidates": [
            {
                "id": str(s.application.pk),
                "score": s.score or 0.0,
                "attributes": {"administration": s.administration, "gender": s.gender},
            }
            for s in candidates
        ],
        "rules": [rule for rule, _label in engine_rules(rules)],
        "include": [str(pk) for pk in rules.include if pk in ids],
        "exclude": [str(pk) for pk in rules.exclude if pk in ids],
    }


def run_engine(candidates: list[Scored], rules: Rules) -> dict[str, Any]:
    """The engine's result; impossible rules raise a ValidationError in the coordinator's
    words, naming the conflict and the smallest change that resolves it."""
    try:
        return solve(engine_instance(candidates, rules), time_limit=TIME_LIMIT, seed=0)
    except Infeasible as exc:
        raise ValidationError(infeasible_text(candidates, rules, exc.conflicts)) from exc
    except MalformedInstance as exc:
        raise ValidationError(
            _("The selection engine could not read these rules; check the numbers and try again.")
        ) from exc


def _feasible(candidates: list[Scored], rules: Rules) -> bool:
    try:
        solve(engine_instance(candidates, rules), time_limit=PROBE_LIMIT, seed=0)
    except (Infeasible, MalformedInstance):
        return False
    return True


def _name(candidates: list[Scored], pk: int) -> str:
    for s in candidates:
        if s.application.pk == pk:
            return s.application.applicant_name
    return str(pk)


def _rule_fields(rules: Rules) -> list[str]:
    """The Rules field behind each engine rule, in the engine's order."""
    fields = []
    for name in ("max_per_administration", "min_administrations", "min_women", "min_men"):
        if getattr(rules, name):
            fields.append(name)
    return fields


def _label(rules: Rules, field: str) -> str:
    labels = dict(zip(_rule_fields(rules), (lb for _r, lb in engine_rules(rules)), strict=True))
    return labels[field]


def _core_parts(core: list[str], rules: Rules) -> tuple[set[str], list[int]]:
    """The Rules fields and the locked-in applicants a core names ('capacity' and 'exclude'
    stand for the places and the locked-out)."""
    fields: set[str] = set()
    include: list[int] = []
    rule_fields = _rule_fields(rules)
    for entry in core:
        found = re.match(r"rules\[(\d+)\]", entry)
        if found and int(found.group(1)) < len(rule_fields):
            fields.add(rule_fields[int(found.group(1))])
        elif entry.startswith("capacity"):
            fields.add("capacity")
        elif entry.startswith("include["):
            locked = re.search(r"\((\d+)\)", entry)
            if locked:
                include.append(int(locked.group(1)))
        elif entry == "include":
            fields.add("include")
        elif entry == "exclude":
            fields.add("exclude")
    if not fields and not include:  # an unreadable core: consider every rule
        fields = {"capacity", *rule_fields}
    return fields, include


def _trials(rules: Rules, field: str, candidates: list[Scored]) -> Iterator[tuple[Rules, str]]:
    """Relaxations of one rule, nearest first, each with its description."""
    current = getattr(rules, field)
    if field == "capacity":
        for step in range(1, len(candidates) + 1):
            for value in (current + step, current - step):
                if 1 <= value <= len(candidates):
                    yield (
                        rules.relaxed(capacity=value),
                        _("change the places from %(old)s to %(new)s")
                        % {"old": current, "new": value},
                    )
    elif field == "max_per_administration":
        for value in range(current + 1, rules.capacity + 1):
            new = rules.relaxed(max_per_administration=value)
            yield (
                new,
                _("change “%(old)s” to “%(new)s”")
                % {
                    "old": _label(rules, field),
                    "new": _label(new, field),
                },
            )
    elif field in ("min_administrations", "min_women", "min_men"):
        for value in range(current - 1, -1, -1):
            new = rules.relaxed(**{field: value or None})
            if value:
                text = _("change “%(old)s” to “%(new)s”") % {
                    "old": _label(rules, field),
                    "new": _label(new, field),
                }
            else:
                text = _("remove “%(old)s”") % {"old": _label(rules, field)}
            yield new, text
    elif field == "exclude":
        yield rules.relaxed(exclude=()), _("unlock the applicants locked out")
    elif field == "include":
        yield rules.relaxed(include=()), _("unlock the applicants locked in")


def infeasible_text(candidates: list[Scored], rules: Rules, core: list[str]) -> str:
    """Which rules conflict, and the smallest change of each that makes them possible."""
    if core == ["time_limit"]:
        return _(
            "The selection engine found no selection in the time available, and could not prove "
            "that none exists. Run it again, or loosen a rule."
        )
    fields, include = _core_parts(core, rules)
    named = []
    if "capacity" in fields:
        named.append(_("%(n)s places") % {"n": rules.capacity})
    named += [_label(rules, f) for f in _rule_fields(rules) if f in fields]
    named += [_("%(name)s locked in") % {"name": _name(candidates, pk)} for pk in include]
    if "include" in fields:
        named.append(_("the applicants locked in"))
    if "exclude" in fields:
        named.append(_("the applicants locked out"))
    changes = []
    probes = 0
    order = ["capacity", *_rule_fields(rules), "include", "exclude"]
    for field in [f for f in order if f in fields]:
        for trial, text in _trials(rules, field, candidates):
            probes += 1
            if probes > MAX_PROBES:
                break
            if _feasible(candidates, trial):
                changes.append(text)
                break
    for pk in include:
        trial = rules.relaxed(include=tuple(p for p in rules.include if p != pk))
        probes += 1
        if probes <= MAX_PROBES and _feasible(candidates, trial):
            changes.append(_("unlock %(name)s") % {"name": _name(candidates, pk)})
    if len(named) == 1:
        text = _("No selection can meet the rule “%(rule)s”.") % {"rule": named[0]}
    else:
        text = _("No selection can meet these rules together: %(rules)s.") % {
            "rules": "; ".join(_("“%(rule)s”") % {"rule": n} for n in named)
        }
    if changes:
        return (
            text
            + " "
            + _("The smallest change that makes a selection possible: %(changes)s.")
            % {"changes": _(" or ").join(changes)}
        )
    return text + " " + _("Loosen one of these rules and run the selection again.")
