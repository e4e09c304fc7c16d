"""Roster import in the browser: upload, preview every change, confirm; all or nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plantskola.core.models import Person, PersonChange, RosterImport
from tests.conftest import World

pytestmark = pytest.mark.django_db

GOOD = (
    "anstallningsnummer;fornamn;efternamn;epost;enhetskod;enhet;enhetstyp;titel;chef;narmaste_chef\n"
    "H100;Maria;Chef;maria@host.example;SOC;Socialförvaltningen;forvaltning;Förvaltningschef;ja;\n"
    "H101;Erik;Anställd;erik@host.example;SOC-1;Hemtjänst Norr;enhet;Enhetschef;ja;H100\n"
    "H900;Ny;Person;ny.person@host.example;SOC-1;Hemtjänst Norr;enhet;Undersköterska;nej;H101\n"
)


def upload(world: World, role: str, content: str | bytes, name: str = "personal.csv"):  # type: ignore[no-untyped-def]  # the test client's response type is private to django-stubs
    data = content.encode("utf-8") if isinstance(content, str) else content
    client = world.client_for(role)
    return client, client.post(
        "/personal/import/",
        {
            "organisation": world.host.pk,
            "effective_date": "2026-11-01",
            "file": SimpleUploadedFile(name, data, content_type="text/csv"),
        },
    )


def test_upload_shows_a_preview_and_writes_nothing_until_confirmed(world: World) -> None:
    people_before = Person.objects.count()
    client, response = upload(world, "hr", GOOD)
    assert response.status_code == 302
    record = RosterImport.objects.latest("created_at")
    assert response["Location"] == f"/personal/import/{record.pk}/"
    assert Person.objects.count() == people_before

    preview = client.get(response["Location"])
    assert preview.status_code == 200
    assert "Ny Person" in preview.content.decode()

    # The file leaves out most of the host's people: their leaving is confirmed by number.
    left = record.summary["counts"]["left"]
    assert f"Ja, {left} personer har slutat" in preview.content.decode()
    confirmed = client.post(response["Location"], {"confirm_leavers": str(left)})
    assert confirmed.status_code == 302
    assert Person.objects.filter(employee_number="H900", organisation=world.host).exists()
    erik = Person.objects.get(employee_number="H101", organisation=world.host)
    assert erik.title == "Enhetschef" and erik.is_manager
    assert PersonChange.objects.filter(person=erik, field="is_manager").exists()
    record.refresh_from_db()
    assert record.status == RosterImport.Status.APPLIED
    assert bytes(record.content) == b""


def test_confirming_twice_imports_once(world: World) -> None:
    client, response = upload(world, "hr", GOOD)
    client.post(response["Location"])
    changes = PersonChange.objects.count()
    client.post(response["Location"])
    assert PersonChange.objects.count() == changes


def test_a_bad_file_lists_row_numbered_errors_and_writes_nothing(world: World) -> None:
    bad = GOOD.replace("ny.person@host.example", "not-an-email")
    people_before = Person.objects.count()
    imports_before = RosterImport.objects.count()
    _, response = upload(world, "hr", bad)
    assert response.status_code == 400
    assert "4" in " ".join(e.message for e in response.context["errors"])
    assert any(e.code == "bad_email" and e.row == 4 for e in response.context["errors"])
    assert Person.objects.count() == people_before
    assert RosterImport.objects.count() == imports_before


def test_a_file_that_is_not_a_spreadsheet_is_refused(world: World) -> None:
    _, response = upload(world, "hr", b"%PDF-1.7 binary\x00\x01", name="personal.xlsx")
    assert response.status_code == 400
    assert any(e.code == "not_a_spreadsheet" for e in response.context["errors"])


def test_hr_of_another_organisation_cannot_import_into_the_host(world: World) -> None:
    people_before = Person.objects.count()
    _, response = upload(world, "outsider", GOOD)
    assert response.status_code == 200  # the form refuses the organisation choice
    assert "organisation" in response.context["form"].errors
    assert Person.objects.count() == people_before


def test_coordinator_cannot_import_the_roster(world: World) -> None:
    _, response = upload(world, "coordinator", GOOD)
    assert response.status_code == 403
