"""Shared set-up for the diploma tests: signatories for the host, completed participants."""

from __future__ import annotations

import io

from plantskola.diplomas.models import Diploma, DiplomaSettings
from plantskola.diplomas.services import diploma_issue
from plantskola.programmes.models import Participant
from tests.conftest import World


def host_settings(w: World) -> DiplomaSettings:
    settings, _ = DiplomaSettings.objects.update_or_create(
        organisation=w.host,
        defaults={
            "signatory1_name": "Karin Ek",
            "signatory1_title": "Kommundirektör",
            "signatory2_name": "Jonas Holm",
            "signatory2_title": "HR-direktör",
        },
    )
    return settings


def complete(*participants: Participant) -> None:
    for p in participants:
        p.status = Participant.Status.COMPLETED
        p.save(update_fields=["status"])


def issued_diploma(w: World) -> Diploma:
    """The participant's valid diploma (issued on first use)."""
    host_settings(w)
    complete(w.participant)
    diploma, _ = diploma_issue(participant=w.participant, issued_by=w.users["coordinator"])
    return diploma


def png_bytes(size: tuple[int, int] = (120, 60)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 92, 58)).save(buffer, format="PNG")
    return buffer.getvalue()


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF as poppler's pdftotext reads it."""
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as source:
        source.write(pdf)
        source.flush()
        result = subprocess.run(
            ["/usr/bin/pdftotext", "-layout", source.name, "-"],
            check=True,
            capture_output=True,
            text=True,
        )
    return result.stdout
