"""Small helpers for the privacy tests."""

from __future__ import annotations

from plantskola.core.models import User
from tests.conftest import World


def world_user(world: World, role: str) -> User:
    """The world's user in `role` (every role but the anonymous one has a user)."""
    found = world.users[role]
    assert found is not None, role
    return found
