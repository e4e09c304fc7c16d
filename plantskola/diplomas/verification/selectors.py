"""The public verification of a diploma's code: only a valid diploma shows anything."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from plantskola.diplomas.models import CODE_ALPHABET, CODE_LENGTH, Diploma, normalise_code


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
        issued_on=diploma.date_shown,
    )
