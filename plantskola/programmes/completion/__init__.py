"""Completion by attendance: who has attended enough of an edition to complete it."""

from __future__ import annotations
