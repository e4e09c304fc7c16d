"""Roster import in the browser: upload, preview every change, confirm; all or nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plantskola.core.models import ImportMapping, Person, PersonChange, RosterImport
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
    left = str(RosterImport.objects.latest("created_at").summary["counts"]["left"])
    client.post(response["Location"], {"confirm_leavers": left})
    changes = PersonChange.objects.count()
    assert changes > 0
    client.post(response["Location"], {"confirm_leavers": left})
    assert PersonChange.objects.count() == changes


def test_ending_more_than_a_fifth_of_the_people_needs_the_number_confirmed(
    world: World,
) -> None:
    client, response = upload(world, "hr", GOOD)
    record = RosterImport.objects.latest("created_at")
    active = Person.objects.filter(organisation=world.host, is_active=True).count()
    left = record.summary["counts"]["left"]
    assert left > 0.2 * active
    for data in ({}, {"confirm_leavers": str(left + 1)}):
        refused = client.post(response["Location"], data)
        assert refused.status_code == 400
        assert f"Bekräfta att {left} personer" in refused.content.decode()
    assert Person.objects.filter(organisation=world.host, is_active=True).count() == active
    record.refresh_from_db()
    assert record.status == RosterImport.Status.PREVIEWED


def test_a_file_that_ends_few_people_is_imported_without_the_extra_question(
    world: World,
) -> None:
    people = Person.objects.filter(organisation=world.host, is_active=True).select_related("unit")
    lines = ["anstallningsnummer;fornamn;efternamn;enhetskod"] + [
        f"{p.employee_number};{p.first_name};{p.last_name};{p.unit.code if p.unit else 'X'}"
        for p in list(people)[1:]
    ]
    client, response = upload(world, "hr", "\n".join(lines) + "\n")
    preview = client.get(response["Location"])
    assert "confirm_leavers" not in preview.content.decode()
    assert client.post(response["Location"]).status_code == 302
    assert Person.objects.filter(organisation=world.host, is_active=True).count() == len(lines) - 1


def test_the_preview_shows_how_the_file_was_read_and_each_column(world: World) -> None:
    content = "Personallista november\n" + GOOD.replace(
        "narmaste_chef\n", "narmaste_chef;Lön;Personnummer\n"
    )
    client, response = upload(world, "hr", content)
    page = client.get(response["Location"]).content.decode()
    assert "Läst som text i UTF-8, avgränsad med semikolon." in page
    assert "Rubrikerna står på rad 2." in page
    assert "<td>Lön</td><td>används inte</td>" in page
    assert "<td>Personnummer</td><td>personnummer: används inte och läses aldrig</td>" in page


def test_hr_changes_the_columns_in_the_preview_and_the_next_import_uses_them(
    world: World,
) -> None:
    own = GOOD.replace("enhetskod;enhet;", "kst;enhet;", 1)
    client, response = upload(world, "hr", own)
    assert response.status_code == 400  # kst is no heading we know
    # A file the synonyms can read, with an extra column HR wants used as the title.
    with_title = GOOD.replace(";titel;", ";rolltext;", 1)
    client, response = upload(world, "hr", with_title)
    record = RosterImport.objects.latest("created_at")
    columns = record.summary["reading"]["columns"]
    index = [heading for heading, _column in columns].index("rolltext")
    data = {f"column_{i}": column for i, (_heading, column) in enumerate(columns)}
    data[f"column_{index}"] = "title"
    remapped = client.post(response["Location"], {**data, "remap": "1"})
    assert remapped.status_code == 302
    mapping = ImportMapping.objects.get(organisation=world.host, kind="roster")
    assert mapping.columns["rolltext"] == "title"
    # Next month's file with the same headings reads "rolltext" as the title at once.
    client, response = upload(world, "hr", with_title.replace("Enhetschef", "Områdeschef"))
    record = RosterImport.objects.latest("created_at")
    assert ["rolltext", "title"] in record.summary["reading"]["columns"]
    left = str(record.summary["counts"]["left"])
    assert client.post(response["Location"], {"confirm_leavers": left}).status_code == 302
    assert Person.objects.get(organisation=world.host, employee_number="H101").title == (
        "Områdeschef"
    )


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


def test_a_file_over_the_limit_is_refused_by_its_size_before_it_is_read(
    world: World, settings: object
) -> None:
    setattr(settings, "ROSTER_MAX_BYTES", 1000)  # noqa: B010 - pytest-django's settings fixture
    before = RosterImport.objects.count()
    _client, response = upload(world, "hr", GOOD + "H901;A;B;a@b.se;SOC;X;enhet;T;nej;\n" * 40)
    assert response.status_code == 200
    html = response.content.decode()
    assert "får vara högst 1000" in html and "byte" in html
    assert RosterImport.objects.count() == before
    recruitment = world.client_for("hr").post(
        f"/insikter/{world.host.pk}/rekrytering/import/",
        {"file": SimpleUploadedFile("rekrytering.csv", b"x" * 2000, content_type="text/csv")},
    )
    assert "får vara högst 1000" in recruitment.content.decode()


def test_a_newer_preview_replaces_the_organisations_unconfirmed_file(world: World) -> None:
    upload(world, "hr", GOOD)
    first = RosterImport.objects.latest("created_at")
    _client, response = upload(world, "hr", GOOD)
    assert response.status_code == 302
    assert not RosterImport.objects.filter(pk=first.pk).exists()
    assert RosterImport.objects.filter(status=RosterImport.Status.PREVIEWED).count() == 1
