"""The plan as PDF: real WeasyPrint output read back with pdftoppm and pdftotext."""

from __future__ import annotations

import subprocess
from pathlib import Path

from plantskola.development.plans import services
from plantskola.development.plans.pdf import plan_pdf
from plantskola.development.plans.selectors import profile_rows
from tests.conftest import World
from tests.development.plans_helpers import (
    attend,
    login,
    make_plan,
    plan_with_profile,
    profile_of,
)


def _text(pdf: bytes, tmp_path: Path) -> str:
    source = tmp_path / "plan.pdf"
    source.write_bytes(pdf)
    result = subprocess.run(
        ["/usr/bin/pdftotext", "-layout", str(source), "-"],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def _pages(pdf: bytes, tmp_path: Path) -> list[Path]:
    source = tmp_path / "sidor.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["/usr/bin/pdftoppm", "-png", "-r", "40", str(source), str(tmp_path / "page")],
        check=True,
    )
    return sorted(tmp_path.glob("page-*.png"))


def test_the_pdf_has_the_goals_actions_progress_and_comments_in_swedish(
    world: World, tmp_path: Path
) -> None:
    plan = make_plan(world, with_manager=True)
    services.plan_update(plan=plan, direction="Jag vill bli enhetschef.")
    services.plan_comment(plan=plan, author=login(world, "manager"), text="Vi följer upp i maj.")

    pdf = plan_pdf(plan, include_private_reflections=True)

    assert pdf.startswith(b"%PDF")
    pages = _pages(pdf, tmp_path)
    assert len(pages) == 1
    text = _text(pdf, tmp_path)
    for expected in [
        "Personlig handlingsplan",
        "Pia Deltagare",
        "Sveriges viktigaste chefsjobb",
        "Jag vill bli enhetschef.",
        "Leda arbetsplatsträffar",
        "Kompetens: Helhetssyn",
        "Stöd jag behöver: Återkoppling från min chef",
        "Leda två träffar",
        "2027-03-01",
        "1 av 2 aktiviteter klara (50 %)",
        "Maria Chef (Närmaste chef)",
        "Vi följer upp i maj.",
        "Sida 1 av 1",
    ]:
        assert expected in text, expected


def test_private_reflections_are_in_the_participants_pdf_only(world: World, tmp_path: Path) -> None:
    plan = make_plan(world, with_manager=True)
    attend(world.participant, world.session)
    services.reflection_save(
        participant=world.participant, session=world.session, text="Min hemliga tanke", shared=False
    )
    assert "Min hemliga tanke" in _text(plan_pdf(plan, include_private_reflections=True), tmp_path)
    assert "Min hemliga tanke" not in _text(
        plan_pdf(plan, include_private_reflections=False), tmp_path
    )


def test_the_manager_downloads_the_shared_plan_as_pdf(world: World) -> None:
    plan = make_plan(world, with_manager=True)
    response = world.client_for("manager").get(f"/planer/{plan.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "personlig-handlingsplan-pia-deltagare.pdf" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")


def test_the_pdf_has_the_self_assessment_and_its_change(world: World, tmp_path: Path) -> None:
    plan = plan_with_profile(world)
    profile = profile_of(world)
    competencies = [r.competency.pk for r in profile_rows(plan, profile)]
    for phase, values in [("start", [2, 3]), ("end", [4, 2])]:
        services.self_assessment_save(
            plan=plan,
            profile=profile,
            phase=phase,
            ratings=dict(zip(competencies, values, strict=True)),
        )
    text = _text(plan_pdf(plan, include_private_reflections=False), tmp_path)
    assert "Kravprofil och självskattning" in text and "kravprofilen ”Chef”" in text
    lines = {line.split()[0]: line.split() for line in text.splitlines() if line.strip()}
    assert lines["Helhetssyn"][-3:] == ["2", "4", "+2"]
    assert lines["Kommunikation"][-3:] == ["3", "2", "−1"]
