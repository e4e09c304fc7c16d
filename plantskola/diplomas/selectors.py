"""Reads: an edition's diploma list, a person's own diplomas, an organisation's settings (the
public verification's reads are in `diplomas/verification/selectors.py`)."""

from __future__ import annotations

from django.db.models import F, Prefetch, QuerySet

from plantskola.access.base import UserLike
from plantskola.access.diplomas import diplomas_for_user
from plantskola.access.principal import principal
from plantskola.core.models import Organisation
from plantskola.diplomas.models import Diploma, DiplomaSettings
from plantskola.programmes.models import Edition, Participant


def edition_diploma_rows(*, edition: Edition) -> QuerySet[Participant]:
    """Every participant of the edition with their diplomas (newest first) as `diploma_list`."""
    return (
        Participant.objects.filter(edition=edition)
        .select_related("person", "person__organisation")
        .prefetch_related(
            Prefetch(
                "diplomas",
                queryset=Diploma.objects.select_related(
                    "revoked_by__person", "replaced_by"
                ).order_by("-issued_at", "-id"),
                to_attr="diploma_list",
            )
        )
        .order_by("person__last_name", "person__first_name")
    )


def edition_participants_to_issue(*, edition: Edition) -> QuerySet[Participant]:
    """Who issuing for the edition gives a diploma: those who completed and have no valid one
    (the same rule as `services.diplomas_issue_for_edition`)."""
    return (
        Participant.objects.filter(edition=edition, status=Participant.Status.COMPLETED)
        .exclude(pk__in=Diploma.objects.valid().values("participant_id"))
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def edition_valid_diplomas(*, edition: Edition) -> QuerySet[Diploma]:
    return (
        Diploma.objects.valid()
        .filter(participant__edition=edition)
        .order_by("recipient_name", "id")
        .select_related("participant__edition__programme__organisation")
    )


def diplomas_of_user(*, user: UserLike) -> QuerySet[Diploma]:
    """The user's own diplomas (as a participant), valid ones first."""
    p = principal(user)
    if p.person_id is None:
        return Diploma.objects.none()
    return (
        diplomas_for_user(user)
        .filter(participant__person_id=p.person_id)
        .order_by(F("revoked_at").asc(nulls_first=True), "-issued_at")
    )


def settings_for(*, organisation: Organisation) -> DiplomaSettings | None:
    return DiplomaSettings.objects.filter(organisation=organisation).first()
