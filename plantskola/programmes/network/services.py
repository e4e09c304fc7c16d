"""Writes of the network directory: a participant's own profile."""

from __future__ import annotations

from django.db import transaction

from plantskola.programmes.models import NetworkProfile


@transaction.atomic
def network_profile_save(*, profile: NetworkProfile) -> NetworkProfile:
    profile.full_clean()
    profile.save()
    return profile
