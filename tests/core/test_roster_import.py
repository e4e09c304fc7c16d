"""The staff-roster import: valid files, history of changes, and every kind of bad file."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator, Sequence
from typing import Any

import openpyxl
import pytest
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from pytest_django import Settings

from plantskola.core.models import Organisation, OrgUnit, Person, PersonChange
from plantskola.core.roster.services import RosterResult, roster_import

JAN = datetime.date(2025, 1, 1)
MAR = datetime.date(2025, 3, 1)

HEADER = [
    "employee_number",
    "first_name",
    "last_name",
    "email",
    "unit_code",
    "unit_name",
    "unit_kind",
    "parent_unit_code",
    "title",
    "is_manager",
    "manager_employee_number",
    "gender",
    "birth_year",
]
ROSTER_TEXT = """\
100,Anna,Berg,anna@ex.se,ADM,Socialförvaltningen,administration,,Förvaltningschef,ja,,kvinna,1970
101,Bo,Ek,bo@ex.se,AVD1,Avdelning 1,avdelning,ADM,Avdelningschef,ja,100,man,1975
102,Cia,Fors,cia@ex.se,EN1,Enhet 1,enhet,AVD1,Socialsekreterare,nej,101,,
103,Dan,Gran,,EN1,Enhet 1,enhet,AVD1,Socialsekreterare,,101,annat,1990
"""
ROSTER = [HEADER] + [line.split(",") for line in ROSTER_TEXT.splitlines()]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def organisation() -> Organisation:
    return Organisation.objects.create(name="Exempel kommun", slug="exempel")


def as_csv(rows: Sequence[Sequence[str]], delimiter: str = ",", bom: bool = False) -> bytes:
    lines = [delimiter.join(f'"{c}"' if delimiter in c else c for c in row) for row in rows]
    return ("\ufeff" if bom else "").encode() + ("\r\n".join(lines) + "\r\n").encode()


def as_xlsx(rows: Sequence[Sequence[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run(
    organisation: Organisation,
    rows: Sequence[Sequence[str]] | None = None,
    *,
    content: bytes | None = None,
    filename: str = "roster.csv",
    date: datetime.date = JAN,
    **kwargs: Any,
) -> RosterResult:
    if content is None:
        content = as_csv(rows if rows is not None else ROSTER)
    return roster_import(
        organisation=organisation,
        content=content,
        filename=filename,
        effective_date=date,
        **kwargs,
    )


def edited(rows: Sequence[Sequence[str]], number: str, **values: str) -> list[list[str]]:
    """A copy of `rows` with some columns of one person's row changed."""
    out = [list(r) for r in rows]
    for row in out[1:]:
        if row[0] == number:
            for column, value in values.items():
                row[HEADER.index(column)] = value
    return out


def snapshot() -> tuple[object, ...]:
    return (
        Person.objects.count(),
        OrgUnit.objects.count(),
        PersonChange.objects.count(),
        sorted(
            Person.objects.values_list(
                "employee_number", "first_name", "email", "unit_id", "title", "is_manager",
                "manager_id", "is_active",
            )
        ),
    )  # fmt: skip


def assert_roster_imported(organisation: Organisation) -> None:
    anna, bo, cia, dan = (
        Person.objects.get(organisation=organisation, employee_number=n)
        for n in ("100", "101", "102", "103")
    )
    assert (anna.first_name, anna.last_name, anna.email) == ("Anna", "Berg", "anna@ex.se")
    assert anna.is_manager and bo.is_manager and not cia.is_manager and not dan.is_manager
    assert anna.manager is None and bo.manager == anna and cia.manager == bo and dan.manager == bo
    assert (anna.gender, anna.birth_year, cia.gender, cia.birth_year) == ("woman", 1970, "", None)
    assert dan.gender == "other"
    adm = OrgUnit.objects.get(organisation=organisation, code="ADM")
    avd = OrgUnit.objects.get(organisation=organisation, code="AVD1")
    en1 = OrgUnit.objects.get(organisation=organisation, code="EN1")
    assert (adm.kind, avd.kind, en1.kind) == ("administration", "department", "unit")
    assert adm.parent is None and avd.parent == adm and en1.parent == avd
    assert en1.path == f"/{adm.pk}/{avd.pk}/{en1.pk}/"
    assert cia.unit == en1 and anna.unit == adm
    assert PersonChange.objects.filter(field="created", effective_date=JAN).count() == 4
    assert PersonChange.objects.count() == 4


@pytest.mark.django_db
def test_a_comma_separated_file_creates_units_people_managers_and_history(
    organisation: Organisation,
) -> None:
    result = run(organisation)
    assert result.ok and result.applied and not result.dry_run
    assert result.counts() == {
        "created": 4, "updated": 0, "left": 0, "returned": 0, "unchanged": 0, "units_created": 3
    }  # fmt: skip
    assert_roster_imported(organisation)


@pytest.mark.django_db
def test_a_semicolon_separated_file_with_a_byte_order_mark_imports_the_same(
    organisation: Organisation,
) -> None:
    result = run(organisation, content=as_csv(ROSTER, delimiter=";", bom=True))
    assert result.ok, result.errors
    assert_roster_imported(organisation)


@pytest.mark.django_db
def test_an_excel_workbook_imports_the_same(organisation: Organisation) -> None:
    rows: list[list[str | int | None]] = [list(ROSTER[0])]
    rows += [[int(r[0]), *r[1:12], int(r[12]) if r[12] else None] for r in ROSTER[1:]]
    result = run(organisation, content=as_xlsx(rows), filename="roster.xlsx")
    assert result.ok, result.errors
    assert_roster_imported(organisation)


@pytest.mark.django_db
def test_swedish_headings_with_accents_spaces_and_case_are_understood(
    organisation: Organisation,
) -> None:
    swedish = [
        " Anställningsnummer ", "FÖRNAMN", "Efternamn", "E-post", "Enhetskod", "Enhet",
        "Enhetstyp", "Överordnad enhetskod", "Titel", "Chef", "Närmaste chef", "Kön", "Födelseår",
    ]  # fmt: skip
    rows = [swedish] + [list(r) for r in ROSTER[1:]]
    rows[1][6] = "Förvaltning"
    result = run(organisation, content=as_csv(rows, delimiter=";", bom=True))
    assert result.ok, result.errors
    assert_roster_imported(organisation)


@pytest.mark.django_db
def test_importing_the_same_file_again_changes_and_records_nothing(
    organisation: Organisation,
) -> None:
    run(organisation)
    before = snapshot()
    result = run(organisation, date=MAR)
    assert result.ok and result.applied
    assert result.diffs == []
    assert result.counts()["unchanged"] == 4
    assert result.counts()["units_created"] == 0
    assert snapshot() == before


@pytest.mark.django_db
def test_a_move_a_new_title_a_new_manager_and_a_promotion_are_recorded_on_the_effective_date(
    organisation: Organisation,
) -> None:
    run(organisation)
    rows = edited(ROSTER, "103", unit_code="EN2", unit_name="Enhet 2", title="Enhetschef",
                  is_manager="x", manager_employee_number="100")  # fmt: skip
    rows = edited(rows, "102", manager_employee_number="103", email="cia.fors@ex.se")
    result = run(organisation, rows, date=MAR)
    assert result.ok, result.errors
    assert result.counts() == {
        "created": 0, "updated": 2, "left": 0, "returned": 0, "unchanged": 2, "units_created": 1
    }  # fmt: skip
    dan = Person.objects.get(employee_number="103")
    cia = Person.objects.get(employee_number="102")
    assert dan.unit is not None and dan.manager is not None
    assert dan.unit.code == "EN2" and dan.title == "Enhetschef" and dan.is_manager
    assert dan.manager.employee_number == "100" and cia.manager == dan
    changes = {
        (c.person.employee_number, c.field): (c.old_value, c.new_value)
        for c in PersonChange.objects.filter(effective_date=MAR)
    }
    assert changes == {
        ("103", "unit"): ("Enhet 1 (EN1)", "Enhet 2 (EN2)"),
        ("103", "title"): ("Socialsekreterare", "Enhetschef"),
        ("103", "is_manager"): ("false", "true"),
        ("103", "manager"): ("Bo Ek (101)", "Anna Berg (100)"),
        ("102", "manager"): ("Bo Ek (101)", "Dan Gran (103)"),
        ("102", "email"): ("cia@ex.se", "cia.fors@ex.se"),
    }
    assert all(c.source == "roster" for c in PersonChange.objects.all())
    diff = next(d for d in result.diffs if d.employee_number == "103")
    assert diff.kind == "updated" and ("is_manager", "no", "yes") in diff.changes


@pytest.mark.django_db
def test_a_person_missing_from_the_file_has_left_and_returns_when_back(
    organisation: Organisation,
) -> None:
    run(organisation)
    result = run(organisation, [r for r in ROSTER if r[0] != "103"], date=MAR)
    assert result.counts()["left"] == 1
    assert [(d.employee_number, d.kind) for d in result.diffs] == [("103", "left")]
    dan = Person.objects.get(employee_number="103")
    assert not dan.is_active
    assert dan.changes.get(field="left").effective_date == MAR

    later = datetime.date(2025, 6, 1)
    result = run(organisation, date=later, source="hr-export")
    assert [(d.employee_number, d.kind) for d in result.diffs] == [("103", "returned")]
    dan.refresh_from_db()
    assert dan.is_active
    returned = dan.changes.get(field="returned")
    assert (returned.effective_date, returned.source) == (later, "hr-export")


@pytest.mark.django_db
def test_a_dry_run_reports_the_changes_but_writes_nothing(organisation: Organisation) -> None:
    run(organisation)
    before = snapshot()
    rows = edited(ROSTER, "103", title="Enhetschef", unit_code="NY")
    rows.append(["104", "Eva", "Holm", "", "EN1", "", "", "", "", "", "101", "", ""])
    rows = [r for r in rows if r[0] != "102"]
    result = run(organisation, rows, date=MAR, dry_run=True)
    assert result.ok and result.dry_run and not result.applied
    assert result.counts() == {
        "created": 1, "updated": 1, "left": 1, "returned": 0, "unchanged": 2, "units_created": 1
    }  # fmt: skip
    kinds = {d.employee_number: d.kind for d in result.diffs}
    assert kinds == {"103": "updated", "104": "created", "102": "left"}
    assert snapshot() == before


@pytest.mark.django_db
def test_another_organisations_people_and_units_are_untouched(organisation: Organisation) -> None:
    other = Organisation.objects.create(name="Grannkommun", slug="granne")
    run(other)
    result = run(organisation, [r for r in ROSTER if r[0] != "103"])
    assert result.counts()["created"] == 3 and result.counts()["units_created"] == 3
    assert Person.objects.filter(organisation=other, is_active=True).count() == 4


@pytest.mark.django_db
def test_moving_a_unit_renames_it_and_rebuilds_the_paths_of_its_subtree(
    organisation: Organisation,
) -> None:
    run(organisation)
    # AVD1 moves under a new administration NY; EN1 below it must follow.
    rows = edited(ROSTER, "101", parent_unit_code="NY", unit_name="Avdelning Ett")
    rows = [r[:] for r in rows] + [["105", "Nils", "Ny", "", "NY", "Ny förvaltning", "bolag"]]
    rows[-1] += [""] * (len(HEADER) - len(rows[-1]))
    result = run(organisation, rows, date=MAR)
    assert result.ok, result.errors
    assert result.counts()["units_created"] == 1
    ny, avd, en1 = (OrgUnit.objects.get(code=c) for c in ("NY", "AVD1", "EN1"))
    assert (ny.kind, avd.parent, avd.name) == ("company", ny, "Avdelning Ett")
    assert en1.path == f"/{ny.pk}/{avd.pk}/{en1.pk}/"
    # People did not move: the unit they are in moved, which is not a change to them.
    assert not PersonChange.objects.filter(effective_date=MAR).exclude(field="created").exists()


@pytest.mark.django_db
def test_optional_columns_left_out_of_the_file_keep_what_is_stored(
    organisation: Organisation,
) -> None:
    run(organisation)
    columns = [HEADER.index(c) for c in ("employee_number", "first_name", "last_name", "unit_code")]
    rows = [[r[i] for i in columns] for r in ROSTER]
    result = run(organisation, rows, date=MAR)
    assert result.ok and result.diffs == []
    bo = Person.objects.get(employee_number="101")
    assert bo.manager is not None
    assert (bo.email, bo.title, bo.is_manager, bo.manager.employee_number, bo.birth_year) == (
        "bo@ex.se",
        "Avdelningschef",
        True,
        "100",
        1975,
    )
    en1 = OrgUnit.objects.get(code="EN1")
    assert en1.parent is not None and en1.parent.code == "AVD1"


@pytest.mark.django_db
def test_a_chain_of_managers_longer_than_the_recursion_limit_is_imported(
    organisation: Organisation,
) -> None:
    rows = [HEADER[:5] + ["manager_employee_number"]]
    rows += [[str(i), "F", "L", "", "U", str(i - 1) if i else ""] for i in range(1500)]
    result = run(organisation, rows)
    assert result.ok, result.errors[:3]
    last = Person.objects.get(employee_number="1499")
    assert last.manager is not None and last.manager.employee_number == "1498"


@pytest.mark.django_db
def test_a_changed_gender_or_birth_year_updates_the_person_without_history(
    organisation: Organisation,
) -> None:
    run(organisation)
    result = run(organisation, edited(ROSTER, "102", gender="woman", birth_year="1980"), date=MAR)
    assert [(d.employee_number, d.kind) for d in result.diffs] == [("102", "updated")]
    cia = Person.objects.get(employee_number="102")
    assert (cia.gender, cia.birth_year) == ("woman", 1980)
    assert not PersonChange.objects.filter(effective_date=MAR).exists()


# ---------------------------------------------------------------------------------------------
# Bad files: every one gives a row-numbered error and writes nothing.


@pytest.fixture
def imported(organisation: Organisation) -> Organisation:
    """An organisation whose roster was imported once; bad files must leave it as it is."""
    run(organisation)
    return organisation


def assert_rejected(
    organisation: Organisation,
    code: str,
    row: int | None,
    *,
    rows: Sequence[Sequence[str]] | None = None,
    content: bytes | None = None,
    filename: str = "roster.csv",
) -> RosterResult:
    before = snapshot()
    result = run(organisation, rows, content=content, filename=filename, date=MAR)
    assert not result.ok and not result.applied
    assert result.diffs == []
    assert (code, row) in [(e.code, e.row) for e in result.errors], result.errors
    assert snapshot() == before
    return result


def replaced(number: str, **values: str) -> list[list[str]]:
    return edited(ROSTER, number, **values)


def with_row(*cells: str) -> list[list[str]]:
    return [list(r) for r in ROSTER] + [list(cells) + [""] * (len(HEADER) - len(cells))]


BAD_ROWS = {
    "an_invalid_email": (replaced("102", email="cia@"), "bad_email", 4),
    "an_email_with_spaces": (replaced("101", email="bo ek@ex.se"), "bad_email", 3),
    "a_blank_employee_number": (replaced("102", employee_number=""), "missing_value", 4),
    "a_blank_first_name": (replaced("103", first_name=""), "missing_value", 5),
    "a_blank_last_name": (replaced("100", last_name=" "), "missing_value", 2),
    "a_blank_unit_code": (replaced("101", unit_code=""), "missing_value", 3),
    "a_manager_not_in_the_file": (
        replaced("103", manager_employee_number="999"),
        "unknown_manager",
        5,
    ),
    "a_duplicate_employee_number": (
        with_row("102", "Ny", "Person", "", "EN1"),
        "duplicate_employee_number",
        6,
    ),  # noqa: E501
    "a_person_who_is_their_own_manager": (
        replaced("102", manager_employee_number="102"),
        "manager_cycle",
        4,
    ),
    "a_manager_cycle": (replaced("100", manager_employee_number="103"), "manager_cycle", 2),
    "an_unknown_parent_unit": (
        with_row("104", "Eva", "Holm", "", "EN7", "", "", "NOPE"),
        "unknown_parent_unit",
        6,
    ),
    "a_unit_under_itself": (replaced("100", parent_unit_code="ADM"), "unit_cycle", 2),
    "a_unit_cycle": (replaced("100", parent_unit_code="EN1"), "unit_cycle", 2),
    "a_unit_with_two_names": (replaced("103", unit_name="Enhet Ett"), "bad_value", 5),
    "a_unit_with_two_parents": (replaced("103", parent_unit_code="ADM"), "bad_value", 5),
    "a_unit_with_two_kinds": (replaced("103", unit_kind="department"), "bad_value", 5),
    "an_unknown_unit_kind": (replaced("100", unit_kind="kommun"), "bad_value", 2),
    "an_unclear_manager_flag": (replaced("101", is_manager="kanske"), "bad_value", 3),
    "an_unknown_gender": (replaced("101", gender="okänt"), "bad_value", 3),
    "a_birth_year_before_1900": (replaced("101", birth_year="1899"), "bad_value", 3),
    "a_birth_year_of_a_child": (
        replaced("101", birth_year=str(timezone.localdate().year - 13)),
        "bad_value",
        3,
    ),
    "a_birth_year_that_is_a_date": (replaced("101", birth_year="1975-04-01"), "bad_value", 3),
    "a_two_digit_birth_year": (replaced("101", birth_year="75"), "bad_value", 3),
    "a_too_long_title": (replaced("101", title="x" * 201), "bad_value", 3),
    "a_too_long_employee_number": (replaced("101", employee_number="9" * 41), "bad_value", 3),
}


@pytest.mark.django_db
@pytest.mark.parametrize("rows, code, row", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_a_file_with_a_bad_row_is_rejected_with_its_row_number_and_writes_nothing(
    imported: Organisation, rows: list[list[str]], code: str, row: int | None
) -> None:
    assert_rejected(imported, code, row, rows=rows)


@pytest.mark.django_db
def test_a_duplicate_employee_number_names_the_row_of_the_first_occurrence(
    imported: Organisation,
) -> None:
    result = assert_rejected(
        imported, "duplicate_employee_number", 6, rows=with_row("102", "Ny", "Person", "", "EN1")
    )
    assert "row 4" in result.errors[0].message


@pytest.mark.django_db
def test_a_manager_cycle_names_every_employee_number_in_it(imported: Organisation) -> None:
    rows = edited(replaced("100", manager_employee_number="103"), "101")
    result = assert_rejected(imported, "manager_cycle", 2, rows=rows)
    assert "100 → 103 → 101 → 100" in result.errors[0].message


@pytest.mark.django_db
def test_a_unit_cycle_through_an_existing_unit_not_in_the_file_is_rejected(
    imported: Organisation,
) -> None:
    # ADM exists with no people left in it in this file; placing it under EN1 closes a loop.
    rows = [HEADER] + [
        ["200", "Ola", "Lind", "", "ADM", "", "", "EN1"],
        ["102", "Cia", "Fors", "", "EN1", "", "", "AVD1"],
    ]
    rows = [r + [""] * (len(HEADER) - len(r)) for r in rows]
    assert_rejected(imported, "unit_cycle", 2, rows=rows)


@pytest.mark.django_db
def test_a_parent_unit_may_be_an_existing_unit_that_is_not_in_the_file(
    imported: Organisation,
) -> None:
    rows = [HEADER, ["300", "Per", "Sten", "", "EN9", "Enhet 9", "", "AVD1"] + [""] * 5]
    result = run(imported, rows, date=MAR)
    assert result.ok, result.errors
    en9 = OrgUnit.objects.get(code="EN9")
    assert en9.parent is not None and en9.parent.code == "AVD1"


@pytest.mark.django_db
@pytest.mark.parametrize("missing", ["employee_number", "first_name", "last_name", "unit_code"])
def test_a_file_without_a_required_column_is_rejected(imported: Organisation, missing: str) -> None:
    index = HEADER.index(missing)
    rows = [[c for i, c in enumerate(r) if i != index] for r in ROSTER]
    result = assert_rejected(imported, "missing_column", 1, rows=rows)
    assert result.errors[0].column == missing


@pytest.mark.django_db
def test_a_column_that_is_no_roster_column_is_not_used_and_changes_nothing(
    imported: Organisation,
) -> None:
    rows = [r + ["x"] for r in ROSTER]
    rows[0][-1] = "Lönekod"
    before = snapshot()
    result = run(imported, rows, date=MAR)
    assert result.ok, result.errors
    assert ["Lönekod", ""] in result.reading["columns"]
    assert snapshot() == before


@pytest.mark.django_db
def test_a_file_with_the_same_column_twice_is_rejected(imported: Organisation) -> None:
    rows = [r + [r[3]] for r in ROSTER]
    rows[0][-1] = "E-post"
    assert_rejected(imported, "duplicate_column", 1, rows=rows)


@pytest.mark.django_db
def test_a_csv_in_windows_1252_is_read_and_says_so(organisation: Organisation) -> None:
    rows = edited(ROSTER, "101", title="Avdelningschef – ”Bo’s” € Åsa Ängö")
    content = "\r\n".join(";".join(r) for r in rows).encode("cp1252")
    result = run(organisation, content=content)
    assert result.ok, result.errors
    assert result.reading["encoding"] == "Windows-1252"
    assert result.reading["delimiter"] == ";"
    bo = Person.objects.get(employee_number="101")
    assert bo.title == "Avdelningschef – ”Bo’s” € Åsa Ängö"
    assert OrgUnit.objects.get(code="ADM").name == "Socialförvaltningen"


@pytest.mark.django_db
def test_a_csv_in_utf16_is_read_and_says_so(organisation: Organisation) -> None:
    content = "\r\n".join("\t".join(r) for r in ROSTER).encode("utf-16")
    result = run(organisation, content=content)
    assert result.ok, result.errors
    assert (result.reading["encoding"], result.reading["delimiter"]) == ("UTF-16", "\t")
    assert_roster_imported(organisation)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content", [b"", b"   \r\n\r\n", "\ufeff".encode()], ids=["no bytes", "blank lines", "bom"]
)
def test_an_empty_file_is_rejected(imported: Organisation, content: bytes) -> None:
    assert_rejected(imported, "empty_file", None, content=content)


@pytest.mark.django_db
def test_a_file_with_only_a_heading_is_rejected_as_empty(imported: Organisation) -> None:
    assert_rejected(imported, "empty_file", 1, rows=[HEADER])


@pytest.mark.django_db
def test_an_excel_workbook_with_only_a_heading_is_rejected_as_empty(imported: Organisation) -> None:
    assert_rejected(imported, "empty_file", 1, content=as_xlsx([HEADER]), filename="r.xlsx")


@pytest.mark.django_db
def test_a_file_larger_than_the_limit_is_rejected_before_it_is_read(
    imported: Organisation, settings: Settings
) -> None:
    settings.ROSTER_MAX_BYTES = 100
    result = assert_rejected(imported, "too_large", None, content=b"\x00" * 101)
    assert [e.code for e in result.errors] == ["too_large"]


@pytest.mark.django_db
def test_a_file_with_too_many_rows_is_rejected(
    imported: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("plantskola.core.spreadsheets.MAX_ROWS", 3)
    assert_rejected(imported, "too_many_rows", None, rows=ROSTER)


def zip_without_a_workbook() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")
    return buffer.getvalue()


NOT_SPREADSHEETS = {
    "a_pdf_renamed_xlsx": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj", "roster.xlsx"),
    "a_pdf_renamed_csv": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj", "roster.csv"),
    "a_zip_that_is_not_a_workbook": (zip_without_a_workbook(), "roster.xlsx"),
    "a_truncated_workbook": (b"PK\x03\x04" + b"\x00" * 200, "roster.xlsx"),
    "an_old_xls_workbook": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "roster.xls"),
    "binary_junk": (bytes(range(256)) * 4, "roster.csv"),
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content, filename", NOT_SPREADSHEETS.values(), ids=NOT_SPREADSHEETS.keys()
)
def test_a_file_that_is_not_a_spreadsheet_is_rejected(
    imported: Organisation, content: bytes, filename: str
) -> None:
    assert_rejected(imported, "not_a_spreadsheet", None, content=content, filename=filename)


@pytest.mark.django_db
def test_errors_are_collected_for_the_whole_file_in_row_order(imported: Organisation) -> None:
    rows = replaced("100", email="a@")
    rows = edited(rows, "103", manager_employee_number="999", birth_year="20")
    result = assert_rejected(imported, "bad_email", 2, rows=rows)
    assert [(e.code, e.row) for e in result.errors] == [
        ("bad_email", 2),
        ("bad_value", 5),
        ("unknown_manager", 5),
    ]


@pytest.mark.django_db
def test_more_than_200_errors_are_cut_short_with_a_count_of_the_rest(
    imported: Organisation,
) -> None:
    # (Different addresses: errors that say the same of many rows are one line.)
    rows = [HEADER] + [
        [str(1000 + i), "X", "Y", f"bad{i}@"] + ["EN1"] + [""] * 8 for i in range(250)
    ]
    result = assert_rejected(imported, "bad_email", 2, rows=rows)
    assert len(result.errors) == 201
    assert result.errors[-1].code == "too_many_errors"
    assert "50 more errors" in result.errors[-1].message
    assert result.error_count == 250


@pytest.mark.django_db
def test_row_numbers_in_a_workbook_count_blank_rows_as_excel_shows_them(
    imported: Organisation,
) -> None:
    rows: list[list[str | None]] = [
        list(ROSTER[0]),
        list(ROSTER[1]),
        [None] * len(HEADER),
        list(ROSTER[2]),
    ]
    rows[3][HEADER.index("email")] = "bo@@ex.se"
    assert_rejected(imported, "bad_email", 4, content=as_xlsx(rows), filename="roster.xlsx")


@pytest.mark.django_db
def test_row_numbers_in_a_csv_count_a_line_break_inside_a_cell_as_one_row(
    imported: Organisation,
) -> None:
    content = as_csv(ROSTER).replace(b"Avdelningschef", b'"Avdelnings-\nchef"')
    content = content.replace(b"cia@ex.se", b"cia@")
    assert_rejected(imported, "bad_email", 4, content=content)


@pytest.mark.django_db
def test_an_error_on_one_row_discards_the_good_rows_too(imported: Organisation) -> None:
    rows = edited(with_row("104", "Eva", "Holm", "", "NY"), "103", title="Chef", email="x@")
    assert_rejected(imported, "bad_email", 5, rows=rows)
    assert not Person.objects.filter(employee_number="104").exists()
    assert not OrgUnit.objects.filter(code="NY").exists()


# ---------------------------------------------------------------------------------------------
# Property tests: malformed input never raises and never writes.

VALID_ROW = ["500", "Ylva", "Ås", "ylva@ex.se", "EN1", "Enhet 1", "enhet", "AVD1", "Chef", "nej",
             "101", "kvinna", "1980"]  # fmt: skip
CORRUPTIONS = {
    "email": st.sampled_from(
        ["a@", "@ex.se", "a b@ex.se", "a@@ex.se", "anna", "a@ex", "<a@ex.se>"]
    ),
    "employee_number": st.sampled_from(["", " ", "\t"]),
    "first_name": st.sampled_from(["", "  "]),
    "last_name": st.just(""),
    "unit_code": st.sampled_from(["", " "]),
    "birth_year": st.one_of(
        st.integers(max_value=1899).map(str),
        st.integers(min_value=timezone.localdate().year - 13).map(str),
        st.text(alphabet="0123456789-./ xe", min_size=1, max_size=6).filter(
            lambda s: not (s.strip().isdigit() and len(s.strip()) == 4)
        ),
    ),
    # OWN_NUMBER: the row's own employee number, so the person would be their own manager.
    "manager_employee_number": st.sampled_from(["999", "nobody", "OWN_NUMBER"]),
    "is_manager": st.sampled_from(["kanske", "2", "jaa", "-"]),
    "gender": st.sampled_from(["?", "kvinnor", "mannen", "okänt"]),
    "unit_kind": st.sampled_from(["kommun", "team", "sektion"]),
    "title": st.just("x" * 201),
}
junk_text = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=12)


@st.composite
def malformed_rosters(draw: st.DrawFn) -> list[list[str]]:
    rows = [list(HEADER)] + [list(r) for r in ROSTER[1:]]
    for index in range(draw(st.integers(min_value=1, max_value=4))):
        row = list(VALID_ROW)
        row[0] = str(500 + index)
        rows.append(row)
    # Junk anywhere but the heading, then at least one certain error on a new row.
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        r = draw(st.integers(min_value=1, max_value=len(rows) - 1))
        c = draw(st.integers(min_value=0, max_value=len(HEADER) - 1))
        rows[r][c] = draw(junk_text)
    for column in draw(st.lists(st.sampled_from(sorted(CORRUPTIONS)), min_size=1, max_size=4)):
        r = draw(st.integers(min_value=len(ROSTER), max_value=len(rows) - 1))
        value = draw(CORRUPTIONS[column])
        if value == "OWN_NUMBER":
            value = rows[r][HEADER.index("employee_number")]
        rows[r][HEADER.index(column)] = value
    return rows


def csv_bytes(rows: list[list[str]], delimiter: str) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode()


@pytest.mark.django_db
@settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(rows=malformed_rosters(), delimiter=st.sampled_from([",", ";"]), excel=st.booleans())
def test_malformed_rows_never_raise_and_never_write(
    imported: Organisation, rows: list[list[str]], delimiter: str, excel: bool
) -> None:
    if excel:
        content = as_xlsx([[ILLEGAL_CHARACTERS_RE.sub("", c) for c in r] for r in rows])
        filename = "roster.xlsx"
    else:
        content, filename = csv_bytes(rows, delimiter), "roster.csv"
    before = snapshot()
    result = run(imported, content=content, filename=filename, date=MAR)
    assert not result.ok and not result.applied
    assert all(isinstance(e.message, str) and e.message for e in result.errors)
    assert snapshot() == before


@pytest.mark.django_db
@settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    content=st.one_of(
        st.binary(max_size=3000).map(lambda b: b"PK\x03\x04" + b),
        # A heading, or nothing, and then junk with at least one control character in it: random
        # bytes may otherwise spell out a valid roster (hypothesis finds one quickly).
        st.tuples(
            st.sampled_from([b"", as_csv(ROSTER[:1]), as_csv(ROSTER[:2])]),
            st.binary(max_size=1500),
            st.integers(min_value=0, max_value=8),
            st.binary(max_size=1500),
        ).map(lambda t: t[0] + t[1] + bytes([t[2]]) + t[3]),
    ),
    filename=st.sampled_from(["roster.csv", "roster.xlsx", "roster.txt", "roster", "r.pdf"]),
)
def test_random_bytes_never_raise_and_never_write(
    imported: Organisation, content: bytes, filename: str
) -> None:
    before = snapshot()
    result = run(imported, content=content, filename=filename, date=MAR)
    assert not result.ok and not result.applied
    assert snapshot() == before
