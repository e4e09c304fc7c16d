"""The coordinator's selection rules: places, spread over administrations and genders, and
locks; as the composition engine reads them, and in the coordinator's words when the engine
explains why a higher-scoring applicant was left out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Rules:
    capacity: int
    max_per_administration: int | None = None
    min_administrations: int | None = None
    min_women: int | None = None
    min_men: int | None = None
    include: tuple[int, ...] = ()
    exclude: tuple[int, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "capacity": self.capacity,
            "max_per_administration": self.max_per_administration,
            "min_administrations": self.min_administrations,
            "min_women": self.min_women,
            "min_men": self.min_men,
            "include": list(self.include),
            "exclude": list(self.exclude),
        }


def engine_rules(rules: Rules) -> list[tuple[dict[str, Any], str]]:
    """The engine's rules with the coordinator's words for each, in the same order."""
    result: list[tuple[dict[str, Any], str]] = []
    if rules.max_per_administration:
        result.append(
            (
                {"attribute": "administration", "max_per_value": rules.max_per_administration},
                _("at most %(n)s per administration or company")
                % {"n": rules.max_per_administration},
            )
        )
    if rules.min_administrations:
        result.append(
            (
                {"attribute": "administration", "min_distinct": rules.min_administrations},
                _("at least %(n)s administrations or companies") % {"n": rules.min_administrations},
            )
        )
    minimum = {g: n for g, n in (("woman", rules.min_women), ("man", rules.min_men)) if n}
    if minimum:
        result.append(
            (
                {"attribute": "gender", "min_per_value": minimum},
                _("at least %(w)s women and %(m)s men")
                % {"w": rules.min_women or 0, "m": rules.min_men or 0},
            )
        )
    return result


def explanation(*, run_settings: dict[str, Any], score: float | None, engine_text: str) -> str:
    """The engine's explanation in the coordinator's words: which of their rules kept a
    higher-scoring applicant out."""
    rules = Rules(
        capacity=run_settings["capacity"],
        max_per_administration=run_settings.get("max_per_administration"),
        min_administrations=run_settings.get("min_administrations"),
        min_women=run_settings.get("min_women"),
        min_men=run_settings.get("min_men"),
    )
    labels = [label for _rule, label in engine_rules(rules)]
    named = [
        labels[int(i)] for i in re.findall(r"rules\[(\d+)\]", engine_text) if int(i) < len(labels)
    ]
    if "include" in engine_text and not named:
        named.append(_("the applicants locked in"))
    if not named:
        return engine_text
    return _(
        "Scored %(score)s, higher than someone chosen, but choosing them would break: %(rules)s."
    ) % {
        "score": f"{score:.1f}".replace(".", ",") if score is not None else "–",
        "rules": "; ".join(dict.fromkeys(named)),
    }
