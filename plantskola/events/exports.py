"""Exports of an event's registrations for the organisers: an Excel workbook (everyone with
status, table and dietary needs; through `core/exports.py`), and two printed lists
(WeasyPrint): the registrations with dietary needs, and the alphabetical entrance list with a
tick column. The table lists are in `events/seating/pdf.py`.

Dietary needs are in the exports only while the registrations still hold them: they are
blanked after the event (`events/retention.py`), and so disappear from later exports too."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from plantskola.core.exports import add_sheet, new_workbook, workbook_bytes
from plantskola.core.models import Person
from plantskola.events.models import Event, Registration
from plantskola.events.seating.pdf import _pdf
from plantskola.events.seating.selectors import administration_of, top_units
from plantskola.events.selectors import registrations as event_registrations

# Swedish alphabetical order: å, ä, ö after z (code points put ä before å).
_SWEDISH = str.maketrans({"å": "z\x01", "ä": "z\x02", "ö": "z\x03", "æ": "z\x02", "ø": "z\x03"})


def swedish_key(text: str) -> str:
    return text.casefold().translate(_SWEDISH)


@dataclass
class Row:
    registration: Registration
    administration: str
    waiting_position: int | None = None

    @property
    def person(self) -> Person:
        return self.registration.person


def registration_rows(*, event: Event, include_waiting: bool = True) -> list[Row]:
    """Everyone registered (and, if asked, on the waiting list, with their place in it), by
    last name and first name in Swedish order; cancellations are left out."""
    tops = top_units(organisation_id=event.organisation_id)
    rows: list[Row] = []
    position = 0
    for r in event_registrations(event=event).select_related("registered_by"):
        if r.status == Registration.Status.WAITING:
            position += 1
            if include_waiting:
                rows.append(Row(r, administration_of(r.person, tops), position))
        elif r.status == Registration.Status.REGISTERED:
            rows.append(Row(r, administration_of(r.person, tops)))
    rows.sort(
        key=lambda row: (
            row.waiting_position is not None,
            swedish_key(row.person.last_name),
            swedish_key(row.person.first_name),
            row.registration.pk,
        )
    )
    return rows


def dietary_summary(rows: list[Row]) -> list[tuple[str, int]]:
    """The dietary needs of those with a place, without names (for the caterer)."""
    counts = Counter(
        row.registration.dietary_needs.strip()
        for row in rows
        if row.waiting_position is None and row.registration.dietary_needs.strip()
    )
    return sorted(counts.items(), key=lambda kv: (-kv[1], swedish_key(kv[0])))


def registrations_xlsx(*, event: Event) -> bytes:
    rows = registration_rows(event=event)
    workbook = new_workbook()
    sheet = add_sheet(
        workbook,
        _("Registrations"),
        [
            _("Last name"),
            _("First name"),
            _("E-mail"),
            _("Title"),
            _("Unit"),
            _("Administration or company"),
            _("Status"),
            _("Place on the waiting list"),
            _("Table"),
            _("Dietary needs"),
            _("Registered"),
            _("Registered by"),
        ],
    )
    for row in rows:
        r, person = row.registration, row.person
        sheet.append(
            [
                person.last_name,
                person.first_name,
                person.email,
                person.title,
                person.unit.name if person.unit else "",
                row.administration,
                r.get_status_display(),
                row.waiting_position,
                r.table_number,
                r.dietary_needs,
                formats.date_format(timezone.localtime(r.registered_at), "Y-m-d H:i"),
                r.registered_by.full_name if r.registered_by else "",
            ]
        )
    diets = add_sheet(workbook, _("Dietary needs"), [_("Dietary needs"), _("Number")])
    for text, n in dietary_summary(rows):
        diets.append([text, n])
    return workbook_bytes(workbook)


def registrations_html(*, event: Event) -> str:
    rows = registration_rows(event=event)
    with translation.override("sv"):
        return render_to_string(
            "events/pdf/registrations.html",
            {
                "event": event,
                "registered": [r for r in rows if r.waiting_position is None],
                "waiting": [r for r in rows if r.waiting_position is not None],
                "diets": dietary_summary(rows),
            },
        )


def registrations_pdf(*, event: Event) -> bytes:
    return _pdf(registrations_html(event=event))


def entrance_list_html(*, event: Event) -> str:
    rows = registration_rows(event=event, include_waiting=False)
    with translation.override("sv"):
        return render_to_string("events/pdf/entrance_list.html", {"event": event, "rows": rows})


def entrance_list_pdf(*, event: Event) -> bytes:
    return _pdf(entrance_list_html(event=event))
