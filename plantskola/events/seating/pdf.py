"""Printable table lists and name badges for a seated event (WeasyPrint, HTML + CSS → PDF).

The documents are in Swedish whatever the organiser's interface language: they are handed
out at the event."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from plantskola.events.models import Event, Registration
from plantskola.events.seating.selectors import seating_tables
from plantskola.events.selectors import registrations as event_registrations

BADGES_PER_PAGE = 8  # 2 × 4 on A4


def _pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported late: loading Pango takes a moment

    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


def table_lists_html(*, event: Event, one_page_per_table: bool = True) -> str:
    with translation.override("sv"):
        return render_to_string(
            "events/pdf/table_lists.html",
            {
                "event": event,
                "tables": seating_tables(event=event),
                "one_page_per_table": one_page_per_table,
            },
        )


def table_lists_pdf(*, event: Event, one_page_per_table: bool = True) -> bytes:
    return _pdf(table_lists_html(event=event, one_page_per_table=one_page_per_table))


def badges_html(*, event: Event) -> str:
    """Name badges of everyone registered: name, title, unit and table number."""
    registrations = list(
        event_registrations(event=event)
        .filter(status=Registration.Status.REGISTERED)
        .order_by("table_number", "person__last_name", "person__first_name")
    )
    pages = [
        registrations[i : i + BADGES_PER_PAGE]
        for i in range(0, len(registrations), BADGES_PER_PAGE)
    ]
    with translation.override("sv"):
        return render_to_string("events/pdf/badges.html", {"event": event, "pages": pages})


def badges_pdf(*, event: Event) -> bytes:
    return _pdf(badges_html(event=event))
