"""The development app's models live in one module per feature; Django finds them here."""

from __future__ import annotations

from plantskola.development.plans.models import (
    DevelopmentPlan,
    PlanAction,
    PlanComment,
    PlanGoal,
    PlanReminder,
    Reflection,
    SelfAssessment,
)
from plantskola.development.shadowing.models import (
    ShadowingHost,
    ShadowingMatch,
    ShadowingPreference,
    ShadowingRound,
)

__all__ = [
    "DevelopmentPlan",
    "PlanAction",
    "PlanComment",
    "PlanGoal",
    "PlanReminder",
    "Reflection",
    "SelfAssessment",
    "ShadowingHost",
    "ShadowingMatch",
    "ShadowingPreference",
    "ShadowingRound",
]
