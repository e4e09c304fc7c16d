"""Reads: the public verification, an edition's diploma list, a person's own diplomas."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import F, Prefetch, QuerySet
from django.utils import timezone

from plantskola.access.diplomas import diplomas_for_user
from plantskola.access.principal import principal
from plantskola.diplomas.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    Diploma,
    DiplomaSettings,
    normalise_code,
)
from plantskola.programmes.models import Edition, Participant

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from plantskola.core.models import Organisation, User


@dataclass(frozen=True)
class Verification:
    """All the public page may show. Only a valid diploma carries name, programme and date."""

    status: str  # "valid", "revoked" or "unknown"
    code: str
    recipient_name: str = ""
    programme_name: str = ""
    edition_name: str = ""
    organisation_name: str = ""
    issued_on: dt.date | None = None

    @property
    def programme_label(self) -> str:
        """ "Framtidens ledare 2023/2024 (Alingsås kommun)": the edition's name alone when it
        already says the programme's."""
        if self.status != "valid":
            return ""
        label = self.edition_name
        if not self.edition_name.startswith(self.programme_name):
            label = f"{self.programme_name} – {self.edition_name}"
        return f"{label} ({self.organisation_name})"


def code_is_well_formed(code: str) -> bool:
    return len(code) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in code)


def diploma_verify(*, code: str) -> Verification:
    code = normalise_code(code)
    if not code_is_well_formed(code):
        return Verification(status="unknown", code=code)
    diploma = Diploma.objects.filter(code=code).first()
    if diploma is None:
        return Verification(status="unknown", code=code)
    if not diploma.is_valid:
        return Verification(status="revoked", code=code)
    return Verification(
        status="valid",
        code=code,
        recipient_name=diploma.recipient_name,
        programme_name=diploma.programme_name,
        edition_name=diploma.edition_name,
        organisation_name=diploma.organisation_name,
        issued_on=timezone.localdate(diploma.issued_at),
    )


def edition_diploma_rows(*, edition: Edition) -> QuerySet[Participant]:
    """Every participant of the edition with their diplomas (newest first) as `diploma_list`."""
    return (
        Participant.objects.filter(edition=edition)
        .select_related("person", "person__organisation")
        .prefetch_related(
            Prefetch(
                "diplomas",
                queryset=Diploma.objects.select_related("revoked_by", "replaced_by").order_by(
                    "-issued_at", "-id"
                ),
                to_attr="diploma_list",
            )
        )
        .order_by("person__last_name", "person__first_name")
    )


def edition_valid_diplomas(*, edition: Edition) -> QuerySet[Diploma]:
    return (
        Diploma.objects.valid()
        .filter(participant__edition=edition)
        .order_by("recipient_name", "id")
        .select_related("participant__edition__programme__organisation")
    )


def diplomas_of_user(*, user: User | AnonymousUser) -> QuerySet[Diploma]:
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
