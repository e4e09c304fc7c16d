"""Builders for admissions tests: a call on the World's edition with a requirement profile."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from plantskola.admissions.models import Call, CallQuestion
from plantskola.competencies.models import Competency, ProfileRequirement, RequirementProfile
from tests.conftest import World


def make_call(w: World, *, open_now: bool = True) -> Call:
    existing = Call.objects.filter(edition=w.edition).first()
    if existing:
        return existing
    profile, _ = RequirementProfile.objects.get_or_create(organisation=w.host, name="Blivande chef")
    for name in ["Kommunikation", "Självinsikt"]:
        competency, _ = Competency.objects.get_or_create(organisation=w.host, name=name)
        ProfileRequirement.objects.get_or_create(
            profile=profile, competency=competency, defaults={"level": 2}
        )
    now = timezone.now()
    opens = now - dt.timedelta(days=5) if open_now else now + dt.timedelta(days=5)
    call = Call.objects.create(
        edition=w.edition,
        title="Ledarlabbet 2026",
        description="Vill du bli chef?",
        opens_at=opens,
        closes_at=opens + dt.timedelta(days=20),
        reference_deadline=(opens + dt.timedelta(days=30)).date(),
        requirement_profile=profile,
        non_managers_only=True,
    )
    call.organisations.add(w.host, w.partner)
    CallQuestion.objects.create(
        call=call, order=1, text="Berätta om en situation där du ledde andra."
    )
    return call
