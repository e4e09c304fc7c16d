"""Writes to the leadership platform."""

from __future__ import annotations

from django.db import transaction

from plantskola.competencies.models import (
    Competency,
    CompetencyLevel,
    ProfileRequirement,
    RequirementProfile,
    Value,
)


@transaction.atomic
def value_save(*, value: Value) -> Value:
    """Save a value (checked by its form)."""
    value.save()
    return value


@transaction.atomic
def competency_save(*, competency: Competency, levels: dict[int, str]) -> Competency:
    """Save a competency with its behavioural indicators; an empty level text removes it."""
    competency.full_clean()
    competency.save()
    for level, text in levels.items():
        text = text.strip()
        if text:
            CompetencyLevel.objects.update_or_create(
                competency=competency, level=level, defaults={"indicators": text}
            )
        else:
            CompetencyLevel.objects.filter(competency=competency, level=level).delete()
    return competency


@transaction.atomic
def profile_save(
    *, profile: RequirementProfile, requirements: dict[int, int | None]
) -> RequirementProfile:
    """Save a requirement profile; `requirements` maps competency id → level, or None to drop."""
    profile.full_clean()
    profile.save()
    allowed = set(
        Competency.objects.filter(organisation_id=profile.organisation_id).values_list(
            "pk", flat=True
        )
    )
    for competency_id, level in requirements.items():
        if competency_id not in allowed:
            raise ValueError(f"competency {competency_id} is not the organisation's")
        if level:
            ProfileRequirement.objects.update_or_create(
                profile=profile, competency_id=competency_id, defaults={"level": level}
            )
        else:
            ProfileRequirement.objects.filter(profile=profile, competency_id=competency_id).delete()
    return profile


@transaction.atomic
def platform_item_delete(*, item: Value | Competency | RequirementProfile) -> None:
    """Remove a value, competency or requirement profile; what hangs on it goes with it or
    loses the link, as the models say (e.g. a removed competency leaves every profile)."""
    item.delete()
