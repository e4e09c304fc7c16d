"""Benchmark of the spreadsheet import (plantskola/core/spreadsheets.py and the roster import).

    nice -n 19 python -m bench.spreadsheets [--rows 50000] [--runs 3] [--no-timing]

1. The import time of a roster of `--rows` people (13 columns, 40 units, managers and units
   in a tree) from an .xlsx with ``000000``-formatted employee numbers and from a
   Windows-1252 CSV: each run imports into a new organisation (every person created), plus
   the re-import of the same file (every person unchanged); the median of `--runs`.
2. A table of small files made the way Swedish Excel and HR systems make them: what an HR
   administrator expects and what the import does.

It runs on a throwaway SQLite database in a temporary folder, migrated first, and prints
Markdown (copied into bench/spreadsheets/README.md).
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DAY = datetime.date(2025, 1, 31)

HEADINGS = [
    "Anställningsnummer", "Förnamn", "Efternamn", "E-post", "Enhetskod", "Enhet", "Enhetstyp",
    "Överordnad enhetskod", "Titel", "Chef", "Närmaste chef", "Kön", "Födelseår",
]  # fmt: skip


def roster(rows: int) -> list[list[object]]:
    """`rows` people: 40 units under one administration, each unit's first person its
    manager (reporting to the director), everyone else reporting to their unit's manager."""
    first = ["Åsa", "Örjan", "Ärla", "Bo", "Cecilia", "Dragan", "Elin", "Fatima"]
    last = ["Öberg", "Åkesson", "Ärlig", "Nilsson", "Karlsson", "Lindqvist", "Hussein"]
    people: list[list[object]] = []
    managers: dict[int, int] = {}
    for n in range(1, rows + 1):
        unit = 0 if n == 1 else 1 + n % 40
        code = "ADM" if unit == 0 else f"E{unit:02d}"
        manager = unit not in managers
        if manager:
            managers[unit] = n
        boss = "" if n == 1 else (1 if manager else managers[unit])
        people.append([
            n, first[n % len(first)], last[n % len(last)], f"p{n}@kommun.example", code,
            "Förvaltningen" if unit == 0 else f"Enhet {unit} – Äldreomsorg",
            "förvaltning" if unit == 0 else "enhet", "" if unit == 0 else "ADM",
            "Förvaltningschef" if n == 1 else ("Enhetschef" if manager else "Undersköterska"),
            "ja" if manager else "nej", boss, ("K", "M", "")[n % 3], 1960 + n % 45,
        ])  # fmt: skip
    return people


def as_text(people: list[list[object]]) -> list[list[str]]:
    """The roster with employee numbers as text with leading zeros, as HR systems write."""
    return [
        [
            f"{row[0]:06d}",
            *map(str, row[1:10]),
            f"{row[10]:06d}" if row[10] else "",
            *map(str, row[11:]),
        ]  # type: ignore[str-format]
        for row in people
    ]


def csv_bytes(rows: list[list[str]], delimiter: str = ";", encoding: str = "cp1252") -> bytes:
    lines = [delimiter.join(cell for cell in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_bytes(rows: list[list[object]], zero_columns: tuple[int, ...] = ()) -> bytes:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    cell_type = openpyxl.cell.WriteOnlyCell  # type: ignore[attr-defined]
    for number, row in enumerate(rows):
        cells = []
        for index, value in enumerate(row):
            cell = cell_type(sheet, value=value)
            if number and index in zero_columns and isinstance(value, int):
                cell.number_format = "000000"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ods_bytes(rows: list[list[object]]) -> bytes:
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
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content'
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Blad1">'
        f"{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("META-INF/manifest.xml", MANIFEST, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
    ' manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:version="1.2"'
    ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def setup_django(folder: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plantskola.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def timing(rows: int, runs: int) -> list[str]:
    from django.utils import translation

    from plantskola.core.models import Organisation
    from plantskola.core.roster.services import roster_import

    people = roster(rows)
    text = as_text(people)
    files = {
        ".xlsx (numbers formatted 000000)": (
            xlsx_bytes([list(HEADINGS), *people], zero_columns=(0, 10)),
            "personal.xlsx",
        ),
        ".csv (Windows-1252, ;)": (csv_bytes([HEADINGS, *text]), "personal.csv"),
    }
    lines = [
        f"Roster of {rows:,} people, median of {runs} runs (seconds):",
        "",
        "Wall-clock seconds, and in brackets the process's CPU seconds (what the import itself"
        " costs, also on a busy machine).",
        "",
        "| file | size | first import (all created) | same file again (all unchanged) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for label, (content, filename) in files.items():
        first: list[tuple[float, float]] = []
        again: list[tuple[float, float]] = []
        for run in range(runs):
            organisation = Organisation.objects.create(
                name=f"Bench {label} {run}", slug=f"bench-{filename}-{run}-{time.time_ns()}"
            )
            with translation.override("sv"):
                for times in (first, again):
                    start, cpu = time.perf_counter(), time.process_time()
                    result = roster_import(
                        organisation=organisation,
                        content=content,
                        filename=filename,
                        effective_date=DAY,
                    )
                    times.append((time.perf_counter() - start, time.process_time() - cpu))
                    assert result.ok, result.errors[:3]
            counts = result.counts()
            assert counts["unchanged"] == rows, counts
        lines.append(
            f"| {label} | {len(content) / 1e6:.1f} MB | {_median(first)} | {_median(again)} |"
        )
    return lines


def _median(times: list[tuple[float, float]]) -> str:
    wall = statistics.median(t[0] for t in times)
    cpu = statistics.median(t[1] for t in times)
    return f"{wall:.1f} ({cpu:.1f})"


# ---------------------------------------------------------------------------------------------
# Files as HR has them: expected vs got

SMALL = [
    ["000001", "Åsa", "Öberg", "ADM", "K", "1970"],
    ["000002", "Örjan", "Ärlig", "ADM", "M", "1975"],
    ["000010", "Ärla", "Åkesson", "ADM", "kvinna", "1980"],
]
SMALL_HEADINGS = ["Anställningsnummer", "Förnamn", "Efternamn", "Enhetskod", "Kön", "Födelseår"]


def _numeric() -> list[list[object]]:
    return [list(SMALL_HEADINGS), *[[int(r[0]), *r[1:5], int(r[5])] for r in SMALL]]


def _merged() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Person", None, None, "Anställning", None, None])
    sheet.merge_cells("A1:C1")
    sheet.merge_cells("D1:F1")
    for row in [SMALL_HEADINGS, *SMALL]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _formula() -> bytes:
    return xlsx_bytes([[*SMALL_HEADINGS, "Titel"], [*SMALL[0], '=A2&"chef"']])


def _many_errors() -> bytes:
    rows = [[str(n), "A", "B", "ADM", "", "ett"] for n in range(1, 401)]
    return csv_bytes([SMALL_HEADINGS, *rows])


def cases() -> list[tuple[str, Callable[[], bytes], str, str]]:
    """(file, content, its name, expected): "3 people", or the error code expected."""
    base = [SMALL_HEADINGS, *SMALL]
    extra = [
        SMALL_HEADINGS + [f"Heroma {n}" for n in range(40)],
        *[r + ["x"] * 40 for r in SMALL],
    ]
    identity = [[*SMALL_HEADINGS, "Personnummer"], *[[*r, "19700101-1234"] for r in SMALL]]
    serials = [["Anställningsnummer", "Förnamn", "Efternamn", "Enhetskod", "Titel"]]
    serials += [[r[0], r[1], r[2], r[3], "Enhets-\nchef  "] for r in SMALL]
    return [
        (
            "CSV UTF-8 (Excel's CSV UTF-8), ;",
            lambda: csv_bytes(base, ";", "utf-8-sig"),
            "a.csv",
            "3 people",
        ),
        ("CSV Windows-1252 (Excel's plain CSV), ;", lambda: csv_bytes(base), "a.csv", "3 people"),
        ("CSV ISO-8859-1, ,", lambda: csv_bytes(base, ",", "latin-1"), "a.csv", "3 people"),
        (
            "UTF-16 tab-separated (Excel's Unicode text)",
            lambda: csv_bytes(base, "\t", "utf-16"),
            "a.txt",
            "3 people",
        ),
        (".xlsx", lambda: xlsx_bytes(base), "a.xlsx", "3 people"),
        (".xlsx named .csv", lambda: xlsx_bytes(base), "a.csv", "3 people"),
        (".csv named .xlsx", lambda: csv_bytes(base), "a.xlsx", "3 people"),
        (
            ".xls (Excel 97-2003)",
            lambda: (ROOT / "tests/data/spreadsheets/roster.xls").read_bytes(),
            "a.xls",
            "2 people",
        ),
        (".ods (LibreOffice)", lambda: ods_bytes(_numeric()), "a.ods", "3 people"),
        (
            "title and date line above the headings",
            lambda: csv_bytes([["Personallista"], ["2025-01-31"], *base]),
            "a.csv",
            "3 people",
        ),
        ("merged group headings above the headings", _merged, "a.xlsx", "3 people"),
        ("40 extra HR-system columns", lambda: csv_bytes(extra), "a.csv", "3 people"),
        ("a Personnummer column", lambda: csv_bytes(identity), "a.csv", "3 people"),
        (
            "numbers formatted 000000",
            lambda: xlsx_bytes(_numeric(), zero_columns=(0,)),
            "a.xlsx",
            "3 people",
        ),
        ("line breaks and spaces in a title", lambda: xlsx_bytes(serials), "a.xlsx", "3 people"),
        ("a formula Excel never calculated", _formula, "a.xlsx", "formula_not_calculated"),
        (
            "no known headings",
            lambda: csv_bytes([["Lista"], ["a", "b"], ["c", "d"]]),
            "a.csv",
            "no_heading_row",
        ),
        (
            "a PDF named .csv",
            lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj",
            "a.csv",
            "not_a_spreadsheet",
        ),
        ("birth year missing on 400 rows", _many_errors, "a.csv", "bad_value"),
    ]


def table() -> list[str]:
    from django.utils import translation

    from plantskola.core.models import Organisation
    from plantskola.core.roster.services import roster_import
    from plantskola.core.spreadsheets import describe_reading

    lines = [
        "| file | expected | got | read as / first message |",
        "| --- | --- | --- | --- |",
    ]
    for n, (label, make, filename, expected) in enumerate(cases()):
        organisation = Organisation.objects.create(
            name=f"Fall {n}", slug=f"fall-{n}-{time.time_ns()}"
        )
        with translation.override("sv"):
            result = roster_import(
                organisation=organisation,
                content=make(),
                filename=filename,
                effective_date=DAY,
                dry_run=True,
            )
            if result.ok:
                got = f"{result.counts()['created']} people"
                note = describe_reading(result.reading)
            else:
                got = result.errors[0].code
                note = f"({result.error_count} fel) " + result.errors[0].message
        mark = "" if got == expected else " ✗"
        note = note.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {label} | {expected} | {got}{mark} | {note} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.spreadsheets")
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-timing", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as folder:
        setup_django(folder)
        out = ["## Files as HR has them", "", *table(), ""]
        if not args.no_timing:
            out += ["## Import time", "", *timing(args.rows, args.runs), ""]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
