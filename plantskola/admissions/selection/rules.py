"""The coordinator's selection rules: places, spread over administrations and genders, locks
and the treatment of incomplete applications; as the composition engine reads them, and in
the coordinator's words when the engine explains why a higher-scoring applicant was left out.
Every figure is shown with `score_text`, so that a score reads the same everywhere."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from plantskola.admissions.models import Call

INCOMPLETE = Call.Incomplete
LOWEST_SCORE = 1.0  # the bottom of the 1–5 scale: a missing part under INCOMPLETE.LOWEST
# Runs made before the coordinator chose a treatment scored an incomplete application on the
# part that exists; their record is read that way.
PARTIAL = "partial"


def score_text(value: float | None) -> str:
    """A score with two decimals in the active language (4,52 in Swedish), or a dash."""
    if value is None:
        return "–"
    return formats.number_format(round(value, 2), decimal_pos=2)


@dataclass(frozen=True)
class Rules:
    capacity: int
    max_per_administration: int | None = None
    min_administrations: int | None = None
    min_women: int | None = None
    min_men: int | None = None
    include: tuple[int, ...] = ()
    exclude: tuple[int, ...] = ()
    incomplete: str = INCOMPLETE.EXCLUDED

    def as_dict(self) -> dict[str, Any]:
        return {
            "capacity": self.capacity,
            "max_per_administration": self.max_per_administration,
            "min_administrations": self.min_administrations,
            "min_women": self.min_women,
            "min_men": self.min_men,
            "include": list(self.include),
            "exclude": list(self.exclude),
            "incomplete": self.incomplete,
        }

    @classmethod
    def from_dict(cls, settings: dict[str, Any]) -> Rules:
        """The rules a run was made with (an older run without a treatment: PARTIAL)."""
        return cls(
            capacity=settings["capacity"],
            max_per_administration=settings.get("max_per_administration"),
            min_administrations=settings.get("min_administrations"),
            min_women=settings.get("min_women"),
            min_men=settings.get("min_men"),
            include=tuple(settings.get("include", [])),
            exclude=tuple(settings.get("exclude", [])),
            incomplete=settings.get("incomplete", PARTIAL),
        )

    def relaxed(self, **changes: Any) -> Rules:
        return replace(self, **changes)


def engine_rules(rules: Rules) -> list[tuple[dict[str, Any], str]]:
    """The engine's rules with the coordinator's words for each, in the same order. Each
    minimum of a gender is a rule of its own, so that a conflict names the one that breaks."""
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
    if rules.min_women:
        result.append(
            (
                {"attribute": "gender", "min_per_value": {"woman": rules.min_women}},
                _("at least %(n)s women") % {"n": rules.min_women},
            )
        )
    if rules.min_men:
        result.append(
            (
                {"attribute": "gender", "min_per_value": {"man": rules.min_men}},
                _("at least %(n)s men") % {"n": rules.min_men},
            )
        )
    return result


def explanation(*, run_settings: dict[str, Any], score: float | None, engine_text: str) -> str:
    """The engine's explanation in the coordinator's words: which of their rules kept a
    higher-scoring applicant out. The engine's own (English) text is never shown."""
    rules = Rules.from_dict(run_settings)
    labels = [label for _rule, label in engine_rules(rules)]
    named = [
        labels[int(i)] for i in re.findall(r"rules\[(\d+)\]", engine_text) if int(i) < len(labels)
    ]
    if "include" in engine_text and not named:
        named.append(_("the applicants locked in"))
    if not named:
        return _(
            "Scored %(score)s, higher than someone chosen, but choosing them would break one of "
            "the rules."
        ) % {"score": score_text(score)}
    return _(
        "Scored %(score)s, higher than someone chosen, but choosing them would break: %(rules)s."
    ) % {"score": score_text(score), "rules": "; ".join(dict.fromkeys(named))}
