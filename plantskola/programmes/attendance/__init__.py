"""Attendance: taken at each session on a phone, one tap per participant."""

from __future__ import annotations
