"""Reading an import file (an ``.xlsx`` workbook or a ``.csv`` text) and checking its cells.

Every import of a file from another system (the staff roster, the recruitment statistics)
reads it here, so that all of them accept the same files and say the same things about the
same problems. ``.xlsx`` (the first sheet) or ``.csv`` in UTF-8, with or without a byte-order
mark, separated by ``,``, ``;`` or a tab (whichever the first line has most of); any other
encoding or binary file is refused with a message on what to do. Row numbers are the ones
Excel shows (heading = 1); blank rows are skipped; cells are text without spaces around them.
Headings are compared `normalise`d. Every problem is collected with its row and column
(`ErrorList`), so that a file with errors is refused with all of them at once.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_ROWS = 100_000
MAX_ERRORS = 200
# A workbook (a zip archive) is refused before it is parsed when it would unpack to more than
# this, has more parts than this, or packs a large part more tightly than this: a zip bomb
# (a small file that expands to hundreds of megabytes) would otherwise fill the memory. A
# workbook of MAX_ROWS rows of eight roster columns unpacks to about 50 MB, packed about ten
# times; Excel's own files are smaller still.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ZIP_ENTRIES = 10_000
MAX_PACKING_RATIO = 100
_RATIO_CHECKED_FROM = 1024 * 1024

# Yes and no in a cell, after `str.lower`; an empty cell is no.
YES = frozenset({"ja", "yes", "1", "true", "x", "sant", "j", "y"})
NO = frozenset({"nej", "no", "0", "false", "", "falskt", "n"})

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
# Extensions of files that are not CSV, whatever their content looks like.
_NOT_CSV = ("xlsx", "xlsm", "xls", "ods", "pdf", "doc", "docx", "zip")
# Control characters other than tab and line breaks mean binary junk, never names or titles.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

T = TypeVar("T")


# ---------------------------------------------------------------------------------------------
# Errors


@dataclass(frozen=True)
class SpreadsheetError:
    """One problem with an import file.

    `code` is a stable identifier; `message` is translated and complete; `row` is the row
    number Excel shows (heading = 1); `column` is the canonical (English) column name, or the
    heading as written for an unknown column.
    """

    code: str
    message: str
    row: int | None = None
    column: str | None = None


class ErrorList:
    """Collects every error; `result` keeps the first `MAX_ERRORS` in row order."""

    def __init__(self) -> None:
        self.items: list[SpreadsheetError] = []

    def add(
        self, code: str, message: str, *, row: int | None = None, column: str | None = None
    ) -> None:
        self.items.append(SpreadsheetError(code=code, message=message, row=row, column=column))

    def __bool__(self) -> bool:
        return bool(self.items)

    def result(self) -> list[SpreadsheetError]:
        errors = sorted(self.items, key=lambda e: e.row or 0)
        overflow = len(errors) - MAX_ERRORS
        if overflow <= 0:
            return errors
        return errors[:MAX_ERRORS] + [
            SpreadsheetError(
                code="too_many_errors",
                message=ngettext(
                    "…and %(count)d more error.", "…and %(count)d more errors.", overflow
                )
                % {"count": overflow},
            )
        ]


# ---------------------------------------------------------------------------------------------
# Text


def normalise(heading: str) -> str:
    """A heading (or a word in a cell) as compared: lower case, without accents, spaces and
    hyphens as underscores."""
    text = unicodedata.normalize("NFKD", heading.strip().lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\s\-]+", "_", text)


def shorten(value: str, limit: int = 60) -> str:
    """A value as quoted in a message: at most `limit` characters."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def cell_text(value: object) -> str:
    """A workbook cell as the text a CSV would have held."""
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


def parse_date(text: str) -> datetime.date | None:
    """A date written YYYY-MM-DD (a workbook's date and time counts by its date), or None."""
    text = text.strip()
    if "T" in text:
        text = text.split("T", 1)[0]
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Reading the file


@dataclass(frozen=True)
class FileWording:
    """What the reader says of a file that is too big or has no data, for one kind of file.

    Each is translated; `too_large` may use %(size)s and %(limit)s, `too_many_rows`
    %(limit)s.
    """

    too_large: str
    too_many_rows: str
    heading_only: str


def _not_a_spreadsheet(errors: ErrorList, filename: str) -> None:
    errors.add(
        "not_a_spreadsheet",
        _(
            "'%(filename)s' is not a spreadsheet we can read. Save it as an Excel workbook "
            "(.xlsx) or as CSV UTF-8 (.csv)."
        )
        % {"filename": shorten(filename)},
    )


def _encoding_message(filename: str, guess: str) -> str:
    return _(
        "'%(filename)s' is not saved as UTF-8 (it looks like %(guess)s). In Excel, choose "
        'Save As and the format "CSV UTF-8 (Comma delimited) (*.csv)", then upload again.'
    ) % {"filename": shorten(filename), "guess": guess}


def _unpacks_too_large(content: bytes) -> bool:
    """Whether the workbook's central directory declares too much: more than
    MAX_UNPACKED_BYTES in all, more than MAX_ZIP_ENTRIES parts, or a large part packed more
    than MAX_PACKING_RATIO times. (Python's zipfile, which openpyxl reads with, never unpacks
    more of a part than its declared size, so a directory that lies gives a broken file, not
    a bigger one.) A file that is no zip archive is left to the parser to refuse."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        return False
    if len(parts) > MAX_ZIP_ENTRIES:
        return True
    if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
        return True
    return any(
        part.file_size > _RATIO_CHECKED_FROM
        and part.file_size > MAX_PACKING_RATIO * max(part.compress_size, 1)
        for part in parts
    )


def _read_xlsx(content: bytes) -> Iterator[list[str]]:
    import openpyxl  # (only when a workbook is read: it takes a while to import)

    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        # Some HR systems write a wrong dimension record; read every cell regardless.
        sheet.reset_dimensions()
        for values in sheet.iter_rows(min_row=1, values_only=True):
            yield [cell_text(v) for v in values]
    finally:
        workbook.close()


def _decode_csv(content: bytes, filename: str, errors: ErrorList) -> str | None:
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


def _read_csv(text: str) -> Iterator[list[str]]:
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    if first_line.count(delimiter) == 0:
        delimiter = ","
    for cells in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        yield [cell.strip() for cell in cells]


def read_rows(
    content: bytes, filename: str, errors: ErrorList, *, max_bytes: int, wording: FileWording
) -> list[tuple[int, list[str]]] | None:
    """The non-blank rows of the file with their row numbers, the heading first and at least
    one row after it; or None with the problem in `errors`."""
    if len(content) > max_bytes:
        errors.add(
            "too_large",
            wording.too_large
            % {"size": filesizeformat(len(content)), "limit": filesizeformat(max_bytes)},
        )
        return None
    if not content.strip():
        errors.add("empty_file", _("The file is empty."))
        return None
    extension = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    lines: Iterable[list[str]]
    if content.startswith(_ZIP_SIGNATURE):
        if _unpacks_too_large(content):
            errors.add(
                "unpacks_too_large",
                _(
                    "'%(filename)s' unpacks to more than %(limit)s or consists of too many "
                    "parts, so it is not read. Save the sheet again from Excel as a new "
                    "workbook (.xlsx) or as CSV UTF-8 (.csv), without images or other sheets, "
                    "and upload again."
                )
                % {"filename": shorten(filename), "limit": filesizeformat(MAX_UNPACKED_BYTES)},
            )
            return None
        lines = _read_xlsx(content)
    elif extension in _NOT_CSV or content.startswith(_BINARY_SIGNATURES):
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
                    wording.too_many_rows % {"limit": f"{MAX_ROWS:,}".replace(",", "\u00a0")},
                )
                return None
    except Exception:  # noqa: BLE001 - any failure to parse means the file is not readable
        _not_a_spreadsheet(errors, filename)
        return None
    if not rows:
        errors.add("empty_file", _("The file is empty."))
        return None
    if len(rows) == 1:
        errors.add("empty_file", wording.heading_only, row=rows[0][0])
        return None
    return rows


# ---------------------------------------------------------------------------------------------
# The heading row


@dataclass(frozen=True)
class Layout:
    """The columns of one kind of file.

    `columns` maps each canonical (English) column name to the headings accepted for it,
    normalised; `swedish_names` names the required columns in messages; `max_lengths` are
    the lengths of the model fields the values go to (PostgreSQL refuses longer values where
    SQLite would store them).
    """

    columns: Mapping[str, tuple[str, ...]]
    required: tuple[str, ...]
    swedish_names: Mapping[str, str]
    max_lengths: Mapping[str, int]

    @cached_property
    def heading_to_column(self) -> dict[str, str]:
        return {alias: column for column, aliases in self.columns.items() for alias in aliases}


@dataclass(frozen=True)
class Header:
    """The heading row: canonical column → index, and → the heading as written."""

    indexes: dict[str, int]
    headings: dict[str, str]


def read_header(
    number: int, cells: list[str], errors: ErrorList, *, layout: Layout, unknown: str
) -> Header | None:
    """The heading row of a file, or None with every problem in `errors`. `unknown` is the
    (translated) message for a heading that is no column, with %(heading)s and %(known)s."""
    indexes: dict[str, int] = {}
    headings: dict[str, str] = {}
    for index, heading in enumerate(cells):
        if not heading:
            continue
        column = layout.heading_to_column.get(normalise(heading))
        if column is None:
            errors.add(
                "unknown_column",
                unknown % {"heading": shorten(heading), "known": ", ".join(layout.columns)},
                row=number,
                column=heading,
            )
        elif column in indexes:
            errors.add(
                "duplicate_column",
                _("Columns '%(first)s' and '%(second)s' are the same column.")
                % {"first": headings[column], "second": shorten(heading)},
                row=number,
                column=column,
            )
        else:
            indexes[column] = index
            headings[column] = heading
    for column in layout.required:
        if column not in indexes:
            errors.add(
                "missing_column",
                _("The required column '%(column)s' (in Swedish '%(swedish)s') is missing.")
                % {"column": column, "swedish": layout.swedish_names[column]},
                row=number,
                column=column,
            )
    if errors:
        return None
    return Header(indexes=indexes, headings=headings)


# ---------------------------------------------------------------------------------------------
# The cells of a row


class Cells:
    """One row of the file after the heading: its values by column and their checks.

    Each check records what is wrong in the file's `ErrorList`, with the row and column, and
    returns what it could read. Messages about a value get %(row)d, %(value)s (the value,
    shortened) and %(column)s (its heading as written).
    """

    def __init__(self, number: int, cells: list[str], header: Header, errors: ErrorList) -> None:
        self.number = number
        self.cells = cells
        self.header = header
        self.errors = errors

    def value(self, column: str) -> str:
        """The column's cell; empty if the file has no such column or the row stops short."""
        index = self.header.indexes.get(column)
        return self.cells[index] if index is not None and index < len(self.cells) else ""

    def error(self, column: str | None, message: str, code: str = "bad_value") -> None:
        self.errors.add(code, message, row=self.number, column=column)

    def _bad_value(self, column: str, message: str, code: str = "bad_value") -> None:
        self.error(
            column,
            message
            % {
                "row": self.number,
                "value": shorten(self.value(column)),
                "column": self.header.headings.get(column, column),
            },
            code,
        )

    def check(
        self,
        layout: Layout,
        *,
        required_labels: Mapping[str, str],
        cell_labels: Mapping[str, str],
    ) -> None:
        """What every row must be: no value without a heading, no required value empty, no
        control characters and no value longer than its field. Required columns are named
        by `required_labels` in the messages, other columns by `cell_labels`."""
        known = set(self.header.indexes.values())
        extra = [cell for index, cell in enumerate(self.cells) if cell and index not in known]
        if extra:
            self.error(
                None,
                _("Row %(row)d has a value without a column heading: '%(value)s'.")
                % {"row": self.number, "value": shorten(extra[0])},
            )
        for column in layout.required:
            if not self.value(column):
                self.error(
                    column,
                    _("Row %(row)d: '%(column)s' is empty.")
                    % {"row": self.number, "column": required_labels[column]},
                    "missing_value",
                )
        for column, index in self.header.indexes.items():
            if index < len(self.cells) and _CONTROL_CHARACTERS.search(self.cells[index]):
                self.error(
                    column,
                    _("Row %(row)d: '%(column)s' contains control characters: %(value)s.")
                    % {
                        "row": self.number,
                        "column": cell_labels[column],
                        "value": ascii(self.cells[index])[:60],
                    },
                )
        for column, limit in layout.max_lengths.items():
            if len(self.value(column)) > limit:
                self.error(
                    column,
                    _("Row %(row)d: '%(column)s' is longer than %(limit)d characters.")
                    % {"row": self.number, "column": cell_labels[column], "limit": limit},
                )

    def choice(
        self,
        column: str,
        choices: Mapping[str, T],
        message: str,
        *,
        key: Callable[[str], str] = str.lower,
        code: str = "bad_value",
    ) -> T | None:
        """The choice the cell names (looked up by `key` of its text), or None: after an
        error `code` with `message` if the cell is not empty."""
        text = self.value(column)
        choice = choices.get(key(text))
        if choice is None and text:
            self._bad_value(column, message, code)
        return choice

    def gender(self, genders: Mapping[str, T], column: str = "gender") -> T | None:
        """The self-reported gender; `genders` maps the words accepted, empty included."""
        return self.choice(
            column,
            genders,
            _("Row %(row)d: gender '%(value)s' is not kvinna, man, annat or empty."),
        )

    def yes_no(
        self,
        column: str,
        message: str,
        *,
        yes: Collection[str] = YES,
        no: Collection[str] = NO,
    ) -> bool | None:
        """True for a yes, False for a no (an empty cell is no unless `no` says otherwise),
        None after an error with `message` for anything else."""
        text = self.value(column).lower()
        if text in yes:
            return True
        if text in no:
            return False
        self._bad_value(column, message)
        return None

    def email(self, column: str = "email") -> str:
        """The cell if it is empty or an e-mail address, after an error if it is not."""
        email = self.value(column)
        if email:
            try:
                validate_email(email)
            except ValidationError:
                self.error(
                    column,
                    _("Row %(row)d: '%(value)s' is not a valid e-mail address.")
                    % {"row": self.number, "value": shorten(email)},
                    "bad_email",
                )
        return email

    def date(self, column: str) -> datetime.date | None:
        """The date in the cell (YYYY-MM-DD), or None: empty, or after an error."""
        if not self.value(column):
            return None
        day = parse_date(self.value(column))
        if day is None:
            self._bad_value(
                column, _("Row %(row)d: '%(value)s' is not a date written as YYYY-MM-DD.")
            )
        return day
