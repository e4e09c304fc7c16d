"""Diplomas: the participant themself and whoever runs the edition; nobody else."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from plantskola.access.base import UserLike
from plantskola.access.principal import principal, scope_q
from plantskola.access.programmes import can_manage_edition
from plantskola.core.models import Organisation
from plantskola.diplomas.models import Diploma


def diplomas_for_user(user: UserLike) -> QuerySet[Diploma]:
    """Diplomas a user may see: their own, and those of the editions they run."""
    p = principal(user)
    if not p.is_authenticated:
        return Diploma.objects.none()
    if p.is_superuser:
        return Diploma.objects.all()
    q = Q(participant__edition__programme__organisation_id__in=p.managing_org_ids)
    q |= scope_q(p.coordinator_scopes, prefix="participant__edition__")
    if p.person_id is not None:
        q |= Q(participant__person_id=p.person_id)
    return Diploma.objects.filter(q)


def diploma_can_view(user: UserLike, diploma: Diploma) -> bool:
    """The participant themself and whoever runs the edition; nobody else."""
    p = principal(user)
    if not p.is_authenticated:
        return False
    participant = diploma.participant
    if p.person_id is not None and participant.person_id == p.person_id:
        return True
    return can_manage_edition(p, participant.edition)


def diploma_can_change(user: UserLike, diploma: Diploma) -> bool:
    """Revoke and reissue: whoever runs the edition (as for issuing)."""
    p = principal(user)
    return p.is_authenticated and can_manage_edition(p, diploma.participant.edition)


def diploma_settings_can_change(user: UserLike, organisation: Organisation) -> bool:
    """Signatories, logo and text of an organisation's diplomas: its HR and coordinators."""
    p = principal(user)
    return p.is_superuser or organisation.pk in p.managing_org_ids
