"""Diplomas as PDF (WeasyPrint): one A4 page per diploma, in Swedish whatever the user's
language, since the document is handed to Swedish staff."""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterable

from django.template.loader import render_to_string
from django.utils import translation

from plantskola.diplomas.models import Diploma, DiplomaSettings


def logo_data_uri(settings: DiplomaSettings | None) -> str:
    if settings is None or not settings.logo:
        return ""
    encoded = base64.b64encode(bytes(settings.logo)).decode("ascii")
    return f"data:{settings.logo_content_type};base64,{encoded}"


def _module_lines(diploma: Diploma) -> list[dict[str, str]]:
    """Modules with their length written the Swedish way ("1,5 dagar")."""
    lines = []
    for m in diploma.modules:
        days = str(m.get("days", ""))
        unit = "dag" if days == "1" else "dagar"
        lines.append({"name": m.get("name", ""), "days": f"{days.replace('.', ',')} {unit}"})
    return lines


def _density(diploma: Diploma) -> dict[str, object]:
    """Type sizes that keep any diploma on its one page."""
    name, programme = len(diploma.recipient_name), len(diploma.programme_name)
    modules, extra = len(diploma.modules), len(diploma.extra_text)

    def size(length: int, medium: int, small: int) -> str:
        return "size-l" if length <= medium else "size-m" if length <= small else "size-s"

    return {
        "name_size": size(name, 28, 38),
        "programme_size": size(programme, 40, 60),
        "modules_mode": "table" if modules <= 9 else "compact" if modules <= 13 else "inline",
        "dense": modules > 7 or extra > 200 or name > 38 or programme > 60,
    }


def diplomas_html(
    diplomas: Iterable[Diploma], *, site_url: str, settings: DiplomaSettings | None
) -> str:
    """The HTML of one page per diploma. `site_url` ("https://plantskola.kommun.se") makes the
    verification address printed at the bottom absolute."""
    base = site_url.rstrip("/")
    pages = [
        {
            "diploma": d,
            "issued_on": d.date_shown,
            "verify_url": base + d.get_verify_url(),
            "modules": _module_lines(d),
            **_density(d),
        }
        for d in diplomas
    ]
    with translation.override("sv"):
        return render_to_string(
            "diplomas/pdf/diplomas.html",
            {"pages": pages, "logo": logo_data_uri(settings)},
        )


def diplomas_pdf(
    diplomas: Iterable[Diploma], *, site_url: str, settings: DiplomaSettings | None
) -> bytes:
    from weasyprint import HTML  # imported late: loading Pango and friends takes a moment

    # WeasyPrint reports every layout step at INFO; that is noise in the server log.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

    html = diplomas_html(diplomas, site_url=site_url, settings=settings)
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
