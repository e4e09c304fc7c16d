"""Errors the composition engine raises; the command line maps them to exit codes."""

from __future__ import annotations


class CompositionError(Exception):
    """Base class, so callers can catch every engine error in one place."""


class MalformedInstance(CompositionError):
    """The instance does not follow the format; `field` names where (exit status 2)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class Infeasible(CompositionError):
    """No solution satisfies the hard constraints; `conflicts` names them (exit status 1)."""

    def __init__(self, conflicts: list[str], message: str) -> None:
        super().__init__(message)
        self.conflicts = conflicts
        self.message = message
