"""Groups made by the composition engine for an edition: choose, look, adjust, save."""

from __future__ import annotations
