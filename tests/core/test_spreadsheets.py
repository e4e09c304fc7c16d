"""Spreadsheets as Swedish HR has them (plantskola/core/spreadsheets.py): every encoding and
layout, values as Excel shows them, and messages that name row and column and never a
personal identity number. Every file here is made by the test itself (the one .xls is
vendored in tests/data/spreadsheets, see its README)."""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest
from django.utils import translation

from plantskola.core import spreadsheets
from plantskola.core.models import ImportMapping, Organisation, Person, PersonChange
from plantskola.core.roster.services import RosterResult, roster_import
from plantskola.core.spreadsheets import ErrorList, parse_date, sniff_delimiter

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 1, 31)
DATA = Path(__file__).resolve().parents[1] / "data" / "spreadsheets"
HEADINGS = ["Anställningsnummer", "Förnamn", "Efternamn", "Enhetskod", "Kön", "Födelseår"]
PEOPLE = [
    ["000001", "Åsa", "Öberg", "ADM", "K", "1970"],
    ["000002", "Örjan", "Ärlig", "ADM", "M", "1975"],
    ["000010", "Ärla", "Åkesson", "ADM", "kvinna", "1980"],
]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def organisation() -> Organisation:
    return Organisation.objects.create(name="Exempel kommun", slug="exempel")


def csv_bytes(
    rows: Sequence[Sequence[object]], delimiter: str = ";", encoding: str = "utf-8"
) -> bytes:
    return "\r\n".join(delimiter.join(str(c) for c in row) for row in rows).encode(encoding)


def xlsx_bytes(rows: Sequence[Sequence[object]], formats: dict[str, str] | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ods_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    """A minimal OpenDocument spreadsheet, as LibreOffice reads it."""

    def cell(value: object) -> str:
        if isinstance(value, int):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        return (
            f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}'
            "</text:p></table:table-cell>"
        )

    body = "".join(
        "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Blad1">'
        f"{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def run(
    organisation: Organisation, content: bytes, filename: str = "personal.csv", **kwargs: object
) -> RosterResult:
    return roster_import(
        organisation=organisation,
        content=content,
        filename=filename,
        effective_date=DAY,
        **kwargs,  # type: ignore[arg-type]
    )


def people(organisation: Organisation) -> list[tuple[str, str, str, str, int | None]]:
    return sorted(
        Person.objects.filter(organisation=organisation).values_list(
            "employee_number", "first_name", "last_name", "gender", "birth_year"
        )
    )


EXPECTED = [
    ("000001", "Åsa", "Öberg", "woman", 1970),
    ("000002", "Örjan", "Ärlig", "man", 1975),
    ("000010", "Ärla", "Åkesson", "woman", 1980),
]


# ---------------------------------------------------------------------------------------------
# Encodings, delimiters and kinds of file, by content


@pytest.mark.parametrize(
    ("encoding", "label", "delimiter"),
    [
        ("utf-8", "UTF-8", ";"),
        ("utf-8-sig", "UTF-8 (BOM)", ","),
        ("cp1252", "Windows-1252", ";"),
        ("utf-16", "UTF-16", "\t"),
    ],
)
def test_text_in_every_encoding_excel_writes_is_read_and_named(
    organisation: Organisation, encoding: str, label: str, delimiter: str
) -> None:
    content = csv_bytes([HEADINGS, *PEOPLE], delimiter, encoding)
    result = run(organisation, content)
    assert result.ok, result.errors
    assert (result.reading["encoding"], result.reading["delimiter"]) == (label, delimiter)
    assert people(organisation) == EXPECTED


def test_iso_8859_1_text_is_read(organisation: Organisation) -> None:
    result = run(organisation, csv_bytes([HEADINGS, *PEOPLE], ";", "latin-1"))
    assert result.ok, result.errors
    assert result.reading["encoding"] in {"ISO-8859-1", "Windows-1252"}
    assert people(organisation) == EXPECTED


def test_the_delimiter_is_the_one_that_splits_the_lines_evenly_despite_a_title() -> None:
    text = "Personallista, januari\nnr;namn;enhet\n1;Åsa, HR;A\n2;Bo;B\n"
    assert sniff_delimiter(text) == ";"
    assert sniff_delimiter("a\tb\tc\n1\t2,5\t3\n") == "\t"
    assert sniff_delimiter("a,b\n1,2\n") == ","


def test_an_xlsx_named_csv_and_a_csv_named_xlsx_are_read_by_their_content(
    organisation: Organisation,
) -> None:
    workbook = xlsx_bytes([HEADINGS, *PEOPLE])
    assert run(organisation, workbook, "personal.csv", dry_run=True).reading["kind"] == "xlsx"
    text = run(organisation, csv_bytes([HEADINGS, *PEOPLE]), "personal.xlsx")
    assert text.ok and text.reading["kind"] == "csv"
    assert people(organisation) == EXPECTED


def test_an_old_excel_xls_with_a_title_row_and_identity_numbers_is_read(
    organisation: Organisation,
) -> None:
    result = run(organisation, (DATA / "roster.xls").read_bytes(), "personal.xls")
    assert result.ok, result.errors
    assert (result.reading["kind"], result.reading["heading_row"]) == ("xls", 3)
    assert ["Personnummer", spreadsheets.IDENTITY_NUMBER] in result.reading["columns"]
    assert people(organisation) == [
        ("000100", "Åsa", "Öberg", "woman", 1970),
        ("000101", "Örjan", "Ärlig", "man", 1975),
    ]


def test_a_libreoffice_ods_is_read(organisation: Organisation) -> None:
    rows: list[list[object]] = [list(HEADINGS), *[[*p[:5], int(p[5])] for p in PEOPLE]]
    result = run(organisation, ods_bytes(rows), "personal.ods")
    assert result.ok, result.errors
    assert result.reading["kind"] == "ods"
    assert people(organisation) == EXPECTED


# ---------------------------------------------------------------------------------------------
# The heading row and the columns


def test_a_title_and_a_date_line_above_the_headings_are_skipped(organisation: Organisation) -> None:
    rows = [["Personallista Exempel kommun"], ["Uttag 2025-01-31"], HEADINGS, *PEOPLE]
    for content in (csv_bytes(rows), xlsx_bytes(rows)):
        result = run(organisation, content, dry_run=True)
        assert result.ok, result.errors
        assert result.reading["heading_row"] == 3
    result = run(organisation, csv_bytes(rows))
    assert people(organisation) == EXPECTED


def test_merged_group_headings_above_the_real_headings_are_skipped(
    organisation: Organisation,
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Person", None, None, "Anställning", None, None])
    sheet.merge_cells("A1:C1")
    sheet.merge_cells("D1:F1")
    for row in [HEADINGS, *PEOPLE]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    result = run(organisation, buffer.getvalue(), "personal.xlsx")
    assert result.ok, result.errors
    assert result.reading["heading_row"] == 2
    assert people(organisation) == EXPECTED


def test_forty_extra_columns_of_an_hr_system_are_not_used(organisation: Organisation) -> None:
    extra = [f"Heroma fält {n}" for n in range(40)]
    rows = [HEADINGS + extra, *[p + [f"=värde {n}" for n in range(40)] for p in PEOPLE]]
    result = run(organisation, csv_bytes(rows))
    assert result.ok, result.errors
    used = {heading: column for heading, column in result.reading["columns"]}
    assert all(used[heading] == spreadsheets.NOT_USED for heading in extra)
    assert used["Anställningsnummer"] == "employee_number"
    assert people(organisation) == EXPECTED


def test_english_and_other_swedish_headings_are_understood(organisation: Organisation) -> None:
    rows = [["Anst.nr", "Tilltalsnamn", "Surname", "Org.enhet kod", "Befattning", "Sex"]]
    rows += [["000001", "Åsa", "Öberg", "ADM", "Chef", ""]]
    result = run(organisation, csv_bytes(rows))
    assert result.ok, result.errors
    assert Person.objects.get(employee_number="000001").title == "Chef"


def test_a_file_without_known_headings_says_where_it_looked(organisation: Organisation) -> None:
    result = run(organisation, csv_bytes([["Lista"], ["a", "b"], ["c", "d"]]))
    assert [e.code for e in result.errors] == ["no_heading_row"]
    assert "first 10 rows" in result.errors[0].message
    assert "'anställningsnummer'" in result.errors[0].message


def test_a_missing_column_names_the_row_the_headings_were_read_from(
    organisation: Organisation,
) -> None:
    rows = [["Lista"], [h for h in HEADINGS if h != "Enhetskod"], ["1", "A", "B", "K", "1970"]]
    result = run(organisation, csv_bytes(rows))
    assert [(e.code, e.row) for e in result.errors] == [("missing_column", 2)]
    assert "'enhetskod'" in result.errors[0].message and "row 2" in result.errors[0].message


def test_an_identity_number_column_is_never_read_and_never_shown(
    organisation: Organisation,
) -> None:
    rows = [
        [*HEADINGS, "Personnummer"],
        *[[*p, f"19{p[5][2:]}0101-123{i}"] for i, p in enumerate(PEOPLE)],
    ]
    result = run(organisation, csv_bytes(rows))
    assert result.ok, result.errors
    assert ["Personnummer", spreadsheets.IDENTITY_NUMBER] in result.reading["columns"]
    assert "personnummer" not in result.mapping  # (never savable as anything)
    # A personal identity number in a used column is never quoted in a message.
    bad = [HEADINGS, ["19700101-1234", "Åsa", "Öberg", "ADM", "K", "197001011234"]]
    errors = run(organisation, csv_bytes(bad), dry_run=True).errors
    assert errors and all("1234" not in e.message for e in errors), errors


def test_the_saved_column_mapping_is_used_by_the_next_import(organisation: Organisation) -> None:
    rows = [["Löpnr", "Namn", "Släktnamn", "Kst"], ["000001", "Åsa", "Öberg", "ADM"]]
    refused = run(organisation, csv_bytes(rows), dry_run=True)
    assert not refused.ok
    ImportMapping.objects.create(
        organisation=organisation,
        kind=ImportMapping.Kind.ROSTER,
        columns={
            "lopnr": "employee_number",
            "namn": "first_name",
            "slaktnamn": "last_name",
            "kst": "unit_code",
        },
    )
    result = run(organisation, csv_bytes(rows))
    assert result.ok, result.errors
    assert people(organisation) == [("000001", "Åsa", "Öberg", "", None)]


# ---------------------------------------------------------------------------------------------
# Values as Excel shows them


def test_numbers_formatted_000000_keep_their_leading_zeros(organisation: Organisation) -> None:
    numeric: list[list[object]] = [
        list(HEADINGS),
        *[[int(p[0]), *p[1:5], int(p[5])] for p in PEOPLE],
    ]
    formats = {f"A{row}": "000000" for row in range(2, 5)}
    result = run(organisation, xlsx_bytes(numeric, formats), "personal.xlsx")
    assert result.ok, result.errors
    assert people(organisation) == EXPECTED


def test_the_same_people_as_text_and_as_formatted_numbers_change_nothing(
    organisation: Organisation,
) -> None:
    assert run(organisation, csv_bytes([HEADINGS, *PEOPLE])).ok
    before = (people(organisation), PersonChange.objects.count())
    numeric: list[list[object]] = [
        list(HEADINGS),
        *[[int(p[0]), *p[1:5], int(p[5])] for p in PEOPLE],
    ]
    formats = {f"A{row}": "000000" for row in range(2, 5)}
    result = run(organisation, xlsx_bytes(numeric, formats), "personal.xlsx")
    assert result.ok, result.errors
    assert result.diffs == [] and result.unchanged == 3
    assert (people(organisation), PersonChange.objects.count()) == before


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2025-01-31", DAY),
        ("2025-01-31 00:00:00", DAY),
        ("31/1 2025", DAY),
        ("31/1-2025", DAY),
        ("31.1.2025", DAY),
        ("20250131", DAY),
        ("45688", DAY),  # an Excel date serial
        ("45688.0", DAY),
        ("1/13/2025", None),
        ("2025-02-30", None),
        ("45", None),
    ],
)
def test_dates_as_swedish_files_write_them(text: str, day: datetime.date | None) -> None:
    assert parse_date(text) == day


def test_line_breaks_and_spaces_in_text_cells_are_normalised(organisation: Organisation) -> None:
    rows = [
        [*HEADINGS, "Titel"],
        ["000001", "  Åsa ", "Öberg", "ADM", "", "", "Enhets-\nchef   HR"],
    ]
    assert run(organisation, xlsx_bytes(rows), "personal.xlsx").ok
    assert Person.objects.get(employee_number="000001").title == "Enhets- chef HR"
    assert Person.objects.get(employee_number="000001").first_name == "Åsa"


def test_a_formula_excel_never_calculated_is_named_by_its_cell(organisation: Organisation) -> None:
    rows = [[*HEADINGS, "Titel"], ["000001", "Åsa", "Öberg", "ADM", "K", "1970", '=A2&"chef"']]
    result = run(organisation, xlsx_bytes(rows), "personal.xlsx")
    assert [(e.code, e.row) for e in result.errors] == [("formula_not_calculated", 2)]
    assert "Cell G2 ('Titel')" in result.errors[0].message
    assert not Person.objects.exists()


# ---------------------------------------------------------------------------------------------
# Messages


def test_the_same_problem_on_many_rows_is_one_line_and_the_count_is_exact(
    organisation: Organisation,
) -> None:
    rows = [HEADINGS] + [[str(n), "Åsa", "Öberg", "ADM", "", "ett"] for n in range(1, 401)]
    rows += [["401", "Åsa", "Öberg", "ADM", "okänt", ""]]
    rows += [[str(n), "Åsa", "Öberg", "ADM", "", "1899"] for n in range(402, 602)]
    result = run(organisation, csv_bytes(rows))
    assert result.error_count == 601
    messages = [e.message for e in result.errors]
    assert messages == [
        "Row 2–401: birth year 'ett' is not a year from 1900 to "
        f"{datetime.date.today().year - 14}.",  # noqa: DTZ011
        "Row 402: gender 'okänt' is not kvinna, man, annat (K, M) or empty.",
        "Row 403–602: birth year '1899' is not a year from 1900 to "
        f"{datetime.date.today().year - 14}.",  # noqa: DTZ011
    ]


def test_a_huge_cell_is_reported_with_its_row_and_column(organisation: Organisation) -> None:
    rows = [[*HEADINGS, "Titel"], ["000001", "Åsa", "Öberg", "ADM", "", "", "x" * 594_000]]
    result = run(organisation, csv_bytes(rows))
    assert [(e.code, e.row, e.column) for e in result.errors] == [("bad_value", 2, "title")]
    assert "'Titel' is longer than 200 characters" in result.errors[0].message


def test_messages_are_swedish_with_the_files_own_headings(organisation: Organisation) -> None:
    rows = [HEADINGS, ["000001", "Åsa", "", "ADM", "", ""]]
    with translation.override("sv"):
        result = run(organisation, csv_bytes(rows))
    assert [e.message for e in result.errors] == ["Rad 2: kolumnen ”Efternamn” är tom."]


def test_grouping_keeps_rows_apart_when_the_words_differ() -> None:
    errors = ErrorList()
    for row in (3, 4, 5, 9):
        errors.add("missing_value", f"Rad {row}: födelseåret saknas", row=row, column="b")
    errors.add("bad_value", "Rad 6: 'x' är fel", row=6, column="b")
    lines = errors.result()
    assert [(e.message, e.count) for e in lines] == [
        ("Rad 3–5, 9: födelseåret saknas", 4),
        ("Rad 6: 'x' är fel", 1),
    ]
