"""A new edition copied from a previous one of the same programme: modules, sessions with
their dates shifted by whole weeks, settings, and what other apps attach to the edition
(surveys, through `registry`)."""

from __future__ import annotations
