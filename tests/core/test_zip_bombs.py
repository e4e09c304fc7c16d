"""A workbook is checked for what it unpacks to before it is parsed: a zip bomb (a small
.xlsx whose sheet expands to more than the limit) is refused with a message and writes
nothing, in the roster import and the recruitment import alike (plantskola/core/spreadsheets.py)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plantskola.core import spreadsheets
from plantskola.core.models import Organisation, Person, RosterImport
from plantskola.insights.models import RecruitmentImport
from plantskola.insights.recruitment import recruitment_import
from tests.conftest import World
from tests.core.test_roster_import import ROSTER, as_xlsx, assert_rejected, run
from tests.insights.test_recruitment import TODAY

pytestmark = pytest.mark.django_db


def repacked(workbook: bytes, *, padding: int = 0, extra_parts: int = 0) -> bytes:
    """The workbook with `padding` spaces (which pack to almost nothing) in its sheet's XML
    and `extra_parts` more empty parts in the archive."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</worksheet>", b" " * padding + b"</worksheet>")
            target.writestr(name, data)
        for n in range(extra_parts):
            target.writestr(f"customXml/part{n}.xml", b"")
    return buffer.getvalue()


@pytest.fixture
def never_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(content: bytes, kind: str) -> None:
        raise AssertionError("the workbook was handed to the parser")

    monkeypatch.setattr(spreadsheets, "_read_workbook", refuse)


@pytest.fixture
def organisation() -> Organisation:
    organisation = Organisation.objects.create(name="Exempel kommun", slug="exempel")
    run(organisation)  # a roster already imported: a refused file must leave it as it is
    return organisation


def test_a_small_workbook_that_unpacks_beyond_the_limit_is_refused_unread(
    organisation: Organisation, never_parsed: None
) -> None:
    bomb = repacked(as_xlsx(ROSTER), padding=spreadsheets.MAX_UNPACKED_BYTES + 1)
    assert len(bomb) < 1024 * 1024  # about 100 KB on disk
    result = assert_rejected(organisation, "unpacks_too_large", None, content=bomb)
    assert [e.code for e in result.errors] == ["unpacks_too_large"]


def test_a_sheet_packed_far_tighter_than_a_real_one_is_refused(
    organisation: Organisation, never_parsed: None
) -> None:
    # 5 MB of sheet in a few kilobytes: a thousand times, where real sheets pack about ten.
    bomb = repacked(as_xlsx(ROSTER), padding=5 * 1024 * 1024)
    assert_rejected(organisation, "unpacks_too_large", None, content=bomb)


def test_a_workbook_of_too_many_parts_is_refused(
    organisation: Organisation, never_parsed: None
) -> None:
    bomb = repacked(as_xlsx(ROSTER), extra_parts=spreadsheets.MAX_ZIP_ENTRIES)
    assert_rejected(organisation, "unpacks_too_large", None, content=bomb)


def test_a_real_workbook_with_some_padding_is_still_read(organisation: Organisation) -> None:
    result = run(organisation, content=repacked(as_xlsx(ROSTER), padding=500_000))
    assert result.ok, result.errors


def test_the_upload_page_refuses_a_zip_bomb_in_swedish_and_writes_nothing(world: World) -> None:
    bomb = repacked(as_xlsx(ROSTER), padding=spreadsheets.MAX_UNPACKED_BYTES + 1)
    people, imports = Person.objects.count(), RosterImport.objects.count()
    response = world.client_for("hr").post(
        "/personal/import/",
        {
            "organisation": world.host.pk,
            "effective_date": "2026-11-01",
            "file": SimpleUploadedFile("personal.xlsx", bomb),
        },
    )
    assert response.status_code == 400
    assert [e.code for e in response.context["errors"]] == ["unpacks_too_large"]
    assert "packas upp till mer än 100,0\xa0MB" in response.content.decode()
    assert (Person.objects.count(), RosterImport.objects.count()) == (people, imports)


def test_the_recruitment_import_refuses_a_zip_bomb_too(world: World, never_parsed: None) -> None:
    bomb = repacked(as_xlsx([["tjanst", "forvaltning"]]), padding=5 * 1024 * 1024)
    before = RecruitmentImport.objects.count()
    result = recruitment_import(
        organisation=world.host,
        content=bomb,
        filename="rekrytering.xlsx",
        uploaded_by=world.users["hr"],
        today=TODAY,
    )
    assert [e.code for e in result.errors] == ["unpacks_too_large"]
    assert RecruitmentImport.objects.count() == before
