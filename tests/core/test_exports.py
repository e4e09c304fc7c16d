"""No export can carry a formula: text that Excel would evaluate comes out as inert text, in
every .xlsx export (plantskola/core/exports.py)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from plantskola.core import exports
from plantskola.events import services as event_services
from plantskola.insights.recruitment import recruitment_import
from tests.conftest import World
from tests.evaluations.helpers import add_participants, answer, close, session_survey
from tests.events.conftest import make_event
from tests.insights.test_pipeline import _world_history
from tests.insights.test_recruitment import TODAY

FORMULA = '=HYPERLINK("http://x","y")'


def _assert_inert(content: bytes, expected: str = FORMULA) -> int:
    """Every cell holding `expected` is a text cell marked as text; the count of them."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), name
    book = openpyxl.load_workbook(io.BytesIO(content))
    found = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value == expected:
                    assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
                    found += 1
    return found


def test_text_that_starts_like_a_formula_is_written_as_text_and_numbers_stay_numbers() -> None:
    book = exports.new_workbook()
    sheet = exports.add_sheet(book, "Blad", ["Rubrik"])
    risky = [FORMULA, "+46 70", "-bra kurs", "@SUM(A1)", "\tflik", "\rretur", "#N/A"]
    sheet.append([*risky, 5, -3.5, "vanlig text"])
    loaded = openpyxl.load_workbook(io.BytesIO(exports.workbook_bytes(book)))
    cells = list(loaded.worksheets[0].iter_rows(min_row=2))[0]
    for cell, text in zip(cells, risky, strict=False):
        # (XML reads a carriage return back as a line feed.)
        assert cell.value == text.replace("\r", "\n") and cell.data_type == "s" and cell.quotePrefix
    assert [c.value for c in cells[len(risky) :]] == [5, -3.5, "vanlig text"]
    assert cells[len(risky)].data_type == "n" and not cells[len(risky) + 2].quotePrefix
    assert loaded.worksheets[0]["A1"].font.bold


@pytest.mark.django_db
def test_the_survey_export_writes_a_formula_answer_and_group_as_text(world: World) -> None:
    survey = session_survey(world)
    people = [world.participant.person, *add_participants(world, world.group, 4)]
    for i, person in enumerate(people):
        answer(survey, person, 5, text=FORMULA if i == 0 else f"Kommentar {i}")
    world.group.name = FORMULA
    world.group.save(update_fields=["name"])
    close(survey)  # results are published once the survey has closed
    client = world.client_for("coordinator")
    response = client.get(reverse("evaluations:survey_export_xlsx", args=[survey.pk]))
    assert response.status_code == 200
    # The free-text answer, and the group label on each question's row.
    assert _assert_inert(response.content) >= 2


@pytest.mark.django_db
def test_the_pipeline_export_writes_a_formula_programme_name_as_text(world: World) -> None:
    _world_history(world)
    world.programme.name = FORMULA
    world.programme.save(update_fields=["name"])
    response = world.client_for("hr").get(f"/insikter/{world.host.pk}/chefsforsorjning.xlsx")
    assert response.status_code == 200
    assert _assert_inert(response.content) >= 2


@pytest.mark.django_db
def test_the_recruitment_export_writes_a_formula_post_as_text(world: World) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["tjanst", "forvaltning", "datum", "kon", "aldersgrupp", "intern", "utfall"])
    writer.writerow([FORMULA, "SOC", "2025-03-01", "kvinna", "30-39", "ja", "anställd"])
    result = recruitment_import(
        organisation=world.host,
        content=buffer.getvalue().encode(),
        filename="rekrytering.csv",
        uploaded_by=world.users["hr"],
        today=TODAY,
    )
    assert result.ok, result.errors
    response = world.client_for("hr").get(f"/insikter/{world.host.pk}/rekrytering.xlsx")
    assert response.status_code == 200
    assert _assert_inert(response.content) == 1


def test_every_workbook_is_written_by_the_export_helper() -> None:
    """openpyxl is used in one place only, the export helper (the import reader uses
    python-calamine), so a new export cannot write a workbook without making its text inert."""
    root = Path(__file__).resolve().parents[2] / "plantskola"
    users = sorted(
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "openpyxl" in path.read_text(encoding="utf-8")
    )
    assert users == ["core/exports.py"]


def test_a_csv_export_writes_text_that_starts_like_a_formula_with_an_apostrophe() -> None:
    risky = [FORMULA, "+46 70", "-bra kurs", "@SUM(A1)", "\tflik", "\rretur"]
    content = exports.csv_bytes(["=Rubrik", "Tal"], [[text, 5] for text in risky])
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["'=Rubrik", "Tal"]
    assert [row[0] for row in rows[1:]] == ["'" + text for text in risky]
    assert all(row[1] == "5" for row in rows[1:])


def _routes(patterns: list[URLPattern | URLResolver], prefix: str = "") -> list[tuple[str, str]]:
    routes = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            routes += _routes(pattern.url_patterns, namespace)
        elif pattern.name:
            routes.append((f"{prefix}{pattern.name}", str(pattern.pattern)))
    return routes


# Every export view: `test_no_cell_of_any_export_starts_with_a_formula_sign` fetches each.
CHECKED_EXPORTS = frozenset(
    {
        "evaluations:survey_export_xlsx",
        "events:event_registrations_xlsx",
        "insights:insights_pipeline_xlsx",
        "insights:recruitment_xlsx",
    }
)


def test_every_export_view_is_checked_for_formulas() -> None:
    """A new .xlsx or .csv download fails here until a test checks that its text is inert."""
    downloads = sorted(
        name
        for name, route in _routes(get_resolver().url_patterns)
        if route.rstrip("/").endswith((".xlsx", ".csv", ".xls", ".ods"))
    )
    assert downloads == sorted(CHECKED_EXPORTS)


@pytest.mark.django_db
def test_no_cell_of_any_export_starts_with_a_formula_sign(world: World) -> None:
    """Every export view's output, opened with openpyxl: no cell value that starts with "="
    (or +, -, @, tab, CR) is a formula or a text a spreadsheet would evaluate."""
    _world_history(world)
    survey = session_survey(world)
    for i, person in enumerate(
        [world.participant.person, *add_participants(world, world.group, 4)]
    ):
        answer(survey, person, 5, text=FORMULA if i % 2 else f"-{FORMULA}")
    close(survey)  # results are published once the survey has closed
    world.programme.name = "+" + FORMULA
    world.programme.save(update_fields=["name"])
    world.group.name = "@" + FORMULA
    world.group.save(update_fields=["name"])
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["tjanst", "forvaltning", "datum", "kon", "aldersgrupp", "intern", "utfall"])
    writer.writerow([FORMULA, "SOC", "2025-03-01", "kvinna", "30-39", "ja", "anställd"])
    assert recruitment_import(
        organisation=world.host,
        content=buffer.getvalue().encode(),
        filename="rekrytering.csv",
        uploaded_by=world.users["hr"],
        today=TODAY,
    ).ok
    event = make_event(world.host)
    event_services.registration_create(
        event=event, person=world.manager_person, dietary_needs="=" + FORMULA
    )
    urls = {
        "evaluations:survey_export_xlsx": ("coordinator", [survey.pk]),
        "events:event_registrations_xlsx": ("coordinator", [event.pk]),
        "insights:insights_pipeline_xlsx": ("hr", [world.host.pk]),
        "insights:recruitment_xlsx": ("hr", [world.host.pk]),
    }
    assert sorted(urls) == sorted(CHECKED_EXPORTS)
    for name, (role, args) in urls.items():
        response = world.client_for(role).get(reverse(name, args=args))
        assert response.status_code == 200, name
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        risky = 0
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and cell.value.startswith(
                        exports.FORMULA_STARTS
                    ):
                        assert cell.data_type == "s" and cell.quotePrefix, (name, cell.coordinate)
                        risky += 1
        assert risky, name  # (the planted text is in every export)
