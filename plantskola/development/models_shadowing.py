"""Job shadowing."""

from __future__ import annotations
