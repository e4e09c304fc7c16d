"""The staff-roster import: valid files, history of changes, and every kind of bad file."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.utils import translation

from plantskola.core.models import Organisation, OrgUnit, Person, PersonChange
from plantskola.core.roster import roster_import

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
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def organisation():
    return Organisation.objects.create(name="Exempel kommun", slug="exempel")


def as_csv(rows, delimiter=",", bom=False) -> bytes:
    lines = [delimiter.join(f'"{c}"' if delimiter in c else c for c in row) for row in rows]
    return ("\ufeff" if bom else "").encode() + ("\r\n".join(lines) + "\r\n").encode()


def as_xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run(organisation, rows=None, *, content=None, filename="roster.csv", date=JAN, **kwargs):
    if content is None:
        content = as_csv(rows if rows is not None else ROSTER)
    return roster_import(
        organisation=organisation,
        content=content,
        filename=filename,
        effective_date=date,
        **kwargs,
    )


def edited(rows, number, **values):
    """A copy of `rows` with some columns of one person's row changed."""
    out = [list(r) for r in rows]
    for row in out[1:]:
        if row[0] == number:
            for column, value in values.items():
                row[HEADER.index(column)] = value
    return out


def snapshot():
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


def assert_roster_imported(organisation):
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
def test_a_comma_separated_file_creates_units_people_managers_and_history(organisation):
    result = run(organisation)
    assert result.ok and result.applied and not result.dry_run
    assert result.counts() == {
        "created": 4, "updated": 0, "left": 0, "returned": 0, "unchanged": 0, "units_created": 3
    }  # fmt: skip
    assert_roster_imported(organisation)


@pytest.mark.django_db
def test_a_semicolon_separated_file_with_a_byte_order_mark_imports_the_same(organisation):
    result = run(organisation, content=as_csv(ROSTER, delimiter=";", bom=True))
    assert result.ok, result.errors
    assert_roster_imported(organisation)


@pytest.mark.django_db
def test_an_excel_workbook_imports_the_same(organisation):
    rows = [list(ROSTER[0])] + [
        [int(r[0])] + r[1:12] + [int(r[12]) if r[12] else None] for r in ROSTER[1:]
    ]
    result = run(organisation, content=as_xlsx(rows), filename="roster.xlsx")
    assert result.ok, result.errors
    assert_roster_imported(organisation)


@pytest.mark.django_db
def test_swedish_headings_with_accents_spaces_and_case_are_understood(organisation):
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
def test_importing_the_same_file_again_changes_and_records_nothing(organisation):
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
    organisation,
):
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
def test_a_person_missing_from_the_file_has_left_and_returns_when_back(organisation):
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
def test_a_dry_run_reports_the_changes_but_writes_nothing(organisation):
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
def test_another_organisations_people_and_units_are_untouched(organisation):
    other = Organisation.objects.create(name="Grannkommun", slug="granne")
    run(other)
    result = run(organisation, [r for r in ROSTER if r[0] != "103"])
    assert result.counts()["created"] == 3 and result.counts()["units_created"] == 3
    assert Person.objects.filter(organisation=other, is_active=True).count() == 4
