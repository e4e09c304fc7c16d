"""Reads of the leadership platform."""

from __future__ import annotations

from typing import TypedDict

from django.db.models import Prefetch, QuerySet

from plantskola.competencies.models import (
    Competency,
    ProfileRequirement,
    RequirementProfile,
    Value,
)
from plantskola.core.models import Organisation


class PlatformContents(TypedDict):
    values: QuerySet[Value]
    competencies: QuerySet[Competency]
    profiles: QuerySet[RequirementProfile]


def platform_contents(*, organisation: Organisation) -> PlatformContents:
    """An organisation's values, competencies (with their levels) and requirement profiles
    (with their requirements), as the platform page lists them."""
    competencies = Competency.objects.filter(organisation=organisation).select_related("value")
    profiles = RequirementProfile.objects.filter(organisation=organisation).prefetch_related(
        Prefetch(
            "requirements",
            queryset=ProfileRequirement.objects.select_related("competency"),
        )
    )
    return {
        "values": Value.objects.filter(organisation=organisation),
        "competencies": competencies.prefetch_related("levels"),
        "profiles": profiles,
    }
