"""Import of manager recruitments (all or nothing, row-level messages) and the statistics."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plantskola.core.models import ImportMapping
from plantskola.insights.models import RecruitmentApplication, RecruitmentImport
from plantskola.insights.recruitment import RecruitmentResult, recruitment_import
from plantskola.insights.selectors import recruitment_statistics
from plantskola.programmes.models import Edition
from tests.conftest import World

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 20)
HEADER = "tjanst;forvaltning;datum;kon;aldersgrupp;intern;anstallningsnummer;utfall"
# Two posts in 2025 (3 + 2 applications), one in 2024 (1 application).
GOOD = "\n".join(
    [
        HEADER,
        "Enhetschef Hemtjänst Norr;SOC;2025-03-01;kvinna;30-39;ja;H101;anställd",
        "Enhetschef Hemtjänst Norr;SOC;2025-03-02;man;40-49;nej;;ej anställd",
        "Enhetschef Hemtjänst Norr;Socialförvaltningen;2025-03-03;kvinna;30-39;nej;;återtagen",
        "Avdelningschef HR;KLF;2025-05-10;kvinna;50-59;nej;;anställd",
        "Avdelningschef HR;KLF;2025-05-11;;;ja;H103;ej anställd",
        "Rektor;SOC;2024-08-01;man;60-;ja;H100;anställd",
    ]
).encode()


def run(world: World, content: bytes, filename: str = "rekrytering.csv") -> RecruitmentResult:
    return recruitment_import(
        organisation=world.host,
        content=content,
        filename=filename,
        uploaded_by=world.users["hr"],
        today=TODAY,
    )


def test_a_good_file_is_imported_whole(world: World) -> None:
    result = run(world, GOOD)
    assert result.ok, result.errors
    assert (result.created, result.years) == (6, [2024, 2025])
    first = RecruitmentApplication.objects.get(date=dt.date(2025, 3, 1))
    assert (first.gender, first.age_band, first.internal, first.employee_number, first.outcome) == (
        "woman",
        "30-39",
        True,
        "H101",
        "hired",
    )
    # The administration is found by code or by name.
    assert RecruitmentApplication.objects.filter(administration__code="SOC").count() == 4


def test_importing_the_same_file_again_replaces_its_years(world: World) -> None:
    run(world, GOOD)
    run(world, GOOD)
    assert RecruitmentApplication.objects.count() == 6
    # A file of 2024 only replaces 2024 and keeps 2025.
    run(world, f"{HEADER}\nRektor;SOC;2024-09-01;man;60-;nej;;anställd\n".encode())
    assert RecruitmentApplication.objects.filter(date__year=2024).count() == 1
    assert RecruitmentApplication.objects.filter(date__year=2025).count() == 5


BAD_ROWS = [
    ("Enhetschef;XYZ;2025-03-01;kvinna;30-39;ja;;anställd", "unknown_administration"),
    ("Enhetschef;SOC;1/13/2025;kvinna;30-39;ja;;anställd", "bad_value"),
    ("Enhetschef;SOC;2031-03-01;kvinna;30-39;ja;;anställd", "bad_value"),
    ("Enhetschef;SOC;2025-03-01;okänt;30-39;ja;;anställd", "bad_value"),
    ("Enhetschef;SOC;2025-03-01;kvinna;35;ja;;anställd", "bad_value"),
    ("Enhetschef;SOC;2025-03-01;kvinna;30-39;kanske;;anställd", "bad_value"),
    ("Enhetschef;SOC;2025-03-01;kvinna;30-39;nej;H101;anställd", "external_with_number"),
    ("Enhetschef;SOC;2025-03-01;kvinna;30-39;ja;;befordrad", "bad_value"),
    (";SOC;2025-03-01;kvinna;30-39;ja;;anställd", "missing_value"),
    ("Enhetschef;SOC;2025-02-30;kvinna;30-39;ja;;anställd", "bad_value"),
]


@pytest.mark.parametrize(("row", "code"), BAD_ROWS)
def test_a_bad_row_rejects_the_whole_file_with_its_row_number(
    world: World, row: str, code: str
) -> None:
    run(world, GOOD)
    before = list(RecruitmentApplication.objects.values_list("pk", flat=True))
    content = GOOD + f"\n{row}\n".encode()
    result = run(world, content)
    assert not result.ok
    assert [e.code for e in result.errors] == [code]
    assert result.errors[0].row == 8
    assert result.errors[0].message.startswith("Rad 8")
    # Nothing written, nothing replaced.
    assert list(RecruitmentApplication.objects.values_list("pk", flat=True)) == before
    assert RecruitmentImport.objects.count() == 1


def test_file_level_errors_are_reported_in_swedish(world: World) -> None:
    missing = run(world, b"tjanst;datum\nRektor;2025-01-01\n")
    assert {e.code for e in missing.errors} == {"missing_column"}
    assert any("”förvaltning”" in e.message for e in missing.errors)
    assert [e.code for e in run(world, b"").errors] == ["empty_file"]
    heading_only = run(world, (HEADER + "\n").encode())
    assert heading_only.errors[0].message == "Filen har en rubrikrad men inga ansökningar."
    assert [e.code for e in run(world, b"%PDF-1.4 ...", "a.pdf").errors] == ["not_a_spreadsheet"]
    assert not RecruitmentApplication.objects.exists()


def test_a_column_that_is_no_recruitment_column_is_not_used(world: World) -> None:
    extra = run(
        world, (HEADER + ";lon\nRektor;SOC;2024-08-01;man;60-;ja;H100;anställd;1\n").encode()
    )
    assert extra.ok, extra.errors
    assert ["lon", ""] in extra.reading["columns"]  # type: ignore[operator]


def test_gender_k_and_m_and_a_windows_1252_file_with_a_title_row_are_read(world: World) -> None:
    lines = [
        "Rekryteringar 2025",
        HEADER,
        "Enhetschef Äldreomsorg;SOC;31/1 2025;K;30-39;ja;H101;anställd",
        "Enhetschef Äldreomsorg;SOC;45689;M;40-49;nej;;ej anställd",
    ]
    result = run(world, "\r\n".join(lines).encode("cp1252"))
    assert result.ok, result.errors
    assert result.reading["encoding"] == "Windows-1252"
    assert result.reading["heading_row"] == 2
    assert sorted(RecruitmentApplication.objects.values_list("post", "date", "gender")) == [
        ("Enhetschef Äldreomsorg", dt.date(2025, 1, 31), "woman"),
        ("Enhetschef Äldreomsorg", dt.date(2025, 2, 1), "man"),
    ]


def test_an_excel_file_is_read_like_csv(world: World) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for line in GOOD.decode().splitlines():
        sheet.append(line.split(";"))
    # A real Excel date (Excel has no time zones).
    sheet["C2"] = dt.datetime(2025, 3, 1)  # noqa: DTZ001
    buffer = io.BytesIO()
    book.save(buffer)
    result = run(world, buffer.getvalue(), "rekrytering.xlsx")
    assert result.ok, result.errors
    assert result.created == 6


def test_statistics_match_a_hand_count(world: World) -> None:
    # H101 (the employee) completed an edition that ended before the 2025 application.
    edition = Edition.objects.create(
        programme=world.programme,
        name="Omgång 2024",
        start_date=dt.date(2024, 1, 10),
        end_date=dt.date(2024, 12, 10),
    )
    edition.participants.create(person=world.employee, status="completed")
    run(world, GOOD)
    y2025, y2024 = recruitment_statistics(organisation=world.host)
    assert (y2025.year, y2025.applications, y2025.post_count) == (2025, 5, 2)
    assert y2025.per_post == pytest.approx(2.5)
    assert [(p.post, p.applications, p.hired) for p in y2025.posts] == [
        ("Avdelningschef HR", 2, 1),
        ("Enhetschef Hemtjänst Norr", 3, 1),
    ]
    # Gender columns in use: woman, man, not stated; age bands in use only.
    assert [g for g, _label in y2025.genders] == ["woman", "man", ""]
    assert [(band, counts, total) for band, counts, total in y2025.by_age_gender] == [
        ("30–39", [2, 0, 0], 2),
        ("40–49", [0, 1, 0], 1),
        ("50–59", [1, 0, 0], 1),
        ("Ej angivet", [0, 0, 1], 1),
    ]
    assert y2025.gender_totals == [3, 1, 1]
    assert (y2025.hires, y2025.internal_hires, y2025.external_hires, y2025.alumni_hires) == (
        2,
        1,
        1,
        1,
    )
    assert y2025.internal_share == pytest.approx(0.5)
    # Kungsbacka's three other figures: applications internal/external, withdrawn, hires by
    # gender.
    assert (y2025.internal_applications, y2025.external_applications) == (2, 3)
    assert y2025.withdrawn == 1
    assert y2025.hires_by_gender == [("Kvinna", 2), ("Man", 0), ("Ej angivet", 0)]
    # In 2024 the manager was hired internally but is no alumnus (the edition ended later).
    assert (y2024.hires, y2024.internal_hires, y2024.alumni_hires) == (1, 1, 0)


def test_statistics_filter_by_year_and_administration(world: World) -> None:
    run(world, GOOD)
    [only] = recruitment_statistics(organisation=world.host, year=2025)
    assert only.applications == 5
    soc = world.host.units.get(code="SOC")
    [y2025, y2024] = recruitment_statistics(organisation=world.host, administration=soc)
    assert (y2025.applications, y2024.applications) == (3, 1)


# --- pages -----------------------------------------------------------------------------------


# (Unannotated: the test client's response type is private to django-stubs.)
def upload(world: World, role: str, content: bytes, name: str = "rekrytering.csv"):  # type: ignore[no-untyped-def]  # the test client's response type is private to django-stubs
    return world.client_for(role).post(
        f"/insikter/{world.host.pk}/rekrytering/import/",
        {"file": SimpleUploadedFile(name, content, content_type="text/csv")},
    )


def test_hr_imports_in_the_browser_and_sees_the_report(world: World) -> None:
    response = upload(world, "hr", GOOD)
    assert response.status_code == 302
    record = RecruitmentImport.objects.get()
    preview_url = f"/insikter/{world.host.pk}/rekrytering/import/{record.pk}/"
    assert response["Location"] == preview_url
    # Checked and shown, nothing imported yet: how it was read, each column, what it replaces.
    client = world.client_for("hr")
    preview = client.get(preview_url).content.decode()
    assert "Läst som text" in preview and "Rubrikerna står på rad 1" in preview
    assert "utfall" in preview and "Besked" in preview
    assert not RecruitmentApplication.objects.exists()
    assert record.status == RecruitmentImport.Status.PREVIEWED and bytes(record.content)
    response = client.post(preview_url)
    assert response.status_code == 302
    assert response["Location"] == f"/insikter/{world.host.pk}/rekrytering/"
    record.refresh_from_db()
    assert record.status == RecruitmentImport.Status.APPLIED and bytes(record.content) == b""
    assert RecruitmentApplication.objects.filter(batch=record).count() == 6
    # Confirming again imports nothing twice.
    assert client.post(preview_url).status_code == 302
    assert RecruitmentApplication.objects.count() == 6
    page = world.client_for("hr").get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    # The newest year in detail (four charts, each beside its table), every year in the table
    # per year.
    assert html.count('<svg role="img" class="chart"') == 4
    assert "Ansökningar 2025: interna, externa och återtagna" in html
    assert "Chefsanställningar 2025 per kön" in html
    assert "5 ansökningar till 2 chefstjänster" in html
    assert '<a href="?year=2024">2024</a>' in html
    every = world.client_for("hr").get(response["Location"], {"year": ""}).content.decode()
    assert every.count('<svg role="img" class="chart"') == 8


def test_a_bad_upload_lists_the_row_errors_and_imports_nothing(world: World) -> None:
    response = upload(world, "hr", GOOD + b"\nRektor;XYZ;2025-01-01;;;ja;;anstalld\n")
    assert response.status_code == 400
    assert "Rad 8" in response.content.decode()
    assert not RecruitmentApplication.objects.exists()


def test_the_coordinator_may_not_import_recruitments(world: World) -> None:
    assert upload(world, "coordinator", GOOD).status_code == 403
    assert upload(world, "outsider", GOOD).status_code == 404
    assert not RecruitmentApplication.objects.exists()


def test_recruitments_export_to_excel(world: World) -> None:
    run(world, GOOD)
    response = world.client_for("hr").get(f"/insikter/{world.host.pk}/rekrytering.xlsx?year=2025")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    summary = list(book.worksheets[0].iter_rows(values_only=True))
    assert summary[1] == (2025, 2, 5, 2.5, 2, 1, 1, 0, 2, 3, 1)
    by_gender = list(book["Anställningar per kön"].iter_rows(values_only=True))
    assert by_gender[1:] == [(2025, "Kvinna", 2), (2025, "Man", 0), (2025, "Ej angivet", 0)]
    assert len(summary) == 2  # the year filter applies to the export too


def test_hr_changes_what_a_column_is_used_as_and_it_is_remembered(world: World) -> None:
    extra = GOOD.replace(b"utfall\n", b"utfall;kommentar\n", 1)
    assert upload(world, "hr", extra).status_code == 302
    record = RecruitmentImport.objects.get()
    client = world.client_for("hr")
    url = f"/insikter/{world.host.pk}/rekrytering/import/{record.pk}/"
    columns = record.summary["reading"]["columns"]
    assert "kommentar" in client.get(url).content.decode()  # shown, "används inte"
    form = {f"column_{i}": column for i, (_h, column) in enumerate(columns)}
    outcome = next(i for i, (_h, column) in enumerate(columns) if column == "outcome")
    # Without an outcome column the file cannot be imported: refused, nothing saved.
    response = client.post(url, {**form, f"column_{outcome}": "", "remap": "1"})
    assert response.status_code == 400
    assert not ImportMapping.objects.filter(organisation=world.host, kind="recruitment").exists()
    # The columns as they are: saved for the next import, which reads the file alike.
    response = client.post(url, {**form, "remap": "1"})
    assert response.status_code == 302
    saved = ImportMapping.objects.get(organisation=world.host, kind="recruitment")
    assert saved.columns.get("utfall") == "outcome"
    assert client.post(url).status_code == 302
    assert RecruitmentApplication.objects.count() == 6


def test_a_new_preview_replaces_the_organisations_unconfirmed_one(world: World) -> None:
    upload(world, "hr", GOOD)
    first = RecruitmentImport.objects.get()
    upload(world, "hr", GOOD)
    assert not RecruitmentImport.objects.filter(pk=first.pk).exists()
    assert RecruitmentImport.objects.filter(status="previewed").count() == 1


def test_another_organisations_preview_is_not_found(world: World) -> None:
    upload(world, "hr", GOOD)
    record = RecruitmentImport.objects.get()
    url = f"/insikter/{world.host.pk}/rekrytering/import/{record.pk}/"
    assert world.client_for("outsider").get(url).status_code == 404
    assert world.client_for("coordinator").get(url).status_code == 403
    other = f"/insikter/{world.other.pk}/rekrytering/import/{record.pk}/"
    assert world.client_for("hr").get(other).status_code == 404
    assert world.client_for("outsider").post(url).status_code == 404
    assert not RecruitmentApplication.objects.exists()


def test_erasure_discards_an_unconfirmed_file_that_names_the_person(world: World) -> None:
    from plantskola.privacy.erasure.services import erase_person

    person = world.employee
    named = GOOD + f"\nRektor;SOC;2025-09-01;;;ja;{person.employee_number};anställd".encode()
    assert upload(world, "hr", named).status_code == 302
    assert RecruitmentImport.objects.filter(status="previewed").exists()
    erase_person(person, world.users["hr"], reason="Begäran")
    assert not RecruitmentImport.objects.filter(status="previewed").exists()
