"""Reading an import file (a workbook or a text file) and checking its cells.

Every import of a file from another system (the staff roster, the recruitment statistics)
reads it here, so that all of them accept the same files and say the same things about the
same problems.

- **What the file is** is decided by its content, never its name: an ``.xlsx`` workbook, an
  old Excel ``.xls``, a LibreOffice ``.ods`` (all read with python-calamine, the first
  sheet), or text. Text may be UTF-8 with or without a byte-order mark, UTF-16 (Excel's
  "Unicode text"), Windows-1252 or ISO-8859-1 (what Swedish Excel's plain "CSV" writes;
  charset-normalizer tells them apart), separated by ``;``, ``,`` or a tab (whichever splits
  the first lines most evenly). `Sheet` says which were read, for the preview.
- **Values are what Excel shows**: a number formatted ``000000`` keeps its leading zeros
  (read from the workbook's styles), whole numbers lose their ``.0``, dates are
  ``YYYY-MM-DD``, and line breaks and runs of spaces become one space. A formula Excel never
  calculated (no cached value) is reported with its cell address.
- **The heading row** is found among the first `HEADING_SEARCH_ROWS` rows (a title or date
  line, or merged group headings, may stand above it): the row with most known headings.
  Columns are found by a saved mapping (per organisation, `core.models.ImportMapping`) and
  by Swedish and English synonyms; any other column is *not used* and its cells are dropped
  as soon as the heading is known. A personal identity number column is named as such and
  never read, and no message ever quotes a personal identity number (`shorten`).
- **Errors** are collected with row and column (`ErrorList`); messages of the same kind on
  many rows are shown as one line with the rows as ranges, and the count is exact.
Row numbers are the ones Excel shows (row 1 is the first row of the sheet).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar
from xml.etree import ElementTree

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import validate_email
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

MAX_ROWS = 100_000
MAX_ERRORS = 200
# Rows searched for the heading row: a title, a date line and a merged group heading fit.
HEADING_SEARCH_ROWS = 10
# A workbook (a zip archive) is refused before it is parsed when it would unpack to more than
# this, has more parts than this, or packs a large part more tightly than this: a zip bomb
# (a small file that expands to hundreds of megabytes) would otherwise fill the memory. A
# workbook of MAX_ROWS rows of eight roster columns unpacks to about 50 MB, packed about ten
# times; Excel's own files are smaller still.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ZIP_ENTRIES = 10_000
MAX_PACKING_RATIO = 100
_RATIO_CHECKED_FROM = 1024 * 1024
# A CSV cell may be as long as the file (the length check then names its row and column).
csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))

# Yes and no in a cell, after `str.lower`; an empty cell is no.
YES = frozenset({"ja", "yes", "1", "true", "x", "sant", "j", "y"})
NO = frozenset({"nej", "no", "0", "false", "", "falskt", "n"})
# Self-reported gender in every import, after `normalise`: the values of both Gender choices.
GENDERS: Mapping[str, str] = {
    "kvinna": "woman",
    "k": "woman",
    "woman": "woman",
    "w": "woman",
    "f": "woman",
    "female": "woman",
    "man": "man",
    "m": "man",
    "male": "man",
    "annat": "other",
    "annan": "other",
    "other": "other",
    "": "",
}

# Headings of a personal identity number: never read, never stored, never quoted.
IDENTITY_NUMBER_HEADINGS = frozenset(
    {
        "personnummer",
        "personnr",
        "pers_nr",
        "person_nr",
        "pnr",
        "samordningsnummer",
        "personal_identity_number",
        "personal_number",
        "social_security_number",
        "ssn",
    }
)
# A personal identity number in a cell (YYMMDD-NNNN, YYYYMMDDNNNN and the like).
_IDENTITY_NUMBER = re.compile(r"(?<!\d)(?:19|20)?\d{2}[01]\d[0-3]\d[-+ ]?\d{4}(?!\d)")

# Signatures of common files that are not spreadsheets we read, checked before decoding text.
_BINARY_SIGNATURES = (
    b"%PDF",
    b"\x1f\x8b",  # gzip
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"Rar!",
    b"7z\xbc\xaf",
)
_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old .xls (and .doc) format
_ZIP_SIGNATURE = b"PK\x03\x04"
# Control characters other than tab and line breaks mean binary junk, never names or titles.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
DELIMITERS = {";": gettext_lazy("semicolon"), ",": gettext_lazy("comma"), "\t": gettext_lazy("tab")}

T = TypeVar("T")


# ---------------------------------------------------------------------------------------------
# Errors


@dataclass(frozen=True)
class SpreadsheetError:
    """One problem with an import file (or, after `ErrorList.result`, one kind of problem on
    several rows).

    `code` is a stable identifier; `message` is translated and complete; `row` is the row
    number Excel shows (the first of them, for a group); `column` is the canonical (English)
    column name, or the heading as written for a column that is not one; `count` is how many
    problems the line stands for.
    """

    code: str
    message: str
    row: int | None = None
    column: str | None = None
    count: int = 1


def _ranges(numbers: list[int]) -> str:
    """3, 5, 7–9 for [3, 5, 7, 8, 9]."""
    parts: list[str] = []
    start = previous = numbers[0]
    for number in [*numbers[1:], None]:
        if number is not None and number == previous + 1:
            previous = number
            continue
        parts.append(str(start) if start == previous else f"{start}\u2013{previous}")
        if number is not None:
            start = previous = number
    return ", ".join(parts)


class ErrorList:
    """Collects every error; `result` groups them and keeps the first `MAX_ERRORS` lines."""

    def __init__(self) -> None:
        self.items: list[SpreadsheetError] = []

    def add(
        self, code: str, message: str, *, row: int | None = None, column: str | None = None
    ) -> None:
        self.items.append(SpreadsheetError(code=code, message=message, row=row, column=column))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def result(self) -> list[SpreadsheetError]:
        """The errors in row order, those that say the same of several rows as one line
        ("Row 3–402: ..."), at most `MAX_ERRORS` lines and then one with the rest's count."""
        groups: dict[tuple[str, str | None, str], list[SpreadsheetError]] = {}
        for error in sorted(self.items, key=lambda e: e.row or 0):
            key = error.message
            if error.row is not None:
                # The message with its row number taken out: the same words on other rows.
                key = re.sub(rf"(?<!\d){error.row}(?!\d)", "\x00", error.message, count=1)
            groups.setdefault((error.code, error.column, key), []).append(error)
        lines: list[SpreadsheetError] = []
        for (code, column, key), errors in groups.items():
            first = errors[0]
            if len(errors) == 1 or "\x00" not in key:
                lines.extend(errors)
                continue
            rows = sorted({e.row for e in errors if e.row is not None})
            lines.append(
                SpreadsheetError(
                    code=code,
                    message=key.replace("\x00", _ranges(rows)),
                    row=first.row,
                    column=column,
                    count=len(errors),
                )
            )
        lines.sort(key=lambda e: e.row or 0)
        if len(lines) <= MAX_ERRORS:
            return lines
        rest = sum(line.count for line in lines[MAX_ERRORS:])
        return lines[:MAX_ERRORS] + [
            SpreadsheetError(
                code="too_many_errors",
                message=ngettext("…and %(count)d more error.", "…and %(count)d more errors.", rest)
                % {"count": rest},
                count=rest,
            )
        ]


def error_count(errors: Iterable[SpreadsheetError]) -> int:
    """How many problems a `result` list stands for (its grouped lines counted by rows)."""
    return sum(error.count for error in errors)


# ---------------------------------------------------------------------------------------------
# Text


def normalise(heading: str) -> str:
    """A heading (or a word in a cell) as compared: lower case, without accents, spaces,
    hyphens, dots and slashes as one underscore."""
    text = unicodedata.normalize("NFKD", heading.strip().lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\s\-./]+", "_", text).strip("_")


def hides_identity_number(value: str) -> str:
    """The value with every personal identity number in it replaced."""
    return _IDENTITY_NUMBER.sub(_("(personal identity number, not shown)"), value)


def shorten(value: str, limit: int = 60) -> str:
    """A value as quoted in a message: at most `limit` characters, and never a personal
    identity number."""
    value = hides_identity_number(value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def clean_text(text: str) -> str:
    """A text cell as stored: line breaks, tabs and runs of spaces as one space, none around."""
    return " ".join(text.split()) if text else ""


def cell_text(value: object, zeros: int = 0) -> str:
    """A workbook cell as the text Excel shows; `zeros` is the width of a ``000000`` format."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return str(value).zfill(zeros) if zeros and value >= 0 else str(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return clean_text(str(value))


# Excel's day 0 (day 60 is the 29 February 1900 that never was; serials here are later).
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_SERIALS = range(20_000, 80_000)  # 1954 to 2119


def parse_date(text: str) -> datetime.date | None:
    """A date as Swedish files write it, or None: ``2025-01-31`` (also with a time after it),
    ``31/1 2025``, ``31/1-2025``, ``31.1.2025``, ``20250131`` or an Excel date serial
    (``45688``, what a date becomes in a cell formatted as a number)."""
    text = text.strip()
    if "T" in text:
        text = text.split("T", 1)[0]
    try:
        if match := re.fullmatch(
            r"(\d{4})-(\d{1,2})-(\d{1,2})(?: \d{1,2}:\d{2}(?::\d{2})?)?", text
        ):
            year, month, day = match.groups()
        elif match := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})(?: |-|\.|/)(\d{4})", text):
            day, month, year = match.groups()
        elif match := re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text):
            year, month, day = match.groups()
        elif re.fullmatch(r"\d{5}(?:\.0+)?", text) and int(float(text)) in _SERIALS:
            return _EXCEL_EPOCH + datetime.timedelta(days=int(float(text)))
        else:
            return None
        return datetime.date(int(year), int(month), int(day))
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


@dataclass
class Sheet:
    """The non-blank rows of a file (row number as Excel shows it, cells as text) and how it
    was read: `kind` is xlsx, xls, ods or csv; `encoding` and `delimiter` are set for text;
    `formulas` are the cells (row, column index, address) holding a formula without a value."""

    rows: list[tuple[int, list[str]]]
    kind: str
    encoding: str = ""
    delimiter: str = ""
    formulas: list[tuple[int, int, str]] = field(default_factory=list)

    def describe(self) -> dict[str, str]:
        """How the file was read, for the preview (JSON)."""
        return {"kind": self.kind, "encoding": self.encoding, "delimiter": self.delimiter}


def describe_reading(read: Mapping[str, object]) -> str:
    """`Sheet.describe` (plus the heading row) as one translated sentence."""
    kind = str(read.get("kind", ""))
    if kind == "csv":
        delimiter = DELIMITERS.get(str(read.get("delimiter", "")), "")
        text = _("Read as text in %(encoding)s, separated by %(delimiter)s.") % {
            "encoding": read.get("encoding", ""),
            "delimiter": delimiter,
        }
    else:
        text = _("Read as a workbook (%(kind)s), its first sheet.") % {"kind": "." + kind}
    if read.get("heading_row"):
        text += " " + _("The headings are on row %(row)s.") % {"row": read["heading_row"]}
    return text


def _not_a_spreadsheet(errors: ErrorList, filename: str) -> None:
    errors.add(
        "not_a_spreadsheet",
        _(
            "'%(filename)s' is not a spreadsheet we can read. Save it as an Excel workbook "
            "(.xlsx) or as CSV (.csv)."
        )
        % {"filename": shorten(filename)},
    )


def _unpacks_too_large(content: bytes) -> bool:
    """Whether the archive's central directory declares too much: more than
    MAX_UNPACKED_BYTES in all, more than MAX_ZIP_ENTRIES parts, or a large part packed more
    than MAX_PACKING_RATIO times. (A directory that lies gives a broken file to the parser,
    not a bigger one.) A file that is no zip archive is left to the parser to refuse."""
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


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_ATTRIBUTE = re.compile(rb'\b(r|s|t)="([^"]*)"')
_SPREADSHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _zero_padded_styles(archive: zipfile.ZipFile) -> dict[bytes, int]:
    """Cell style index → width, for the styles whose number format is ``000000``."""
    try:
        root = ElementTree.fromstring(archive.read("xl/styles.xml"))  # noqa: S314 - size checked
    except (KeyError, ElementTree.ParseError):
        return {}
    formats: dict[str, int] = {}
    for number_format in root.iter(f"{_SPREADSHEET_NS}numFmt"):
        code = number_format.get("formatCode", "")
        if re.fullmatch(r"0{2,}", code):
            formats[number_format.get("numFmtId", "")] = len(code)
    cell_xfs = root.find(f"{_SPREADSHEET_NS}cellXfs")
    if not formats or cell_xfs is None:
        return {}
    return {
        str(index).encode(): formats[xf.get("numFmtId", "")]
        for index, xf in enumerate(cell_xfs.findall(f"{_SPREADSHEET_NS}xf"))
        if xf.get("numFmtId", "") in formats
    }


def _first_sheet_part(archive: zipfile.ZipFile) -> str | None:
    try:
        workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        relations = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return None
    sheet = re.search(r'<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]+)"', workbook)
    if sheet is None:
        return None
    for relation in re.finditer(r"<Relationship\b[^>]*>", relations):
        if f'Id="{sheet.group(1)}"' in relation.group(0):
            target = re.search(r'Target="([^"]+)"', relation.group(0))
            if target:
                path = target.group(1)
                return path.lstrip("/") if path.startswith("/") else "xl/" + path
    return None


def _xlsx_formats(content: bytes) -> tuple[dict[tuple[int, int], int], list[tuple[int, int, str]]]:
    """What python-calamine does not tell of an .xlsx's first sheet: the cells (row, column
    index) with a ``000000`` number format and their width, and the formulas without a
    cached value. The sheet's XML is only scanned when it can have either."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        part = _first_sheet_part(archive)
        if part is None or part not in archive.namelist():
            return {}, []
        padded = _zero_padded_styles(archive)
        xml = archive.read(part)
    if not padded and b"<f" not in xml:
        return {}, []
    zeros: dict[tuple[int, int], int] = {}
    formulas: list[tuple[int, int, str]] = []
    for match in _CELL.finditer(xml):
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        reference = attributes.get(b"r", b"").decode()
        address = re.fullmatch(r"([A-Z]+)(\d+)", reference)
        if address is None:
            continue
        position = (int(address.group(2)), _column_index(address.group(1)))
        width = padded.get(attributes.get(b"s", b""))
        if width and attributes.get(b"t", b"n") == b"n":
            zeros[position] = width
        inner = match.group(2) or b""
        if b"<f" in inner and not re.search(rb"<v>[^<]", inner):
            formulas.append((*position, reference))
    return zeros, formulas


def _read_workbook(
    content: bytes, kind: str
) -> tuple[Iterator[list[str]], list[tuple[int, int, str]]]:
    import python_calamine  # (only when a workbook is read)

    zeros: dict[tuple[int, int], int] = {}
    formulas: list[tuple[int, int, str]] = []
    if kind == "xlsx":
        zeros, formulas = _xlsx_formats(content)
    workbook = python_calamine.CalamineWorkbook.from_object(io.BytesIO(content))
    values = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)

    def lines() -> Iterator[list[str]]:
        if not zeros:
            for row in values:
                yield [cell_text(value) for value in row]
            return
        for number, row in enumerate(values, start=1):
            yield [cell_text(value, zeros.get((number, i), 0)) for i, value in enumerate(row)]

    return lines(), formulas


def _workbook_kind(content: bytes) -> str | None:
    """xlsx, ods or xls for a workbook, None for anything else."""
    if content.startswith(_OLE2_SIGNATURE):
        return "xls"
    if not content.startswith(_ZIP_SIGNATURE):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").startswith(
                b"application/vnd.oasis.opendocument.spreadsheet"
            ):
                return "ods"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, KeyError):
        return "xlsx"  # (for the parser to refuse)
    return "xlsx"


def _looks_like_utf16(content: bytes) -> str | None:
    """utf-16-le or -be for text without a byte-order mark whose every other byte is 0."""
    sample = content[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > len(sample) * 0.4 and even == 0:
        return "utf-16-le"
    if even > len(sample) * 0.4 and odd == 0:
        return "utf-16-be"
    return None


def _decode_text(content: bytes, filename: str, errors: ErrorList) -> tuple[str, str] | None:
    """The text and the name of its encoding, or None after an error."""
    if content.startswith(b"\xef\xbb\xbf"):
        encoding, label = "utf-8-sig", "UTF-8 (BOM)"
    elif content.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding, label = "utf-16", "UTF-16"
    elif utf16 := _looks_like_utf16(content):
        encoding, label = utf16, "UTF-16"
    elif b"\x00" in content:
        _not_a_spreadsheet(errors, filename)
        return None
    else:
        encoding, label = "utf-8", "UTF-8"
    try:
        text = content.decode(encoding)
    except UnicodeDecodeError:
        if encoding != "utf-8":
            _not_a_spreadsheet(errors, filename)
            return None
        import charset_normalizer  # (only for text that is not UTF-8)

        # What Swedish systems write besides UTF-8; anything else is not a roster.
        match = charset_normalizer.from_bytes(
            content, cp_isolation=["cp1252", "latin_1"], explain=False
        ).best()
        if match is None:
            _not_a_spreadsheet(errors, filename)
            return None
        text = str(match)
        label = "Windows-1252" if match.encoding == "cp1252" else "ISO-8859-1"
    text = text.lstrip("\ufeff")
    # Anything with many control characters is not text at all.
    controls = sum(1 for ch in text[:100_000] if ord(ch) < 32 and ch not in "\t\r\n")
    if controls > min(len(text), 100_000) // 100:
        _not_a_spreadsheet(errors, filename)
        return None
    return text, label


def sniff_delimiter(text: str) -> str:
    """``;``, ``,`` or tab: the one that splits the first lines into the same number of
    cells most often (a title line above the headings has none), and more cells on a tie."""
    lines = [line for line in text[:50_000].splitlines()[:30] if line.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in (";", "\t", ","):
        counts = [len(cells) for cells in csv.reader(lines, delimiter=delimiter)]
        widths = [count for count in counts if count > 1]
        if not widths:
            continue
        width = max(set(widths), key=lambda w: (widths.count(w), w))
        score = (widths.count(width), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(text: str, delimiter: str) -> Iterator[list[str]]:
    for cells in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        yield [clean_text(cell) for cell in cells]


def read_rows(
    content: bytes, filename: str, errors: ErrorList, *, max_bytes: int, wording: FileWording
) -> Sheet | None:
    """The non-blank rows of the file with their row numbers (at least two), or None with
    the problem in `errors`."""
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
    lines: Iterable[list[str]]
    kind = _workbook_kind(content)
    sheet = Sheet(rows=[], kind=kind or "csv")
    if kind in ("xlsx", "ods") and _unpacks_too_large(content):
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
    try:
        if kind is not None:
            lines, sheet.formulas = _read_workbook(content, kind)
        elif content.startswith(_BINARY_SIGNATURES):
            _not_a_spreadsheet(errors, filename)
            return None
        else:
            decoded = _decode_text(content, filename, errors)
            if decoded is None:
                return None
            text, sheet.encoding = decoded
            sheet.delimiter = sniff_delimiter(text)
            lines = _read_csv(text, sheet.delimiter)
        for number, cells in enumerate(lines, start=1):
            if not any(cells):
                continue
            sheet.rows.append((number, cells))
            # The heading plus one row too many is enough to know the file is too long.
            if len(sheet.rows) > MAX_ROWS + HEADING_SEARCH_ROWS:
                errors.add(
                    "too_many_rows",
                    wording.too_many_rows % {"limit": f"{MAX_ROWS:,}".replace(",", "\u00a0")},
                )
                return None
    except Exception:  # noqa: BLE001 - any failure to parse means the file is not readable
        _not_a_spreadsheet(errors, filename)
        return None
    if not sheet.rows:
        errors.add("empty_file", _("The file is empty."))
        return None
    if len(sheet.rows) == 1:
        errors.add("empty_file", wording.heading_only, row=sheet.rows[0][0])
        return None
    return sheet


# ---------------------------------------------------------------------------------------------
# The heading row and the columns


@dataclass(frozen=True)
class Layout:
    """The columns of one kind of file.

    `columns` maps each canonical (English) column name to the headings accepted for it,
    normalised (Swedish and English synonyms); `labels` names every column to people (in the
    preview and its mapping); `swedish_names` names the required columns in messages;
    `max_lengths` are the lengths of the model fields the values go to (PostgreSQL refuses
    longer values where SQLite would store them).
    """

    columns: Mapping[str, tuple[str, ...]]
    required: tuple[str, ...]
    swedish_names: Mapping[str, str]
    max_lengths: Mapping[str, int]

    @cached_property
    def heading_to_column(self) -> dict[str, str]:
        return {alias: column for column, aliases in self.columns.items() for alias in aliases}


# What a column of the file is used for, besides a canonical column name.
NOT_USED = ""
IDENTITY_NUMBER = "identity_number"


@dataclass(frozen=True)
class HeaderColumn:
    """One column of the file as the preview shows it: its heading as written, and the
    canonical column it fills, or `NOT_USED`, or `IDENTITY_NUMBER` (never read)."""

    index: int
    heading: str
    column: str


@dataclass(frozen=True)
class Header:
    """The heading row: its row number, canonical column → index and → the heading as
    written, and every column of the file."""

    indexes: dict[str, int]
    headings: dict[str, str]
    row: int = 1
    columns: tuple[HeaderColumn, ...] = ()

    def mapping(self) -> dict[str, str]:
        """Normalised heading → column (or `NOT_USED`), as saved for the next import."""
        return {
            normalise(c.heading): c.column
            for c in self.columns
            if c.heading and c.column != IDENTITY_NUMBER
        }


def _column_for(heading: str, layout: Layout, mapping: Mapping[str, str]) -> str:
    key = normalise(heading)
    if not key:
        return NOT_USED
    if key in IDENTITY_NUMBER_HEADINGS:
        return IDENTITY_NUMBER
    if key in mapping:
        column = mapping[key]
        return column if column in layout.columns else NOT_USED
    return layout.heading_to_column.get(key, NOT_USED)


def _heading_columns(
    cells: list[str], layout: Layout, mapping: Mapping[str, str]
) -> list[HeaderColumn]:
    return [
        HeaderColumn(index=i, heading=heading, column=_column_for(heading, layout, mapping))
        for i, heading in enumerate(cells)
    ]


def _score(columns: list[HeaderColumn], layout: Layout) -> int:
    return len({c.column for c in columns if c.column in layout.columns})


def find_header(
    rows: list[tuple[int, list[str]]],
    errors: ErrorList,
    *,
    layout: Layout,
    mapping: Mapping[str, str],
) -> Header | None:
    """The heading row among the first `HEADING_SEARCH_ROWS` rows (the one with most known
    headings, the first on a tie), or None with every problem in `errors`. `mapping` is the
    organisation's saved mapping (normalised heading → column or `NOT_USED`), which comes
    before the synonyms."""
    best: tuple[int, int, list[HeaderColumn]] | None = None
    for number, cells in rows[:HEADING_SEARCH_ROWS]:
        columns = _heading_columns(cells, layout, mapping)
        score = _score(columns, layout)
        if score and (best is None or score > best[1]):
            best = (number, score, columns)
    if best is None:
        errors.add(
            "no_heading_row",
            _(
                "None of the first %(count)d rows has the column headings we look for "
                "(for example %(known)s). Put the headings on one row above the data."
            )
            % {
                "count": HEADING_SEARCH_ROWS,
                "known": ", ".join(f"'{layout.swedish_names[c]}'" for c in layout.required),
            },
            row=rows[0][0],
        )
        return None
    number, _score_, columns = best
    indexes: dict[str, int] = {}
    headings: dict[str, str] = {}
    for column in columns:
        if column.column not in layout.columns:
            continue
        if column.column in indexes:
            errors.add(
                "duplicate_column",
                _("Row %(row)d: columns '%(first)s' and '%(second)s' are the same column.")
                % {
                    "row": number,
                    "first": shorten(headings[column.column]),
                    "second": shorten(column.heading),
                },
                row=number,
                column=column.column,
            )
            continue
        indexes[column.column] = column.index
        headings[column.column] = column.heading
    for column_name in layout.required:
        if column_name not in indexes:
            errors.add(
                "missing_column",
                _(
                    "The required column '%(swedish)s' is missing from the headings on row "
                    "%(row)d (they are read from the row with most known headings)."
                )
                % {"swedish": layout.swedish_names[column_name], "row": number},
                row=number,
                column=column_name,
            )
    if errors:
        return None
    return Header(indexes=indexes, headings=headings, row=number, columns=tuple(columns))


@dataclass
class Table:
    """A file read and its heading found: the rows after the heading, holding only the cells
    of the columns that are used (the others are emptied as soon as the heading is known)."""

    sheet: Sheet
    header: Header
    rows: list[tuple[int, list[str]]]

    def describe(self) -> dict[str, object]:
        """How the file was read and its columns, for the preview (JSON)."""
        return {
            **self.sheet.describe(),
            "heading_row": self.header.row,
            "columns": [[c.heading, c.column] for c in self.header.columns if c.heading],
        }


def read_table(
    content: bytes,
    filename: str,
    errors: ErrorList,
    *,
    max_bytes: int,
    wording: FileWording,
    layout: Layout,
    mapping: Mapping[str, str],
) -> Table | None:
    """The file's heading and the rows after it, or None with the file's problems."""
    sheet = read_rows(content, filename, errors, max_bytes=max_bytes, wording=wording)
    if sheet is None:
        return None
    header = find_header(sheet.rows, errors, layout=layout, mapping=mapping)
    if header is None:
        return None
    used = sorted(header.indexes.values())
    rows: list[tuple[int, list[str]]] = []
    for number, cells in sheet.rows:
        if number <= header.row:
            continue
        # Only the used columns are kept, at their places (a personal identity number, or
        # anything else not used, is never read further).
        kept = [""] * (used[-1] + 1)
        for index in used:
            if index < len(cells):
                kept[index] = cells[index]
        if any(kept):
            rows.append((number, kept))
    sheet.rows = []
    if len(rows) > MAX_ROWS:
        errors.add(
            "too_many_rows",
            wording.too_many_rows % {"limit": f"{MAX_ROWS:,}".replace(",", "\u00a0")},
        )
        return None
    if not rows:
        errors.add("empty_file", wording.heading_only, row=header.row)
        return None
    for number, index, address in sheet.formulas:
        column = next((c for c, i in header.indexes.items() if i == index), None)
        if number > header.row and column is not None:
            errors.add(
                "formula_not_calculated",
                _(
                    "Cell %(cell)s ('%(column)s') is a formula Excel has not calculated: open "
                    "the file in Excel, save it and upload it again."
                )
                % {"cell": address, "column": header.headings[column]},
                row=number,
                column=column,
            )
    if errors:
        return None
    return Table(sheet=sheet, header=header, rows=rows)


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
        """What every row must be: no required value empty, no control characters and no
        value longer than its field (columns that are not used are never looked at).
        Required columns are named by `required_labels` in the messages, others by
        `cell_labels`."""
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

    def gender(self, column: str = "gender") -> str | None:
        """The self-reported gender as the value of a Gender choice ("woman", "man", "other"
        or "" for not stated), read alike in every import (`GENDERS`)."""
        return self.choice(
            column,
            GENDERS,
            _("Row %(row)d: gender '%(value)s' is not kvinna, man, annat (K, M) or empty."),
            key=normalise,
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
                    _("Row %(row)d: '%(value)s' in '%(column)s' is not an e-mail address.")
                    % {
                        "row": self.number,
                        "value": shorten(email),
                        "column": self.header.headings.get(column, column),
                    },
                    "bad_email",
                )
        return email

    def date(self, column: str) -> datetime.date | None:
        """The date in the cell (`parse_date`), or None: empty, or after an error."""
        if not self.value(column):
            return None
        day = parse_date(self.value(column))
        if day is None:
            self._bad_value(
                column,
                _(
                    "Row %(row)d: '%(value)s' in '%(column)s' is not a date (write it as "
                    "2025-01-31 or 31/1 2025)."
                ),
            )
        return day


def upload_size_checked(upload: object, max_bytes: int) -> object:
    """A form's clean of an uploaded file: refuse one larger than `max_bytes` by the size the
    browser sent (Django has streamed it to a temporary file), before anything is read."""
    size = int(getattr(upload, "size", 0) or 0)
    if size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; it may be at most %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    return upload


def upload_content(upload: File[bytes], max_bytes: int) -> bytes:
    """The uploaded file's bytes, never more than `max_bytes` + 1 (so the reader still says
    "too large" if the size the browser sent was wrong)."""
    content: bytes = upload.read(max_bytes + 1)
    return content


def columns_shown(columns: list[list[str]], labels: Mapping[str, str]) -> list[tuple[str, str]]:
    """Each column of a previewed file (`Table.describe()["columns"]`: heading, column) beside
    what it fills, in words, as every import's preview shows it."""
    shown = []
    for heading, column in columns:
        if column == IDENTITY_NUMBER:
            label = _("personal identity number: not used and never read")
        elif column == NOT_USED:
            label = _("not used")
        else:
            label = labels.get(column, column)
        shown.append((heading, label))
    return shown
