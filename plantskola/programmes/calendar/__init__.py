"""Calendars: each person's private feed, the events of sessions, updated invitations."""

from __future__ import annotations
