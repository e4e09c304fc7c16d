"""Table lists and name badges as real PDFs: pdftotext finds names and table numbers."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from pathlib import Path

import pytest
from pytest_django import DjangoCaptureOnCommitCallbacks

from plantskola.core.models import Organisation
from plantskola.events import services
from plantskola.events.models import Event
from plantskola.events.seating import pdf
from plantskola.events.seating.services import event_seat
from tests.conftest import World
from tests.events.conftest import build_managers, make_event

pytestmark = pytest.mark.django_db


def _text(content: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    return subprocess.run(  # noqa: S603
        ["/usr/bin/pdftotext", "-layout", str(path), "-"], check=True, capture_output=True
    ).stdout.decode()


def _pages(content: bytes, tmp_path: Path) -> int:
    path = tmp_path / "count.pdf"
    path.write_bytes(content)
    info = subprocess.run(  # noqa: S603
        ["/usr/bin/pdfinfo", str(path)], check=True, capture_output=True
    ).stdout.decode()
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])


@pytest.fixture
def seated(db: None) -> Event:
    org = Organisation.objects.create(name="Kungsbacka kommun", slug="kungsbacka")
    managers = build_managers(org, administrations=3, per_administration=6)  # 18 people
    event = make_event(org, kind=Event.Kind.LEADERSHIP_DAY, title="Ledardagen 2026", capacity=None)
    for person in managers:
        services.registration_create(event=event, person=person)
    event_seat(event=event, table_size=6, time_limit=1)
    return event


def test_table_lists_have_one_page_per_table_with_names(seated: Event, tmp_path: Path) -> None:
    content = pdf.table_lists_pdf(event=seated)
    assert content.startswith(b"%PDF")
    assert _pages(content, tmp_path) == 3
    text = _text(content, tmp_path)
    for n in (1, 2, 3):
        assert f"Bord {n}" in text
    for registration in seated.registrations.select_related("person"):
        assert registration.person.full_name in text
    assert "Förvaltning 0" in text and "sida 3" in text


def test_table_lists_as_one_list_fit_on_fewer_pages(seated: Event, tmp_path: Path) -> None:
    content = pdf.table_lists_pdf(event=seated, one_page_per_table=False)
    assert _pages(content, tmp_path) == 1
    assert "Bord 3" in _text(content, tmp_path)


def test_badges_fit_eight_on_a_page_with_name_title_unit_and_table(
    seated: Event, tmp_path: Path
) -> None:
    content = pdf.badges_pdf(event=seated)
    assert _pages(content, tmp_path) == 3  # 18 badges, 8 per page
    text = _text(content, tmp_path)
    registration = seated.registrations.select_related("person__unit").first()
    assert registration is not None
    # A long name may wrap on the badge: first and last name each appear.
    assert registration.person.first_name in text and registration.person.last_name in text
    assert registration.person.unit is not None
    assert registration.person.unit.name in text
    assert "Enhetschef" in text
    assert text.count("Bord ") == 18


def test_look_at_the_badges(seated: Event, tmp_path: Path) -> None:
    """Render the first page of each document to PNG; keep a copy in var/screenshots/ to look at."""
    for name, content in (
        ("badges", pdf.badges_pdf(event=seated)),
        ("table-lists", pdf.table_lists_pdf(event=seated)),
    ):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(content)
        subprocess.run(  # noqa: S603
            [
                "/usr/bin/pdftoppm",
                "-png",
                "-r",
                "50",
                "-singlefile",
                str(path),
                str(tmp_path / name),
            ],
            check=True,
        )
        png = tmp_path / f"{name}.png"
        assert png.stat().st_size > 1000
        out = Path(__file__).resolve().parents[2] / "var" / "screenshots"
        with contextlib.suppress(OSError):  # a shared folder others may clear meanwhile
            out.mkdir(parents=True, exist_ok=True)
            shutil.copy(png, out / f"events-pdf-{png.name}")


def test_the_organiser_downloads_the_pdfs(
    world: World, tmp_path: Path, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    event = make_event(world.host, kind=Event.Kind.LEADERSHIP_DAY)
    services.registration_create(event=event, person=world.manager_person)
    client = world.client_for("coordinator")
    for url in (f"/evenemang/{event.pk}/bordslistor.pdf", f"/evenemang/{event.pk}/namnbrickor.pdf"):
        with django_capture_on_commit_callbacks(execute=True):
            document_page = client.post(url)
        assert document_page.status_code == 302
        download_url = document_page["Location"] + "hamta/"
        response = client.get(download_url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert "Maria Chef" in _text(response.content, tmp_path) or "bordslistor" in url
