"""Action plans, roadmaps and reflections."""

from __future__ import annotations
