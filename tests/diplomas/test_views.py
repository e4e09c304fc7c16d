"""The diploma pages: list and issue, PDFs, revoke, settings with logo upload, verification."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings

from plantskola.core.models import GeneratedDocument, Person
from plantskola.diplomas.models import Diploma, DiplomaSettings
from plantskola.diplomas.services import diploma_revoke, diplomas_issue_for_edition
from plantskola.programmes.models import Participant
from tests.conftest import World
from tests.diplomas.helpers import complete, host_settings, issued_diploma, pdf_text, png_bytes
from tests.html import main_region


def _settings_post(**extra: object) -> dict[str, object]:
    return {
        "signatory1_name": "Karin Ek",
        "signatory1_title": "Kommundirektör",
        "signatory2_name": "Jonas Holm",
        "signatory2_title": "HR-direktör",
        "extra_text": "",
        **extra,
    }


def test_coordinator_issues_for_everyone_who_completed_and_sees_the_codes(world: World) -> None:
    host_settings(world)
    complete(world.participant)
    client = world.client_for("coordinator")
    url = reverse("diplomas:diploma_list", args=[world.edition.pk])
    page = client.get(url).content.decode()
    assert reverse("diplomas:diploma_issue_all", args=[world.edition.pk]) in page

    response = client.post(
        reverse("diplomas:diploma_issue_all", args=[world.edition.pk]), follow=True
    )

    diploma = Diploma.objects.get()
    assert diploma.participant == world.participant
    assert diploma.display_code in response.content.decode()
    client.post(reverse("diplomas:diploma_issue_all", args=[world.edition.pk]))
    assert Diploma.objects.count() == 1


def test_issuing_without_signatories_shows_a_message_and_issues_nothing(world: World) -> None:
    complete(world.participant)
    response = world.client_for("coordinator").post(
        reverse("diplomas:diploma_issue_all", args=[world.edition.pk]), follow=True
    )
    assert "Värdkommun" in response.content.decode()
    assert not Diploma.objects.exists()


def test_combined_pdf_is_made_in_the_background_and_downloaded_by_who_asked(
    world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    issued_diploma(world)
    client = world.client_for("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("diplomas:diploma_combined_pdf", args=[world.edition.pk]))
    document = GeneratedDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("core:document_detail", args=[document.pk])
    assert document.status == GeneratedDocument.Status.READY
    page = client.get(response["Location"]).content.decode()
    assert reverse("core:document_download", args=[document.pk]) in page
    download = client.get(reverse("core:document_download", args=[document.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download.content.startswith(b"%PDF")
    assert "Pia Deltagare" in pdf_text(download.content)
    # Nobody else gets it, not even HR of the same organisation.
    for role in ["hr", "participant", "partner", "anonymous"]:
        other = world.client_for(role).get(reverse("core:document_download", args=[document.pk]))
        assert other.status_code in (302, 404), role


def test_the_participant_downloads_their_own_diploma_and_lists_it(world: World) -> None:
    diploma = issued_diploma(world)
    client = world.client_for("participant")
    assert diploma.display_code in client.get(reverse("diplomas:my_diplomas")).content.decode()
    response = client.get(reverse("diplomas:diploma_pdf", args=[diploma.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_a_revoked_diploma_cannot_be_downloaded(world: World) -> None:
    diploma = issued_diploma(world)
    diploma_revoke(diploma=diploma, reason="Fel", revoked_by=None)
    for role in ("participant", "coordinator"):
        response = world.client_for(role).get(reverse("diplomas:diploma_pdf", args=[diploma.pk]))
        assert response.status_code == 404


def test_revoking_needs_a_reason_and_can_reissue_at_once(world: World) -> None:
    diploma = issued_diploma(world)
    client = world.client_for("coordinator")
    url = reverse("diplomas:diploma_revoke", args=[diploma.pk])

    response = client.post(url, {"reason": "   "})
    assert response.status_code == 400
    diploma.refresh_from_db()
    assert diploma.is_valid

    client.post(url, {"reason": "Namnet var felstavat", "reissue": "on"})

    diploma.refresh_from_db()
    assert not diploma.is_valid and diploma.revoke_reason == "Namnet var felstavat"
    assert diploma.revoked_by == world.users["coordinator"]
    new = Diploma.objects.valid().get()
    assert new.replaces == diploma and new.code != diploma.code
    page = client.get(reverse("diplomas:diploma_list", args=[world.edition.pk])).content.decode()
    assert "Namnet var felstavat" in page


def test_public_verification_shows_only_name_programme_and_date(world: World) -> None:
    diploma = issued_diploma(world)
    client = world.client_for("anonymous")

    response = client.get(
        reverse("diplomas:diploma_verify_form"), {"code": diploma.display_code.lower()}
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()

    assert "Pia Deltagare" in page and "Sveriges viktigaste chefsjobb" in page
    assert "Omgång 2026" in page
    for secret in ("pia.deltagare@", "Hemtjänst", "Karin Ek", "Kommundirektör", "H102"):
        assert secret not in page
    assert "noindex" in page


def test_public_verification_of_a_revoked_diploma_says_so_and_nothing_more(world: World) -> None:
    diploma = issued_diploma(world)
    diploma_revoke(diploma=diploma, reason="Hemlig anledning", revoked_by=None)
    page = world.client_for("anonymous").get(
        reverse("diplomas:diploma_verify", args=[diploma.code])
    )
    text = main_region(page.content.decode())
    assert page.status_code == 200
    assert "Pia" not in text and "Sveriges viktigaste" not in text
    assert "Hemlig anledning" not in text


def test_public_verification_of_an_unknown_code_is_a_404_page(world: World) -> None:
    client = world.client_for("anonymous")
    assert client.get(reverse("diplomas:diploma_verify", args=["ABCDEFGHJKMN"])).status_code == 404
    bad = client.get(reverse("diplomas:diploma_verify_form"), {"code": "hej"})
    assert bad.status_code == 400


def test_hr_saves_signatories_and_a_png_logo(world: World) -> None:
    client = world.client_for("hr")
    url = reverse("diplomas:diploma_settings", args=[world.host.slug])
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    response = client.post(url, _settings_post(logo=logo))
    assert response.status_code == 302
    settings = DiplomaSettings.objects.get(organisation=world.host)
    assert settings.logo_content_type == "image/png"
    assert bytes(settings.logo or b"") == png_bytes()
    assert settings.signatories == [("Karin Ek", "Kommundirektör"), ("Jonas Holm", "HR-direktör")]
    assert "data:image/png;base64," in client.get(url).content.decode()


def test_a_logo_that_is_not_an_image_is_refused_and_nothing_is_saved(world: World) -> None:
    fake = SimpleUploadedFile("logo.png", b"<svg>not a png</svg>", content_type="image/png")
    response = world.client_for("hr").post(
        reverse("diplomas:diploma_settings", args=[world.host.slug]), _settings_post(logo=fake)
    )
    assert response.status_code == 400
    assert "PNG" in response.content.decode()
    assert not DiplomaSettings.objects.exists()


def test_a_logo_over_one_megabyte_is_refused_and_nothing_is_saved(world: World) -> None:
    host_settings(world)
    big = png_bytes() + b"\0" * (1024 * 1024)
    upload = SimpleUploadedFile("logo.png", big, content_type="image/png")
    response = world.client_for("hr").post(
        reverse("diplomas:diploma_settings", args=[world.host.slug]),
        _settings_post(signatory1_name="Ny Namn", logo=upload),
    )
    assert response.status_code == 400
    assert "1 MB" in response.content.decode()
    settings = DiplomaSettings.objects.get()
    assert settings.signatory1_name == "Karin Ek" and settings.logo is None


def test_a_signatory_without_a_title_is_refused(world: World) -> None:
    response = world.client_for("coordinator").post(
        reverse("diplomas:diploma_settings", args=[world.host.slug]),
        _settings_post(signatory2_title=""),
    )
    assert response.status_code == 400
    assert not DiplomaSettings.objects.exists()


def test_the_diploma_list_needs_the_same_queries_for_3_and_30_participants(
    world: World,
) -> None:
    host_settings(world)
    client = world.client_for("coordinator")
    url = reverse("diplomas:diploma_list", args=[world.edition.pk])

    def add_completed(n: int) -> int:
        start = Person.objects.count()
        people = Person.objects.bulk_create(
            Person(
                organisation=world.host,
                employee_number=f"D{start + i}",
                first_name="A",
                last_name=f"B{start + i}",
            )
            for i in range(n)
        )
        Participant.objects.bulk_create(
            Participant(edition=world.edition, person=p, status="completed") for p in people
        )
        diplomas_issue_for_edition(edition=world.edition, issued_by=None)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert add_completed(1) == add_completed(27)


def test_public_verification_is_rate_limited_per_address(world: World, settings: Settings) -> None:
    settings.DIPLOMA_VERIFY_RATE = (3, 600)
    code = issued_diploma(world).code
    client = world.client_for("anonymous")
    for _ in range(3):
        assert client.get(reverse("diplomas:diploma_verify", args=[code])).status_code == 200
    refused = client.get(reverse("diplomas:diploma_verify", args=[code]))
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 600
    assert re.search(r"Försök igen om \d+ minut", refused.content.decode())
    # Unknown codes count too, so guessing is as slow as looking up.
    assert client.get(reverse("diplomas:diploma_verify", args=["ABCDEFGHJKMN"])).status_code == 429
    # Another address is not affected.
    other = client.get(reverse("diplomas:diploma_verify", args=[code]), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200
