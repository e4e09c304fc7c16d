"""The diploma PDF: one A4 page per diploma, the name, programme and code in the text."""

from __future__ import annotations

import subprocess
from decimal import Decimal
from pathlib import Path

from plantskola.diplomas.pdf import diplomas_pdf
from plantskola.diplomas.services import diplomas_issue_for_edition
from plantskola.programmes.models import Module
from tests.conftest import World
from tests.diplomas.helpers import complete, host_settings, png_bytes

SITE = "https://plantskola.example"


def _pages(pdf: bytes, tmp_path: Path) -> list[Path]:
    source = tmp_path / "diplom.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["/usr/bin/pdftoppm", "-png", "-r", "50", str(source), str(tmp_path / "page")],
        check=True,
    )
    return sorted(tmp_path.glob("page-*.png"))


def _text(pdf: bytes, tmp_path: Path) -> str:
    source = tmp_path / "text.pdf"
    source.write_bytes(pdf)
    result = subprocess.run(
        ["/usr/bin/pdftotext", "-layout", str(source), "-"],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def test_one_diploma_is_one_a4_page_with_name_programme_modules_signatories_and_code(
    world: World, tmp_path: Path
) -> None:
    settings = host_settings(world)
    settings.logo, settings.logo_content_type = png_bytes(), "image/png"
    settings.save()
    complete(world.participant)
    [diploma] = diplomas_issue_for_edition(edition=world.edition, issued_by=None)

    pdf = diplomas_pdf([diploma], site_url=SITE, settings=settings)

    assert pdf.startswith(b"%PDF")
    pages = _pages(pdf, tmp_path)
    assert len(pages) == 1
    from PIL import Image

    with Image.open(pages[0]) as image:
        width, height = image.size
    assert abs(height / width - 297 / 210) < 0.01  # A4 portrait
    text = _text(pdf, tmp_path)
    for expected in [
        "Pia Deltagare",
        "Sveriges viktigaste chefsjobb",
        "Omgång 2026",
        "Del av en helhet",
        "Karin Ek",
        "Kommundirektör",
        "HR-direktör",
        diploma.display_code,
        f"{SITE}/diplom/verifiera/{diploma.code}/",
    ]:
        assert expected in text


def test_the_ceremony_pdf_has_one_page_per_participant(world: World, tmp_path: Path) -> None:
    host_settings(world)
    complete(world.participant, world.partner_participant)
    diplomas = diplomas_issue_for_edition(edition=world.edition, issued_by=None)
    assert len(diplomas) == 2

    pdf = diplomas_pdf(diplomas, site_url=SITE, settings=None)

    assert len(_pages(pdf, tmp_path)) == 2
    text = _text(pdf, tmp_path)
    assert "Pia Deltagare" in text and "Per Partner" in text
    for d in diplomas:
        assert d.display_code in text


def test_a_diploma_with_much_content_still_fits_on_one_page(world: World, tmp_path: Path) -> None:
    settings = host_settings(world)
    settings.extra_text = "Tack för ert engagemang under programmet! " * 14
    settings.signatory3_name, settings.signatory3_title = "Eva Berg", "Förvaltningschef"
    settings.save()
    for i in range(2, 25):
        Module.objects.create(
            edition=world.edition,
            order=i,
            name=f"Modul {i}: kommunikation, feedback och mötesledning i arbetsgruppen",
            length_days=Decimal("1.5"),
        )
    person = world.participant.person
    person.first_name, person.last_name = "Anna-Karin Maria Elisabeth", "Johansson-Strömberg"
    person.save()
    complete(world.participant, world.partner_participant)
    diplomas = diplomas_issue_for_edition(edition=world.edition, issued_by=None)

    pdf = diplomas_pdf(diplomas, site_url=SITE, settings=settings)

    assert len(_pages(pdf, tmp_path)) == 2
    text = _text(pdf, tmp_path)
    assert "1,5 dagar" in text and "Eva Berg" in text
    assert diplomas[0].display_code in text and diplomas[1].display_code in text
