"""The development app's demo: job shadowing in Alingsås (demo_shadowing)."""

from __future__ import annotations

from plantskola.development import demo_shadowing

LOGINS = [*demo_shadowing.LOGINS]


def load() -> None:
    demo_shadowing.load()
