"""Summary statistics of one question's answers in one cell of a report (pure Python)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

from plantskola.evaluations.models import Question


@dataclass
class Stats:
    """What a report shows about one question in one cell (a group, a survey, a total).

    A hidden cell carries no numbers at all: templates and exports cannot leak what they never
    receive."""

    n: int = 0
    mean: float | None = None
    median: float | None = None
    # (label, count, percent of the answers in the cell)
    distribution: list[tuple[str, int, float]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    hidden: bool = False

    @classmethod
    def suppressed(cls) -> Stats:
        return cls(hidden=True)


def has_value(question: Question, answer: dict[str, Any]) -> bool:
    if question.kind == Question.Kind.RATING:
        return answer.get("rating") is not None
    if question.is_choice:
        return bool(answer.get("choices"))
    return bool((answer.get("text") or "").strip())


def summarise(question: Question, answers: list[dict[str, Any]]) -> Stats:
    """`answers` are dicts with `rating`, `choices` and `text` (as from `.values()`)."""
    given = [a for a in answers if has_value(question, a)]
    n = len(given)
    stats = Stats(n=n)
    if question.kind == Question.Kind.RATING:
        values = [int(a["rating"]) for a in given]
        if values:
            stats.mean = statistics.fmean(values)
            stats.median = float(statistics.median(values))
        stats.distribution = [
            (str(v), values.count(v), 100.0 * values.count(v) / n if n else 0.0)
            for v in question.scale
        ]
    elif question.is_choice:
        chosen = [c for a in given for c in a["choices"]]
        stats.distribution = [
            (option, chosen.count(option), 100.0 * chosen.count(option) / n if n else 0.0)
            for option in question.option_list
        ]
    else:
        # Sorted by text, never by id or storage order: the order must say nothing about
        # who answered when.
        stats.texts = sorted(a["text"].strip() for a in given)
    return stats
