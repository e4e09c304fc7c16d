"""The development app's models live in one module per feature; Django finds them here."""

from __future__ import annotations

from plantskola.development.models_plans import *  # noqa: F403
from plantskola.development.models_shadowing import *  # noqa: F403
