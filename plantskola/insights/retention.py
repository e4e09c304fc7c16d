"""Erasure of what the insights keep beside their declared records: an unconfirmed
recruitment preview keeps the uploaded file, which may name the person (registered with the
privacy app from `InsightsConfig.ready`)."""

from __future__ import annotations

from plantskola.core.models import Person
from plantskola.insights.models import RecruitmentImport
from plantskola.privacy.erasure.services import register_erasure_step


def erase_recruitment_previews(person: Person) -> None:
    """Discard the organisation's unconfirmed recruitment files that mention the person by
    name, e-mail or employee number (the file is uploaded again if it is still wanted)."""
    needles = [
        n.lower()
        for n in (person.full_name, person.email, person.employee_number)
        if n and n.strip()
    ]
    previews = RecruitmentImport.objects.filter(
        organisation_id=person.organisation_id, status=RecruitmentImport.Status.PREVIEWED
    )
    for record in previews.only("pk", "content"):
        raw = bytes(record.content or b"")
        text = (raw.decode("utf-8", "replace") + "\n" + raw.decode("cp1252", "replace")).lower()
        if any(n in text for n in needles):
            record.delete()


def register_erasure() -> None:
    register_erasure_step("insights.recruitment_previews", erase_recruitment_previews)
