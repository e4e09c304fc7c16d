"""A roster file's columns, and reading it into rows each checked on its own.

What the rows say together (employee numbers, closest managers, the unit tree) is checked in
`hierarchy`. The columns and values are described in the package's docstring.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from plantskola.core.models import OrgUnit
from plantskola.core.spreadsheets import (
    Cells,
    ErrorList,
    FileWording,
    Header,
    Layout,
    Table,
    normalise,
    read_table,
    shorten,
)

# Canonical column name → accepted headings after normalisation (see `spreadsheets.normalise`).
COLUMNS: dict[str, tuple[str, ...]] = {
    "employee_number": (
        "employee_number",
        "anstallningsnummer",
        "anstallningsnr",
        "anst_nr",
        "anstnr",
        "personalnummer",
        "medarbetarnummer",
        "employee_id",
        "employee_no",
    ),
    "first_name": ("first_name", "fornamn", "tilltalsnamn", "given_name", "firstname"),
    "last_name": ("last_name", "efternamn", "surname", "family_name", "lastname"),
    "email": (
        "email",
        "e_mail",
        "epost",
        "e_post",
        "epostadress",
        "e_postadress",
        "mejl",
        "email_address",
    ),
    "unit_code": (
        "unit_code",
        "enhetskod",
        "enhets_kod",
        "enhet_kod",
        "enhetsnummer",
        "org_enhet_kod",
        "organisationsenhet_kod",
        "unit_id",
    ),
    "unit_name": ("unit_name", "enhet", "enhetsnamn", "organisationsenhet", "org_enhet"),
    "unit_kind": ("unit_kind", "enhetstyp", "unit_type"),
    "parent_unit_code": (
        "parent_unit_code",
        "overordnad_enhetskod",
        "overordnad_enhet",
        "parent_unit",
    ),
    "title": ("title", "titel", "befattning", "befattningsbenamning", "yrkestitel", "job_title"),
    "is_manager": ("is_manager", "chef", "ar_chef", "chefsbefattning"),
    "manager_employee_number": (
        "manager_employee_number",
        "narmaste_chef",
        "chefens_anstallningsnummer",
        "manager_id",
    ),
    "gender": ("gender", "kon"),
    "birth_year": ("birth_year", "fodelsear", "fodelse_ar", "year_of_birth"),
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


def column_labels() -> dict[str, str]:
    """Every column by name, as the preview's column mapping shows it."""
    return {
        "employee_number": _("Employee number"),
        "first_name": _("First name"),
        "last_name": _("Last name"),
        "email": _("E-mail address"),
        "unit_code": _("The unit's code"),
        "unit_name": _("The unit's name"),
        "unit_kind": _("Unit kind"),
        "parent_unit_code": _("Code of the unit above"),
        "title": _("Job title"),
        "is_manager": _("Manager"),
        "manager_employee_number": _("Employee number of the closest manager"),
        "gender": _("Gender"),
        "birth_year": _("Birth year"),
    }


def read_roster(
    content: bytes, filename: str, errors: ErrorList, mapping: Mapping[str, str]
) -> Table | None:
    """The file read with its heading found, or None with the file's problems in `errors`;
    `mapping` is the organisation's saved column mapping."""
    return read_table(
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
        layout=LAYOUT,
        mapping=mapping,
    )


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
    gender = cells.gender()

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
