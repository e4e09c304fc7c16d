"""The register extract as files: a PDF to read, and a ZIP with the PDF and the JSON."""

from __future__ import annotations

import io
import json
import logging
import zipfile

from django.template.loader import render_to_string
from django.utils import translation

from plantskola.privacy.extract.selectors import Extract, extract_json


def extract_html(extract: Extract) -> str:
    with translation.override("sv"):
        return render_to_string("privacy/extract_pdf.html", {"extract": extract})


def extract_pdf(extract: Extract) -> bytes:
    from weasyprint import HTML

    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    pdf: bytes = HTML(string=extract_html(extract)).write_pdf()
    return pdf


def extract_zip(extract: Extract) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "registerutdrag.json", json.dumps(extract_json(extract), ensure_ascii=False, indent=2)
        )
        archive.writestr("registerutdrag.pdf", extract_pdf(extract))
    return buffer.getvalue()
