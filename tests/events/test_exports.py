"""Exports of an event's registrations: Excel with dietary needs (opened with openpyxl), the
printed registrations and the alphabetical entrance list (read back with pdftotext)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks

from plantskola.core.models import Organisation, Person
from plantskola.events import exports, services
from plantskola.events.models import Event
from plantskola.events.services import event_purge_dietary_needs
from tests.conftest import World
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db

# Registered in this order; alphabetically (Swedish: Å, Ä, Ö after Z) they read
# Andersson, Berg, Zetterlund, Åberg, Ängström, Östlund.
NAMES = [
    ("Östlund", "Olle", ""),
    ("Berg", "Bo", "Glutenfri"),
    ("Ängström", "Ärla", "Vegetarisk"),
    ("Andersson", "Anna", "Vegetarisk"),
    ("Åberg", "Åsa", ""),
    ("Zetterlund", "Zara", "=HYPERLINK(1)"),
]
ALPHABETICAL = ["Andersson", "Berg", "Zetterlund", "Åberg", "Ängström", "Östlund"]


def _text(content: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    return subprocess.run(  # noqa: S603
        ["/usr/bin/pdftotext", "-layout", str(path), "-"], check=True, capture_output=True
    ).stdout.decode()


@pytest.fixture
def event(db: None) -> Event:
    org = Organisation.objects.create(name="Örebro kommun", slug="orebro")
    event = make_event(org, title="Ledardagen", kind=Event.Kind.LEADERSHIP_DAY, capacity=5)
    for i, (last, first, diet) in enumerate(NAMES):
        person = Person.objects.create(
            organisation=org,
            employee_number=f"E{i}",
            first_name=first,
            last_name=last,
            email=f"p{i}@orebro.example",
            is_manager=True,
            title="Enhetschef",
        )
        services.registration_create(event=event, person=person, dietary_needs=diet)
    return event  # Zetterlund, registered sixth, is on the waiting list


def test_the_excel_export_lists_everyone_with_dietary_needs_and_the_waiting_list(
    event: Event,
) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(exports.registrations_xlsx(event=event)))
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert "Dietary needs" in header or "Specialkost" in header
    last_names = [r[0] for r in body]
    # Those with a place alphabetically, then the waiting list.
    assert last_names == ["Andersson", "Berg", "Åberg", "Ängström", "Östlund", "Zetterlund"]
    diet = header.index(next(h for h in header if h in ("Dietary needs", "Specialkost")))
    by_name = {r[0]: r for r in body}
    assert by_name["Berg"][diet] == "Glutenfri"
    # A value that looks like a formula stays text.
    cell = next(c for c in sheet.iter_rows(min_row=2) if c[0].value == "Zetterlund")[diet]
    assert cell.data_type == "s" and cell.value == "=HYPERLINK(1)"
    summary = dict(workbook.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert summary == {"Vegetarisk": 2, "Glutenfri": 1}  # the waiting list's is not counted


def test_the_entrance_list_is_alphabetical_with_a_tick_column(event: Event, tmp_path: Path) -> None:
    text = _text(exports.entrance_list_pdf(event=event), tmp_path)
    assert "Entrélista: Ledardagen" in text and "Här" in text
    positions = [text.index(name) for name in ALPHABETICAL if name != "Zetterlund"]
    assert positions == sorted(positions)
    assert "Zetterlund" not in text  # waiting, not expected at the door


def test_the_registrations_pdf_has_dietary_needs_and_the_waiting_list(
    event: Event, tmp_path: Path
) -> None:
    text = _text(exports.registrations_pdf(event=event), tmp_path)
    registered = text[: text.index("Specialkost (utan namn")]
    positions = [registered.index(f"{n},") for n in ALPHABETICAL if n != "Zetterlund"]
    assert positions == sorted(positions)
    assert "Glutenfri" in registered and "Vegetarisk" in registered
    assert "Väntelista" in text and "Zetterlund, Zara" in text[text.index("Väntelista") :]


def test_dietary_needs_are_gone_from_the_exports_after_the_event(event: Event) -> None:
    event.date = timezone.localdate() - dt.timedelta(days=1)
    event.registration_closes = event.date
    event.registration_opens = event.date - dt.timedelta(days=10)
    event.save()
    event_purge_dietary_needs(today=timezone.localdate())
    workbook = openpyxl.load_workbook(io.BytesIO(exports.registrations_xlsx(event=event)))
    body = list(workbook.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert len(body) == 6
    assert not any(v in ("Glutenfri", "Vegetarisk") for row in body for v in row)


def test_the_organiser_downloads_the_excel_and_the_pdfs(
    world: World, tmp_path: Path, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    event = make_event(world.host)
    services.registration_create(event=event, person=world.manager_person, dietary_needs="Nötter")
    client = world.client_for("coordinator")
    page = client.get(reverse("events:event_registrations", args=[event.pk]))
    xlsx_url = reverse("events:event_registrations_xlsx", args=[event.pk])
    assert xlsx_url in page.content.decode()
    response = client.get(xlsx_url)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [c.value for c in sheet[2]][:2] == ["Chef", "Maria"]
    for name in ("events:event_registrations_pdf", "events:event_entrance_list_pdf"):
        with django_capture_on_commit_callbacks(execute=True):
            document_page = client.post(reverse(name, args=[event.pk]))
        assert document_page.status_code == 302
        pdf = client.get(document_page["Location"] + "hamta/")
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
        assert "Chef, Maria" in _text(pdf.content, tmp_path)
    # The invited manager may not export (403), an outsider does not see the event (404).
    assert world.client_for("manager").get(xlsx_url).status_code == 403
    assert world.client_for("outsider").get(xlsx_url).status_code == 404
