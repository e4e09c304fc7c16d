"""Import an organisation's staff roster from the HR system (an ``.xlsx`` or ``.csv`` file).

The file is a *full* roster: everyone employed in the organisation, one person per row. An
import creates and updates units and people, records every change with its effective date,
and marks people who are no longer in the file as having left. The whole file is checked
first and written in one transaction: a file with any error writes nothing and yields a list
of row-numbered errors instead.

File format
-----------
``.xlsx`` (the first sheet is read) or ``.csv`` in UTF-8, with or without a byte-order mark,
separated by ``,`` or ``;`` (Swedish Excel's "CSV UTF-8" uses ``;``). The first row holds the
column headings; row numbers in error messages are the row numbers Excel shows, the heading
being row 1. Blank rows are skipped. Headings are case-insensitive; spaces around them are
ignored; å, ä and ö may be written a, a and o; spaces and hyphens count as underscores
(so ``Födelseår``, ``fodelsear`` and ``FODELSEAR`` are the same column).

=========================== ========================== ======== ==============================
Column (English)            Column (Swedish)           Required Values
=========================== ========================== ======== ==============================
employee_number             anställningsnummer         yes      the HR system's employee
                                                                number, unique in the file
first_name                  förnamn                    yes      text
last_name                   efternamn                  yes      text
email                       e-post (or epost)          no       an e-mail address
unit_code                   enhetskod                  yes      the unit's code in the HR
                                                                system
unit_name                   enhet                      no       the unit's name (new units
                                                                without one are named by code)
unit_kind                   enhetstyp                  no       administration, company,
                                                                department or unit (förvaltning,
                                                                bolag, avdelning, enhet);
                                                                new units default to unit
parent_unit_code            överordnad_enhetskod       no       code of the unit above: a unit
                                                                in the file or an existing
                                                                unit; empty for a top unit
title                       titel                      no       text
is_manager                  chef                       no       ja/nej, yes/no, 1/0,
                                                                true/false, x or empty (no)
manager_employee_number     närmaste_chef              no       employee number of the closest
                                                                manager, who must be in the file
gender                      kön                        no       kvinna/man/annat,
                                                                woman/man/other or empty;
                                                                self-reported only
birth_year                  födelseår                  no       four digits, 1900 to the
                                                                current year minus 14
=========================== ========================== ======== ==============================

A unit is described by the rows of its people: every row names its unit's code, and may give
its name, kind and parent; rows of the same unit must not contradict each other. An optional
column that is left out of the file keeps what is stored; a column that is present but empty
in a row clears that value (no title, not a manager, no closest manager, ...), except that an
empty unit name or kind keeps the unit's stored one, and a unit none of whose rows gives a
parent becomes a top unit when the parent column is present. Units are never deleted by an
import. At most ``ROSTER_MAX_BYTES`` bytes (setting) and 100,000 rows.

Errors
------
Every error has a stable code, a translated message and, where it has one, the row number:
``too_large`` (checked before the file is read), ``empty_file``, ``not_a_spreadsheet``,
``encoding`` (a CSV that is not UTF-8), ``too_many_rows``, ``missing_column``,
``unknown_column``, ``duplicate_column`` (two headings for one column), ``missing_value``
(a required value is empty), ``bad_email``, ``bad_value`` (unknown unit kind, yes/no, gender or
birth year; a value that is too long or holds control characters; a value under no heading; a
unit given two different names, kinds or parents), ``duplicate_employee_number`` (on the
second occurrence, naming the first row), ``unknown_manager`` (the closest manager is not in
the file), ``manager_cycle`` (someone is their own manager, directly or through others),
``unknown_parent_unit`` (neither in the file nor an existing unit), ``unit_cycle``. All errors of
the file are listed, in row order, up to 200 and then ``too_many_errors`` with the count of the
rest.

What an import does
-------------------
- People are matched on employee number within the organisation. New people are created
  (recorded as ``created``); for known people, each change of unit, title, manager role,
  closest manager, e-mail or name is recorded as a ``PersonChange`` with the effective date
  and source. Gender and birth year are updated without history.
- Active people missing from the file are marked as no longer employed (``left``); an
  inactive person who is in the file again is ``returned``.
- Importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plantskola.core.audit.services import audit_record
from plantskola.core.models import AuditEntry, Organisation, OrgUnit, Person, PersonChange
from plantskola.core.services import units_rebuild_paths

MAX_ROWS = 100_000
MAX_ERRORS = 200
BATCH_SIZE = 500

# Canonical column name → accepted headings after normalisation (see `_normalise`).
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
_HEADING_TO_COLUMN = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}

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
YES = {"ja", "yes", "1", "true", "x", "sant", "j", "y"}
NO = {"nej", "no", "0", "false", "", "falskt", "n"}
GENDERS = {
    "kvinna": Person.Gender.WOMAN,
    "woman": Person.Gender.WOMAN,
    "man": Person.Gender.MAN,
    "annat": Person.Gender.OTHER,
    "other": Person.Gender.OTHER,
    "": Person.Gender.UNSTATED,
}

# Signatures of common files that are not spreadsheets we read, checked before decoding text.
_BINARY_SIGNATURES = (
    b"%PDF",
    b"\xd0\xcf\x11\xe0",  # OLE2: the old .xls and .doc formats
    b"\x1f\x8b",  # gzip
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"Rar!",
    b"7z\xbc\xaf",
)
_ZIP_SIGNATURE = b"PK\x03\x04"
# Control characters other than tab and line breaks mean binary junk, never names or titles.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class RosterError:
    """One problem with a roster file.

    `code` is a stable identifier; `message` is translated and complete; `row` is the row
    number Excel shows (heading = 1); `column` is the canonical (English) column name, or the
    heading as written for an unknown column.
    """

    code: str
    message: str
    row: int | None = None
    column: str | None = None


@dataclass(frozen=True)
class PersonDiff:
    """What an import does (or would do) to one person; `changes` are (field, old, new)."""

    employee_number: str
    name: str
    kind: str  # "created" | "updated" | "left" | "returned"
    changes: tuple[tuple[str, str, str], ...] = ()


@dataclass
class RosterResult:
    errors: list[RosterError] = field(default_factory=list)
    diffs: list[PersonDiff] = field(default_factory=list)
    units_created: int = 0
    dry_run: bool = False
    applied: bool = False
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def counts(self) -> dict[str, int]:
        counts = {kind: 0 for kind in ("created", "updated", "left", "returned")}
        for diff in self.diffs:
            counts[diff.kind] += 1
        counts["unchanged"] = self.unchanged
        counts["units_created"] = self.units_created
        return counts


class _Errors:
    """Collects every error; the result keeps the first `MAX_ERRORS` in row order."""

    def __init__(self) -> None:
        self.items: list[RosterError] = []

    def add(
        self, code: str, message: str, *, row: int | None = None, column: str | None = None
    ) -> None:
        self.items.append(RosterError(code=code, message=message, row=row, column=column))

    def __bool__(self) -> bool:
        return bool(self.items)

    def result(self) -> list[RosterError]:
        errors = sorted(self.items, key=lambda e: e.row or 0)
        overflow = len(errors) - MAX_ERRORS
        if overflow <= 0:
            return errors
        return errors[:MAX_ERRORS] + [
            RosterError(
                code="too_many_errors",
                message=ngettext(
                    "…and %(count)d more error.", "…and %(count)d more errors.", overflow
                )
                % {"count": overflow},
            )
        ]


@dataclass
class _Row:
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


@dataclass
class _UnitSpec:
    code: str
    row: int
    name: str = ""
    kind: str = ""
    parent_code: str = ""
    parent_row: int = 0


# ---------------------------------------------------------------------------------------------
# Reading the file


def _normalise(heading: str) -> str:
    text = unicodedata.normalize("NFKD", heading.strip().lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\s\-]+", "_", text)


def _shorten(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    # Excel stores employee numbers and years typed as numbers as floats.
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    return str(value).strip()


def _not_a_spreadsheet(errors: _Errors, filename: str) -> None:
    errors.add(
        "not_a_spreadsheet",
        _(
            "'%(filename)s' is not a spreadsheet we can read. Save it as an Excel workbook "
            "(.xlsx) or as CSV UTF-8 (.csv)."
        )
        % {"filename": _shorten(filename)},
    )


def _read_xlsx(content: bytes) -> Iterator[list[str]]:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        # Some HR systems write a wrong dimension record; read every cell regardless.
        sheet.reset_dimensions()  # type: ignore[union-attr]
        for values in sheet.iter_rows(min_row=1, values_only=True):
            yield [_cell_text(v) for v in values]
    finally:
        workbook.close()


def _decode_csv(content: bytes, filename: str, errors: _Errors) -> str | None:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        errors.add("encoding", _encoding_message(filename, "UTF-16"))
        return None
    if b"\x00" in content:
        _not_a_spreadsheet(errors, filename)
        return None
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Text in Windows-1252 (what Excel's plain "CSV" writes) is an encoding problem the user
    # can fix; anything with many control characters is not text at all.
    text = content.decode("latin-1")
    # (Bytes 0x80-0x9f are letters and punctuation in Windows-1252, so only C0 controls count.)
    controls = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\r\n") or ch == "\x7f")
    if controls > len(text) // 100:
        _not_a_spreadsheet(errors, filename)
    else:
        errors.add("encoding", _encoding_message(filename, "Windows-1252"))
    return None


def _encoding_message(filename: str, guess: str) -> str:
    return _(
        "'%(filename)s' is not saved as UTF-8 (it looks like %(guess)s). In Excel, choose "
        'Save As and the format "CSV UTF-8 (Comma delimited) (*.csv)", then upload again.'
    ) % {"filename": _shorten(filename), "guess": guess}


def _read_csv(text: str) -> Iterator[list[str]]:
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    if first_line.count(delimiter) == 0:
        delimiter = ","
    for cells in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        yield [cell.strip() for cell in cells]


def _read_rows(
    content: bytes, filename: str, errors: _Errors
) -> list[tuple[int, list[str]]] | None:
    """The non-blank rows of the file with their row numbers, or None after an error."""
    if len(content) > settings.ROSTER_MAX_BYTES:
        errors.add(
            "too_large",
            _("The file is %(size)s; a roster may be at most %(limit)s.")
            % {
                "size": filesizeformat(len(content)),
                "limit": filesizeformat(settings.ROSTER_MAX_BYTES),
            },
        )
        return None
    if not content.strip():
        errors.add("empty_file", _("The file is empty."))
        return None
    extension = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    lines: Iterable[list[str]]
    if content.startswith(_ZIP_SIGNATURE):
        lines = _read_xlsx(content)
    elif extension in (
        "xlsx",
        "xlsm",
        "xls",
        "ods",
        "pdf",
        "doc",
        "docx",
        "zip",
    ) or content.startswith(_BINARY_SIGNATURES):
        _not_a_spreadsheet(errors, filename)
        return None
    else:
        text = _decode_csv(content, filename, errors)
        if text is None:
            return None
        lines = _read_csv(text)

    rows: list[tuple[int, list[str]]] = []
    try:
        for number, cells in enumerate(lines, start=1):
            if not any(cells):
                continue
            rows.append((number, cells))
            # The heading plus one row too many is enough to know the file is too long.
            if len(rows) > MAX_ROWS + 1:
                errors.add(
                    "too_many_rows",
                    _("The file has more than %(limit)s rows; a roster may have at most %(limit)s.")
                    % {"limit": f"{MAX_ROWS:,}".replace(",", "\u00a0")},
                )
                return None
    except Exception:  # noqa: BLE001 - any failure to parse means the file is not readable
        _not_a_spreadsheet(errors, filename)
        return None
    if not rows:
        errors.add("empty_file", _("The file is empty."))
        return None
    if len(rows) == 1:
        errors.add("empty_file", _("The file has a heading row but no people."), row=rows[0][0])
        return None
    return rows


def _read_header(
    number: int, cells: list[str], errors: _Errors
) -> tuple[dict[str, int], dict[str, str]] | None:
    """Map canonical column → index, and canonical column → the heading as written."""
    return read_header(
        number,
        cells,
        errors,
        heading_to_column=_HEADING_TO_COLUMN,
        required=REQUIRED,
        swedish_names=SWEDISH_NAMES,
        unknown=_("Column '%(heading)s' is not a roster column. The columns are: %(known)s."),
        known=", ".join(COLUMNS),
    )


def read_header(
    number: int,
    cells: list[str],
    errors: _Errors,
    *,
    heading_to_column: dict[str, str],
    required: Iterable[str],
    swedish_names: dict[str, str],
    unknown: str,
    known: str,
) -> tuple[dict[str, int], dict[str, str]] | None:
    """The header row of an import file (the roster, recruitment files): canonical column →
    index and → the heading as written, or None with every problem in `errors`. `unknown` is
    the message for a heading that is no column, with %(heading)s and %(known)s."""
    indexes: dict[str, int] = {}
    headings: dict[str, str] = {}
    for index, heading in enumerate(cells):
        if not heading:
            continue
        column = heading_to_column.get(_normalise(heading))
        if column is None:
            errors.add(
                "unknown_column",
                unknown % {"heading": _shorten(heading), "known": known},
                row=number,
                column=heading,
            )
        elif column in indexes:
            errors.add(
                "duplicate_column",
                _("Columns '%(first)s' and '%(second)s' are the same column.")
                % {"first": headings[column], "second": _shorten(heading)},
                row=number,
                column=column,
            )
        else:
            indexes[column] = index
            headings[column] = heading
    for column in required:
        if column not in indexes:
            errors.add(
                "missing_column",
                _("The required column '%(column)s' (in Swedish '%(swedish)s') is missing.")
                % {"column": column, "swedish": swedish_names[column]},
                row=number,
                column=column,
            )
    if errors:
        return None
    return indexes, headings


# ---------------------------------------------------------------------------------------------
# Checking rows


def _parse_row(
    number: int,
    cells: list[str],
    indexes: dict[str, int],
    headings: dict[str, str],
    errors: _Errors,
    max_birth_year: int,
) -> _Row:
    def value(column: str) -> str:
        index = indexes.get(column)
        return cells[index] if index is not None and index < len(cells) else ""

    def bad(column: str | None, message: str, code: str = "bad_value") -> None:
        errors.add(code, message, row=number, column=column)

    known = set(indexes.values())
    extra = [cell for index, cell in enumerate(cells) if cell and index not in known]
    if extra:
        bad(
            None,
            _("Row %(row)d has a value without a column heading: '%(value)s'.")
            % {"row": number, "value": _shorten(extra[0])},
        )

    for column in REQUIRED:
        if not value(column):
            bad(
                column,
                _("Row %(row)d: '%(column)s' is empty.")
                % {"row": number, "column": headings[column]},
                "missing_value",
            )
    for column, index in indexes.items():
        if index < len(cells) and _CONTROL_CHARACTERS.search(cells[index]):
            bad(
                column,
                _("Row %(row)d: '%(column)s' contains control characters: %(value)s.")
                % {"row": number, "column": headings[column], "value": ascii(cells[index])[:60]},
            )
    for column, limit in MAX_LENGTHS.items():
        if len(value(column)) > limit:
            bad(
                column,
                _("Row %(row)d: '%(column)s' is longer than %(limit)d characters.")
                % {"row": number, "column": headings[column], "limit": limit},
            )

    email = value("email")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            bad(
                "email",
                _("Row %(row)d: '%(value)s' is not a valid e-mail address.")
                % {"row": number, "value": _shorten(email)},
                "bad_email",
            )

    unit_kind = ""
    if value("unit_kind"):
        unit_kind = UNIT_KINDS.get(_normalise(value("unit_kind")), "")
        if not unit_kind:
            bad(
                "unit_kind",
                _(
                    "Row %(row)d: unit kind '%(value)s' is not one of administration, company, "
                    "department, unit (förvaltning, bolag, avdelning, enhet)."
                )
                % {"row": number, "value": _shorten(value("unit_kind"))},
            )

    is_manager_text = value("is_manager").lower()
    if is_manager_text not in YES | NO:
        bad(
            "is_manager",
            _("Row %(row)d: '%(value)s' in '%(column)s' is not yes or no (ja/nej, 1/0, x).")
            % {
                "row": number,
                "value": _shorten(value("is_manager")),
                "column": headings["is_manager"],
            },
        )

    gender = GENDERS.get(value("gender").lower())
    if gender is None:
        bad(
            "gender",
            _("Row %(row)d: gender '%(value)s' is not kvinna, man, annat or empty.")
            % {"row": number, "value": _shorten(value("gender"))},
        )

    birth_year: int | None = None
    if value("birth_year"):
        text = value("birth_year")
        if re.fullmatch(r"[0-9]{4}", text) and 1900 <= int(text) <= max_birth_year:
            birth_year = int(text)
        else:
            bad(
                "birth_year",
                _("Row %(row)d: birth year '%(value)s' is not a year from 1900 to %(max)d.")
                % {"row": number, "value": _shorten(text), "max": max_birth_year},
            )

    return _Row(
        row=number,
        employee_number=value("employee_number"),
        first_name=value("first_name"),
        last_name=value("last_name"),
        email=email,
        unit_code=value("unit_code"),
        unit_name=value("unit_name"),
        unit_kind=unit_kind,
        parent_unit_code=value("parent_unit_code"),
        title=value("title"),
        is_manager=is_manager_text in YES,
        manager_employee_number=value("manager_employee_number"),
        gender=gender or "",
        birth_year=birth_year,
    )


def _find_cycles(parent_of: dict[str, str | None]) -> list[list[str]]:
    """Cycles in a graph where every node has at most one parent, each listed once."""
    state: dict[str, int] = {}  # 1: on the current walk, 2: done
    cycles: list[list[str]] = []
    for start in parent_of:
        walk: list[str] = []
        node: str | None = start
        while node is not None and node in parent_of and state.get(node) is None:
            state[node] = 1
            walk.append(node)
            node = parent_of[node]
        if node is not None and state.get(node) == 1:
            cycles.append(walk[walk.index(node) :])
        for visited in walk:
            state[visited] = 2
    return cycles


def _check_people(rows: list[_Row], errors: _Errors) -> dict[str, _Row]:
    """Duplicates, unknown managers and manager cycles; returns the rows by employee number."""
    by_number: dict[str, _Row] = {}
    for row in rows:
        if not row.employee_number:
            continue
        first = by_number.get(row.employee_number)
        if first is not None:
            errors.add(
                "duplicate_employee_number",
                _("Row %(row)d: employee number '%(number)s' is already on row %(first)d.")
                % {"row": row.row, "number": _shorten(row.employee_number), "first": first.row},
                row=row.row,
                column="employee_number",
            )
        else:
            by_number[row.employee_number] = row

    manager_of: dict[str, str | None] = {}
    for number, row in by_number.items():
        manager = row.manager_employee_number
        if not manager:
            manager_of[number] = None
        elif manager == number:
            errors.add(
                "manager_cycle",
                _("Row %(row)d: employee '%(number)s' is their own closest manager.")
                % {"row": row.row, "number": _shorten(number)},
                row=row.row,
                column="manager_employee_number",
            )
            manager_of[number] = None
        elif manager not in by_number:
            errors.add(
                "unknown_manager",
                _("Row %(row)d: closest manager '%(manager)s' is not in the file.")
                % {"row": row.row, "manager": _shorten(manager)},
                row=row.row,
                column="manager_employee_number",
            )
            manager_of[number] = None
        else:
            manager_of[number] = manager
    for cycle in _find_cycles(manager_of):
        first_row = min(by_number[number].row for number in cycle)
        start = next(number for number in cycle if by_number[number].row == first_row)
        ordered = cycle[cycle.index(start) :] + cycle[: cycle.index(start)] + [start]
        errors.add(
            "manager_cycle",
            _("Row %(row)d: the closest managers go round in a circle: %(cycle)s.")
            % {"row": first_row, "cycle": " → ".join(_shorten(n, 20) for n in ordered)},
            row=first_row,
            column="manager_employee_number",
        )
    return by_number


def _check_units(
    rows: list[_Row],
    existing: dict[str, OrgUnit],
    parent_column: bool,
    errors: _Errors,
) -> dict[str, _UnitSpec]:
    """Gather each unit's name, kind and parent from its rows and check the resulting tree."""
    specs: dict[str, _UnitSpec] = {}
    labels = {"name": _("name"), "kind": _("kind"), "parent_code": _("parent unit")}
    for row in rows:
        if not row.unit_code:
            continue
        spec = specs.setdefault(row.unit_code, _UnitSpec(code=row.unit_code, row=row.row))
        stated = {"name": row.unit_name, "kind": row.unit_kind, "parent_code": row.parent_unit_code}
        for attribute, new in stated.items():
            old = getattr(spec, attribute)
            if not new:
                continue
            if not old:
                setattr(spec, attribute, new)
                if attribute == "parent_code":
                    spec.parent_row = row.row
            elif old != new:
                errors.add(
                    "bad_value",
                    _(
                        "Row %(row)d: unit '%(code)s' has %(attribute)s '%(new)s' here but "
                        "'%(old)s' on an earlier row."
                    )
                    % {
                        "row": row.row,
                        "code": _shorten(row.unit_code),
                        "attribute": labels[attribute],
                        "new": _shorten(new),
                        "old": _shorten(old),
                    },
                    row=row.row,
                    column="unit_name"
                    if attribute == "name"
                    else "unit_kind"
                    if attribute == "kind"
                    else "parent_unit_code",
                )

    code_of = {unit.pk: code for code, unit in existing.items()}
    parent_of: dict[str, str | None] = {
        code: code_of.get(unit.parent_id) if unit.parent_id else None
        for code, unit in existing.items()
    }
    for code, spec in specs.items():
        if spec.parent_code and spec.parent_code not in specs and spec.parent_code not in existing:
            errors.add(
                "unknown_parent_unit",
                _(
                    "Row %(row)d: parent unit '%(parent)s' is neither a unit in the file nor "
                    "an existing unit."
                )
                % {"row": spec.parent_row, "parent": _shorten(spec.parent_code)},
                row=spec.parent_row,
                column="parent_unit_code",
            )
        elif parent_column or code not in existing:
            parent_of[code] = spec.parent_code or None
    for cycle in _find_cycles(parent_of):
        in_file = [code for code in cycle if code in specs]
        first = min(in_file, key=lambda code: specs[code].parent_row or specs[code].row)
        cycle_row = specs[first].parent_row or specs[first].row
        ordered = cycle[cycle.index(first) :] + cycle[: cycle.index(first)] + [first]
        errors.add(
            "unit_cycle",
            _("Row %(row)d: the units are placed under each other in a circle: %(cycle)s.")
            % {"row": cycle_row, "cycle": " → ".join(_shorten(code, 20) for code in ordered)},
            row=cycle_row,
            column="parent_unit_code",
        )
    return specs


# ---------------------------------------------------------------------------------------------
# Planning and applying


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _unit_label(name: str, code: str) -> str:
    return f"{name} ({code})"


def _person_label(name: str, number: str) -> str:
    return f"{name} ({number})"


@transaction.atomic
def roster_import(
    *,
    organisation: Organisation,
    content: bytes,
    filename: str,
    effective_date: datetime.date,
    dry_run: bool = False,
    source: str = "roster",
) -> RosterResult:
    """Check a roster file and, unless `dry_run` or the file has errors, apply it.

    Returns the errors (then nothing is written) or what changed (or would change).
    """
    result = RosterResult(dry_run=dry_run)
    errors = _Errors()
    rows_read = _read_rows(content, filename, errors)
    header = None if rows_read is None else _read_header(*rows_read[0], errors)
    if rows_read is None or header is None:
        result.errors = errors.result()
        return result
    indexes, headings = header
    present = set(indexes)

    if not dry_run:
        # Two imports of one organisation at once would race on the unique employee numbers.
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()

    max_birth_year = timezone.localdate().year - 14
    rows = [
        _parse_row(number, cells, indexes, headings, errors, max_birth_year)
        for number, cells in rows_read[1:]
    ]
    existing_units = {u.code: u for u in OrgUnit.objects.filter(organisation=organisation)}
    by_number = _check_people(rows, errors)
    specs = _check_units(rows, existing_units, "parent_unit_code" in present, errors)
    if errors:
        result.errors = errors.result()
        return result

    plan = _Plan(
        organisation=organisation,
        rows=list(by_number.values()),
        present=present,
        existing_units=existing_units,
        specs=specs,
        effective_date=effective_date,
        source=source,
    )
    result.diffs = plan.diffs
    result.units_created = len(plan.new_units)
    result.unchanged = plan.unchanged
    if not dry_run:
        plan.apply()
        result.applied = True
        counts = result.counts()
        audit_record(
            AuditEntry.Action.IMPORT,
            object_type="core.person",
            organisation_id=organisation.pk,
            note=", ".join(f"{kind} {n}" for kind, n in counts.items()) + f" ({source})",
        )
    return result


class _Plan:
    """Everything an import will write, worked out from the file and the database alone."""

    def __init__(
        self,
        *,
        organisation: Organisation,
        rows: list[_Row],
        present: set[str],
        existing_units: dict[str, OrgUnit],
        specs: dict[str, _UnitSpec],
        effective_date: datetime.date,
        source: str,
    ) -> None:
        self.organisation = organisation
        self.effective_date = effective_date
        self.source = source
        self.diffs: list[PersonDiff] = []
        self.unchanged = 0
        self._plan_units(existing_units, specs, "parent_unit_code" in present)
        self._plan_people(rows, present)

    # Units -----------------------------------------------------------------------------------

    def _plan_units(
        self, existing: dict[str, OrgUnit], specs: dict[str, _UnitSpec], parent_column: bool
    ) -> None:
        self.units = dict(existing)
        code_of = {unit.pk: code for code, unit in existing.items()}
        self.new_units: list[OrgUnit] = []
        self.unit_updates: dict[str, dict[str, object]] = {}  # code → changed fields
        # Parents are set by code once the parent exists: code → parent's code.
        self.unit_parents: dict[str, str | None] = {}
        for code, spec in specs.items():
            unit = existing.get(code)
            if unit is None:
                unit = OrgUnit(
                    organisation=self.organisation,
                    code=code,
                    name=spec.name or code,
                    kind=spec.kind or OrgUnit.Kind.UNIT,
                )
                self.units[code] = unit
                self.new_units.append(unit)
                self.unit_parents[code] = spec.parent_code or None
                continue
            old_parent = code_of.get(unit.parent_id) if unit.parent_id else None
            new_parent = (spec.parent_code or None) if parent_column else old_parent
            updates: dict[str, object] = {}
            if spec.name and spec.name != unit.name:
                updates["name"] = unit.name = spec.name
            if spec.kind and spec.kind != unit.kind:
                updates["kind"] = unit.kind = spec.kind
            if updates:
                self.unit_updates[code] = updates
            if new_parent != old_parent:
                self.unit_parents[code] = new_parent

    # People ----------------------------------------------------------------------------------

    def _plan_people(self, rows: list[_Row], present: set[str]) -> None:
        people = {
            p.employee_number: p for p in Person.objects.filter(organisation=self.organisation)
        }
        number_of = {p.pk: number for number, p in people.items()}
        names = {number: p.full_name for number, p in people.items()}
        names.update({row.employee_number: row.full_name for row in rows})
        unit_code_of = {unit.pk: code for code, unit in self.units.items() if unit.pk}

        def unit_label(code: str | None) -> str:
            return _unit_label(self.units[code].name, code) if code else ""

        def manager_label(number: str | None) -> str:
            return _person_label(names[number], number) if number else ""

        self.new_people: list[tuple[Person, _Row]] = []
        # Employee number → changed fields of a known person, by attribute name.
        self.person_updates: dict[str, dict[str, object]] = {}
        # Units and managers are set by code and number once every unit and person exists.
        self.person_units: dict[str, str] = {}
        self.managers: dict[str, str | None] = {}
        self.changes: list[tuple[str, str, str, str]] = []  # number, field, old, new
        self.people = people
        in_file: set[str] = set()

        for row in rows:
            number = row.employee_number
            in_file.add(number)
            person = people.get(number)
            if person is None:
                person = Person(
                    organisation=self.organisation,
                    employee_number=number,
                    first_name=row.first_name,
                    last_name=row.last_name,
                    email=row.email,
                    title=row.title,
                    is_manager=row.is_manager,
                    gender=row.gender,
                    birth_year=row.birth_year,
                )
                manager = row.manager_employee_number or None
                self.new_people.append((person, row))
                self.managers[number] = manager
                shown = [
                    ("unit", "", unit_label(row.unit_code)),
                    ("title", "", row.title),
                    ("is_manager", "", _yes_no(True) if row.is_manager else ""),
                    ("manager", "", manager_label(manager)),
                    ("email", "", row.email),
                ]
                self.diffs.append(
                    PersonDiff(
                        employee_number=number,
                        name=row.full_name,
                        kind="created",
                        changes=tuple(c for c in shown if c[2]),
                    )
                )
                self.changes.append((number, PersonChange.Field.CREATED, "", manager_label(number)))
                continue

            # (field, old value, new value); the first few are recorded in the history.
            diff: list[tuple[str, str, str]] = []
            old_unit = unit_code_of.get(person.unit_id) if person.unit_id else None
            old_manager = number_of.get(person.manager_id) if person.manager_id else None
            new_manager = (
                (row.manager_employee_number or None)
                if "manager_employee_number" in present
                else old_manager
            )
            updates: dict[str, object] = {}
            if (person.first_name, person.last_name) != (row.first_name, row.last_name):
                diff.append(("name", person.full_name, row.full_name))
                updates.update(first_name=row.first_name, last_name=row.last_name)
            if "email" in present and person.email != row.email:
                diff.append(("email", person.email, row.email))
                updates["email"] = row.email
            if old_unit != row.unit_code:
                diff.append(("unit", unit_label(old_unit), unit_label(row.unit_code)))
                self.person_units[number] = row.unit_code
            if "title" in present and person.title != row.title:
                diff.append(("title", person.title, row.title))
                updates["title"] = row.title
            if "is_manager" in present and person.is_manager != row.is_manager:
                diff.append(
                    ("is_manager", str(person.is_manager).lower(), str(row.is_manager).lower())
                )
                updates["is_manager"] = row.is_manager
            if old_manager != new_manager:
                diff.append(("manager", manager_label(old_manager), manager_label(new_manager)))
                self.managers[number] = new_manager
            recorded = list(diff)
            if "gender" in present and person.gender != row.gender:
                diff.append(("gender", person.gender, row.gender))
                updates["gender"] = row.gender
            if "birth_year" in present and person.birth_year != row.birth_year:
                diff.append(("birth_year", str(person.birth_year or ""), str(row.birth_year or "")))
                updates["birth_year"] = row.birth_year

            kind = "updated" if diff else ""
            if not person.is_active:
                kind = "returned"
                updates["is_active"] = True
                self.changes.append((number, PersonChange.Field.RETURNED, "", ""))
            if not kind:
                self.unchanged += 1
                continue
            self.person_updates[number] = updates
            for change_field, old, new in recorded:
                self.changes.append((number, change_field, old, new))
            self.diffs.append(
                PersonDiff(
                    employee_number=number,
                    name=row.full_name,
                    kind=kind,
                    changes=tuple(
                        (f, _yes_no(o == "true"), _yes_no(n == "true"))
                        if f == "is_manager"
                        else (f, o, n)
                        for f, o, n in diff
                    ),
                )
            )

        self.leavers = sorted(
            (p for number, p in people.items() if p.is_active and number not in in_file),
            key=lambda p: p.employee_number,
        )
        for person in self.leavers:
            self.changes.append((person.employee_number, PersonChange.Field.LEFT, "", ""))
            self.diffs.append(
                PersonDiff(
                    employee_number=person.employee_number, name=person.full_name, kind="left"
                )
            )

    def apply(self) -> None:
        self._apply_units()
        self._apply_people()
        PersonChange.objects.bulk_create(
            [
                PersonChange(
                    person=self.people[number],
                    field=change_field,
                    old_value=old[:300],
                    new_value=new[:300],
                    effective_date=self.effective_date,
                    source=self.source[:60],
                )
                for number, change_field, old, new in self.changes
            ],
            batch_size=BATCH_SIZE,
        )

    def _apply_units(self) -> None:
        # New units are created parents first, so each is inserted with its parent and gets its
        # path right away; `units_rebuild_paths` then has only moved subtrees left to fix.
        new_codes = {unit.code for unit in self.new_units}
        for batch in _by_level(new_codes, self.unit_parents):
            units = [self.units[code] for code in batch]
            for unit in units:
                parent_code = self.unit_parents[unit.code]
                unit.parent = self.units[parent_code] if parent_code else None
            OrgUnit.objects.bulk_create(units, batch_size=BATCH_SIZE)
            for unit in units:
                unit.path = f"{unit.parent.path if unit.parent else '/'}{unit.pk}/"
                OrgUnit.objects.filter(pk=unit.pk).update(path=unit.path)

        updates = {self.units[code].pk: fields for code, fields in self.unit_updates.items()}
        for code, parent_code in self.unit_parents.items():
            if code not in new_codes:
                parent = self.units[parent_code] if parent_code else None
                updates.setdefault(self.units[code].pk, {})["parent_id"] = parent and parent.pk
        _update_grouped(OrgUnit, updates)
        if self.new_units or updates:
            units_rebuild_paths(organisation=self.organisation)

    def _apply_people(self) -> None:
        # New people are created managers first, so each is inserted with its manager.
        new = {person.employee_number: (person, row) for person, row in self.new_people}
        for batch in _by_level(set(new), self.managers):
            people = [new[number][0] for number in batch]
            for person in people:
                manager = self.managers[person.employee_number]
                person.manager = self.people[manager] if manager else None
                person.unit = self.units[new[person.employee_number][1].unit_code]
            Person.objects.bulk_create(people, batch_size=BATCH_SIZE)
            self.people.update((person.employee_number, person) for person in people)

        updates = {self.people[number].pk: fields for number, fields in self.person_updates.items()}
        for number, code in self.person_units.items():
            updates[self.people[number].pk]["unit_id"] = self.units[code].pk
        for number, manager in self.managers.items():
            if number not in new:
                manager_pk = self.people[manager].pk if manager else None
                updates[self.people[number].pk]["manager_id"] = manager_pk
        for person in self.leavers:
            updates[person.pk] = {"is_active": False}
        _update_grouped(Person, updates)


def _by_level(nodes: set[str], parent_of: dict[str, str | None]) -> list[list[str]]:
    """`nodes` in batches such that each node's parent, if also in `nodes`, is in an earlier one.

    The graph must be free of cycles (checked before anything is planned).
    """
    levels: dict[str, int] = {}

    def level(start: str) -> int:
        # Iterative: a chain of managers may be longer than Python's recursion limit.
        chain: list[str] = []
        node = start
        while node not in levels:
            parent = parent_of.get(node)
            if parent is None or parent not in nodes:
                levels[node] = 0
                break
            chain.append(node)
            node = parent
        depth = levels[node]
        for child in reversed(chain):
            depth += 1
            levels[child] = depth
        return levels[start]

    batches: dict[int, list[str]] = {}
    for node in sorted(nodes):
        batches.setdefault(level(node), []).append(node)
    return [batches[depth] for depth in sorted(batches)]


def _update_grouped(
    model: type[OrgUnit] | type[Person], updates: dict[int, dict[str, object]]
) -> None:
    """Write {pk: {field: value}} with one UPDATE per distinct (field, value) and batch of pks.

    A roster's changes repeat values (a reorganisation moves many people to few units; a new
    title comes to many), and Django's `bulk_update` builds a CASE per row and field that takes
    seconds for a few thousand rows.
    """
    groups: dict[tuple[str, object], list[int]] = {}
    for pk, fields in updates.items():
        for name, value in fields.items():
            groups.setdefault((name, value), []).append(pk)
    for (name, value), pks in groups.items():
        for start in range(0, len(pks), BATCH_SIZE):
            model.objects.filter(pk__in=pks[start : start + BATCH_SIZE]).update(**{name: value})
