"""A roster file's columns, and reading it into rows each checked on its own.

What the rows say together (employee numbers, closest managers, the unit tree) is checked in
`hierarchy`. The columns and values are described in the package's docstring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from plantskola.core.models import OrgUnit, Person
from plantskola.core.spreadsheets import (
    Cells,
    ErrorList,
    FileWording,
    Header,
    Layout,
    normalise,
    read_header,
    read_rows,
    shorten,
)

# Canonical column name → accepted headings after normalisation (see `spreadsheets.normalise`).
COLUMNS: dict[str, tuple[str, ...]] = {
    "employee_number": ("employee_number", "anstallningsnummer"),
    "first_name": ("first_name", "fornamn"),
    "last_name": ("last_name", "efternamn"),
    "email": ("email", "e_mail", "epost", "e_post"),
    "unit_code": ("unit_code", "enhetskod"),
    "unit_name": ("unit_name", "enhet"),
    "unit_kind": ("unit_kind", "enhetstyp"),
    "parent_unit_code": ("parent_unit_code", "overordnad_enhetskod"),
    "title": ("title", "titel"),
    "is_manager": ("is_manager", "chef"),
    "manager_employee_number": ("manager_employee_number", "narmaste_chef"),
    "gender": ("gender", "kon"),
    "birth_year": ("birth_year", "fodelsear"),
}
SWEDISH_NAMES = {
    "employee_number": "anställningsnummer",
    "first_name": "förnamn",
    "last_name": "efternamn",
    "unit_code": "enhetskod",
}
REQUIRED = ("employee_number", "first_name", "last_name", "unit_code")
# Lengths of the model fields: PostgreSQL refuses longer values where SQLite would store them.
MAX_LENGTHS = {
    "employee_number": 40,
    "first_name": 100,
    "last_name": 100,
    "email": 254,
    "unit_code": 60,
    "unit_name": 200,
    "parent_unit_code": 60,
    "title": 200,
    "manager_employee_number": 40,
}
LAYOUT = Layout(
    columns=COLUMNS, required=REQUIRED, swedish_names=SWEDISH_NAMES, max_lengths=MAX_LENGTHS
)

UNIT_KINDS = {
    "administration": OrgUnit.Kind.ADMINISTRATION,
    "forvaltning": OrgUnit.Kind.ADMINISTRATION,
    "company": OrgUnit.Kind.COMPANY,
    "bolag": OrgUnit.Kind.COMPANY,
    "department": OrgUnit.Kind.DEPARTMENT,
    "avdelning": OrgUnit.Kind.DEPARTMENT,
    "unit": OrgUnit.Kind.UNIT,
    "enhet": OrgUnit.Kind.UNIT,
}
GENDERS = {
    "kvinna": Person.Gender.WOMAN,
    "woman": Person.Gender.WOMAN,
    "man": Person.Gender.MAN,
    "annat": Person.Gender.OTHER,
    "other": Person.Gender.OTHER,
    "": Person.Gender.UNSTATED,
}


@dataclass
class RosterRow:
    """One person's row of the file, as read (and checked on its own)."""

    row: int
    employee_number: str
    first_name: str
    last_name: str
    email: str
    unit_code: str
    unit_name: str
    unit_kind: str
    parent_unit_code: str
    title: str
    is_manager: bool
    manager_employee_number: str
    gender: str
    birth_year: int | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def read_roster(
    content: bytes, filename: str, errors: ErrorList
) -> tuple[Header, list[tuple[int, list[str]]]] | None:
    """The heading and the rows after it, or None with the file's problems in `errors`."""
    rows = read_rows(
        content,
        filename,
        errors,
        max_bytes=settings.ROSTER_MAX_BYTES,
        wording=FileWording(
            too_large=_("The file is %(size)s; a roster may be at most %(limit)s."),
            too_many_rows=_(
                "The file has more than %(limit)s rows; a roster may have at most %(limit)s."
            ),
            heading_only=_("The file has a heading row but no people."),
        ),
    )
    if rows is None:
        return None
    header = read_header(
        *rows[0],
        errors,
        layout=LAYOUT,
        unknown=_("Column '%(heading)s' is not a roster column. The columns are: %(known)s."),
    )
    if header is None:
        return None
    return header, rows[1:]


def parse_row(
    number: int, values: list[str], header: Header, errors: ErrorList, max_birth_year: int
) -> RosterRow:
    """One row after the heading, with every problem of its own in `errors`."""
    cells = Cells(number, values, header, errors)
    cells.check(LAYOUT, required_labels=header.headings, cell_labels=header.headings)
    email = cells.email()
    unit_kind = cells.choice(
        "unit_kind",
        UNIT_KINDS,
        _(
            "Row %(row)d: unit kind '%(value)s' is not one of administration, company, "
            "department, unit (förvaltning, bolag, avdelning, enhet)."
        ),
        key=normalise,
    )
    is_manager = cells.yes_no(
        "is_manager",
        _("Row %(row)d: '%(value)s' in '%(column)s' is not yes or no (ja/nej, 1/0, x)."),
    )
    gender = cells.gender(GENDERS)

    birth_year: int | None = None
    text = cells.value("birth_year")
    if text:
        if re.fullmatch(r"[0-9]{4}", text) and 1900 <= int(text) <= max_birth_year:
            birth_year = int(text)
        else:
            cells.error(
                "birth_year",
                _("Row %(row)d: birth year '%(value)s' is not a year from 1900 to %(max)d.")
                % {"row": number, "value": shorten(text), "max": max_birth_year},
            )

    return RosterRow(
        row=number,
        employee_number=cells.value("employee_number"),
        first_name=cells.value("first_name"),
        last_name=cells.value("last_name"),
        email=email,
        unit_code=cells.value("unit_code"),
        unit_name=cells.value("unit_name"),
        unit_kind=unit_kind or "",
        parent_unit_code=cells.value("parent_unit_code"),
        title=cells.value("title"),
        is_manager=is_manager is True,
        manager_employee_number=cells.value("manager_employee_number"),
        gender=gender or "",
        birth_year=birth_year,
    )
