"""The manager-supply pipeline, career events and recruitment statistics.

HR administrators (and superusers) see everything of their organisation: the pipeline, career
events and recruitment statistics. Coordinators (of the organisation, or of a programme) see
the pipeline of the programmes they coordinate, nothing else. Nobody else sees any of it.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from plantskola.access.base import UserLike
from plantskola.access.principal import principal
from plantskola.core.models import Organisation
from plantskola.programmes.models import Programme


def insights_organisations_for_user(user: UserLike) -> QuerySet[Organisation]:
    """Organisations whose pipeline this user may see (some of its programmes, for a
    programme coordinator)."""
    p = principal(user)
    if not p.is_authenticated:
        return Organisation.objects.none()
    if p.is_superuser:
        return Organisation.objects.all()
    coordinated = Programme.objects.filter(
        pk__in=[programme for programme, _ in p.coordinator_scopes]
    ).values("organisation_id")
    return Organisation.objects.filter(Q(pk__in=p.managing_org_ids) | Q(pk__in=coordinated))


def insights_programmes_for_user(user: UserLike, organisation: Organisation) -> QuerySet[Programme]:
    """The organisation's programmes whose pipeline this user may see."""
    p = principal(user)
    programmes = Programme.objects.filter(organisation=organisation)
    if p.is_superuser or organisation.pk in p.managing_org_ids:
        return programmes
    return programmes.filter(pk__in=[programme for programme, _ in p.coordinator_scopes])


def insights_can_view_hr(user: UserLike, organisation: Organisation) -> bool:
    """Career events and recruitment statistics: the organisation's HR administrators."""
    p = principal(user)
    return p.is_superuser or organisation.pk in p.hr_org_ids
