"""What other apps copy along with an edition.

Apps above programmes (evaluations: the surveys of an edition, its modules and sessions)
cannot be imported from here, so they register a copy step from their `AppConfig.ready`, as
the start page's sections are registered (`core.pages.register_sections`). A step is told
what the copy made (`Copied`) and both previews and copies: `dry_run=True` returns what it
would create and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from plantskola.programmes.models import Edition, Module, Session


@dataclass
class Copied:
    """The source edition and, after the copy, the new edition and its parts by source id.
    In a preview `target` is None and the maps are empty."""

    source: Edition
    target: Edition | None
    shift: dt.timedelta
    modules: dict[int, Module] = field(default_factory=dict)
    sessions: dict[int, Session] = field(default_factory=dict)


@dataclass
class StepResult:
    """One line for the preview (and for the message after the copy), and warnings."""

    label: str
    count: int
    lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# (copied, dry_run) -> what the step creates (or would create)
CopyStep = Callable[[Copied, bool], StepResult]

_STEPS: dict[str, CopyStep] = {}


def register_copy_step(key: str, step: CopyStep) -> None:
    """Register (or, for the same key, replace) a step run when an edition is copied."""
    _STEPS[key] = step


def copy_steps() -> list[CopyStep]:
    return list(_STEPS.values())
