"""Scheduling sessions: the session form's warnings step, and one module for every group."""

from __future__ import annotations
