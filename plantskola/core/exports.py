"""Writing the Excel and CSV exports: one place that makes sure no cell is a formula.

Every ``.xlsx`` export (the survey report, the manager-supply pipeline, the recruitment
statistics) builds its workbook with `new_workbook` and `add_sheet` and turns it into bytes
with `workbook_bytes`, which first makes every text cell inert. Text written by people (a
survey answer, a group, unit, post or programme name) that begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return would otherwise be a formula to Excel (openpyxl even stores
``=…`` as one), so an answer like ``=HYPERLINK("http://x","y")`` would become a live link.

Such a cell is stored as a text cell (never ``<f>``) with the cell style's *quotePrefix* set:
what Excel shows for a text typed after an apostrophe. Excel and LibreOffice then treat it as
text, also when someone edits the cell. This is chosen over the OWASP CSV advice of
prefixing an apostrophe to the value itself because in a workbook that apostrophe would be a
visible part of the text: the answer "-bra kurs" stays exactly as written. Numbers, dates and
empty cells are left as they are.

A CSV download (`csv_bytes`) has no cell styles, so there the OWASP advice is followed as it
stands: a text that begins like a formula gets an apostrophe in front. No view downloads a CSV
today; one that does must use `csv_bytes` (``tests/core/test_exports.py`` checks every export
view).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

# What a spreadsheet may read as the start of a formula (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def new_workbook() -> Workbook:
    """An empty workbook, without the default sheet."""
    import openpyxl  # (only when an export is made: it takes a while to import)

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.worksheets[0])
    return workbook


def add_sheet(workbook: Workbook, title: str, header: Sequence[str]) -> Worksheet:
    """A sheet with a bold heading row that stays in view."""
    sheet = workbook.create_sheet(title[:31])
    sheet.append(list(header))
    make_bold(sheet[1])
    sheet.freeze_panes = "A2"
    return sheet


def make_bold(cells: Iterable[Cell | MergedCell]) -> None:
    from openpyxl.styles import Font

    for cell in cells:
        cell.font = Font(bold=True)


def make_inert(workbook: Workbook) -> None:
    """Turn every text cell that a spreadsheet could evaluate into plain text."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if not isinstance(value, str):
                    continue
                # openpyxl types "=…" as a formula and "#N/A" and the like as error values.
                if value.startswith(FORMULA_STARTS) or cell.data_type != "s":
                    cell.data_type = "s"
                    cell.quotePrefix = True


def workbook_bytes(workbook: Workbook) -> bytes:
    """The workbook as an .xlsx file, with every text cell inert (`make_inert`)."""
    make_inert(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def inert_text(value: object) -> object:
    """A CSV cell that no spreadsheet evaluates: text that begins like a formula with an
    apostrophe in front (OWASP), anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A CSV file as Swedish Excel opens it (UTF-8 with a byte-order mark, ``;``), with every
    text cell inert (`inert_text`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([inert_text(cell) for cell in header])
    writer.writerows([inert_text(cell) for cell in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
