"""Diplomas: the participant themself and whoever runs the edition; nobody else."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from plantskola.access.base import Action, UserLike, deny_unless, get_visible_or_404
from plantskola.access.core import organisations_for_user
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


def diploma_get_for_user(user: UserLike, pk: int, *, action: Action = Action.VIEW) -> Diploma:
    """Fetch-and-authorise a diploma: 404 if the user may not see it (for VIEW also when they
    see it but may not view it: nobody else learns that it exists); 403 if `action` is CHANGE
    (revoke, reissue) and they do not run the edition."""
    diploma = get_visible_or_404(
        diplomas_for_user(user).select_related(
            "participant__person", "participant__edition__programme__organisation"
        ),
        pk=pk,
    )
    if action == Action.VIEW and not diploma_can_view(user, diploma):
        raise Http404
    if action == Action.CHANGE:
        deny_unless(diploma_can_change(user, diploma))
    return diploma


def diploma_settings_get_for_user(
    user: UserLike, *, slug: str, action: Action = Action.VIEW
) -> Organisation:
    """The organisation whose diploma settings are read (VIEW) or changed (CHANGE): 404 unless
    the user works in it, 403 if `action` is CHANGE and they may not change them."""
    organisation = get_visible_or_404(organisations_for_user(user), slug=slug)
    if action == Action.CHANGE:
        deny_unless(diploma_settings_can_change(user, organisation))
    return organisation
