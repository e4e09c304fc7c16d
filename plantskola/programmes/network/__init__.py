"""The network directory: participants and alumni of the programmes find each other."""

from __future__ import annotations
