"""Reports that cannot be diffed: an open anonymous survey shows only how many have answered,
so a reload after one more answer shows nothing new (page, PDF and Excel alike); and a survey
that closes later cannot be combined with what was published before it closed."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from plantskola.evaluations import disclosure, selectors, services
from plantskola.programmes.models import Group, Module
from tests.conftest import World
from tests.evaluations.helpers import add_participants, after, answer, close, template


def _page_results(client: Client, pk: int) -> str:
    html = client.get(reverse("evaluations:survey_detail", args=[pk])).content.decode()
    results = html[html.index('id="response-rate"') :]
    # Everything after the count of answers (which is meant to change), but the CSRF token.
    return re.sub(r'value="[^"]{40,}"', "", results[results.index("</dd>") :])


def _xlsx_cells(client: Client, pk: int) -> list[list[object]]:
    content = client.get(reverse("evaluations:survey_export_xlsx", args=[pk])).content
    wb = load_workbook(io.BytesIO(content))
    rows = []
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            if row and row[0] in {"Svarat", "Svarsfrekvens (%)"}:
                continue  # the count of answers
            rows.append(list(row))
    return rows


def _pdf_text(client: Client, pk: int, tmp_path: Path) -> str:
    source = tmp_path / f"report-{pk}.pdf"
    source.write_bytes(client.get(reverse("evaluations:survey_export_pdf", args=[pk])).content)
    text = subprocess.run(
        ["/usr/bin/pdftotext", str(source), "-"], capture_output=True, check=True, text=True
    ).stdout
    return re.sub(r"\d+ av \d+ har svarat( \(\d+ %\))?", "", text)


def test_an_open_surveys_report_does_not_change_when_one_more_person_answers(
    world: World, tmp_path: Path
) -> None:
    survey = services.survey_create(
        template=template(world),
        title="Modul 1",
        target=world.module,
        opens_on=timezone.localdate() - dt.timedelta(days=1),
        closes_on=timezone.localdate() + dt.timedelta(days=7),
    )
    people = add_participants(world, world.group, 9)
    for i, person in enumerate(people[:8]):
        answer(survey, person, 3 + i % 3, text=f"Synpunkt {i}")
    client = world.client_for("coordinator")
    before = (
        _page_results(client, survey.pk),
        _xlsx_cells(client, survey.pk),
        _pdf_text(client, survey.pk, tmp_path),
    )
    answer(survey, people[8], 1, text="Den nionde", choice="För snabbt")
    page = client.get(reverse("evaluations:survey_detail", args=[survey.pk])).content.decode()
    assert "9 av" in page  # the count is shown and moves on
    assert "när enkäten har stängt" in page
    now = (
        _page_results(client, survey.pk),
        _xlsx_cells(client, survey.pk),
        _pdf_text(client, survey.pk, tmp_path),
    )
    assert now == before
    assert "Synpunkt" not in str(now) and "5,00" not in now[0]
    # Steering group and course leader see the same: nothing but the count while it is open.
    for role in ("leader",):
        html = world.client_for(role).get(reverse("evaluations:survey_detail", args=[survey.pk]))
        assert html.status_code == 200 and "Den nionde" not in html.content.decode()
    # Once closed, the results are there, with the ninth answer.
    close(survey)
    page = client.get(reverse("evaluations:survey_detail", args=[survey.pk])).content.decode()
    assert "Den nionde" in page and "när enkäten har stängt" not in page


def test_the_edition_page_leaves_out_open_surveys(world: World) -> None:
    t = template(world)
    today = timezone.localdate()
    closed = services.survey_create(
        template=t,
        title="Modul 1",
        target=world.module,
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=7),
    )
    module2 = Module.objects.create(edition=world.edition, order=2, name="Modul 2")
    still_open = services.survey_create(
        template=t,
        title="Modul 2",
        target=module2,
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=7),
    )
    for person in add_participants(world, world.group, 6):
        answer(closed, person, 5)
        answer(still_open, person, 2)
    close(closed)
    html = (
        world.client_for("coordinator")
        .get(reverse("evaluations:edition_evaluations", args=[world.edition.pk]))
        .content.decode()
    )
    assert "5,00" in html  # module 1's mean alone
    assert "3,50" not in html and "2,00" not in html  # nothing of module 2 yet
    assert "resultat visas när den har stängt" in html
    grids = selectors.edition_grids(world.edition, t, today)
    assert [s.pk for s in grids[0].surveys] == [closed.pk]


def _cells(
    rows: list[Hashable], cols: list[Hashable], counts: dict[tuple[Hashable, Hashable], int]
) -> dict[disclosure.Key, int]:
    return {disclosure.cell(r, c): n for (r, c), n in counts.items()}


def _sums_reveal_small_cell(
    sums: list[frozenset[tuple[Hashable, Hashable]]],
    cells: Sequence[tuple[Hashable, Hashable]],
    small: tuple[Hashable, Hashable],
) -> bool:
    """Whether the small cell is a linear combination of the published sums (exact, by rank)."""
    import numpy as np

    matrix = np.array([[1.0 if c in s else 0.0 for c in cells] for s in sums])
    target = np.array([[1.0 if c == small else 0.0 for c in cells]])
    return bool(np.linalg.matrix_rank(np.vstack([matrix, target])) == np.linalg.matrix_rank(matrix))


def test_a_later_publication_cannot_be_combined_with_an_earlier_one() -> None:
    cols: list[Hashable] = ["G1", "G2", "G3"]
    first: dict[tuple[Hashable, Hashable], int] = {
        ("m1", "G1"): 6,
        ("m1", "G2"): 6,
        ("m1", "G3"): 6,
    }
    later = {**first, ("m2", "G1"): 6, ("m2", "G2"): 6, ("m2", "G3"): 2}
    cells = [(r, c) for r in ("m1", "m2") for c in cols]
    then = disclosure.suppress(["m1"], cols, _cells(["m1"], cols, first), threshold=5)
    published_then = disclosure.published_sums(["m1"], cols, then)
    assert frozenset({("m1", "G3")}) in published_then  # module 1 alone shows everything

    # Audited alone, the later table hides module 1's Grupp 3 cell and shows Grupp 3's total:
    # together with the earlier publication, module 2's two answers are revealed.
    alone = disclosure.suppress(["m1", "m2"], cols, _cells(["m1", "m2"], cols, later), threshold=5)
    leaked = published_then + disclosure.published_sums(["m1", "m2"], cols, alone)
    assert _sums_reveal_small_cell(leaked, cells, ("m2", "G3"))

    # With what was published before counted as known, the two together reveal nothing small.
    now = disclosure.suppress(
        ["m1", "m2"], cols, _cells(["m1", "m2"], cols, later), threshold=5, known=published_then
    )
    together = published_then + disclosure.published_sums(["m1", "m2"], cols, now)
    assert not _sums_reveal_small_cell(together, cells, ("m2", "G3"))


def test_reports_over_time_audit_earlier_publications(world: World) -> None:
    """Module 1 closes (and is published) before module 2: what its report showed then and
    what the edition shows after module 2 has closed reveal no small group together."""
    t = template(world)
    today = timezone.localdate()
    g1 = world.group
    g2 = Group.objects.create(edition=world.edition, name="Grupp 2", order=2)
    g3 = Group.objects.create(edition=world.edition, name="Grupp 3", order=3)
    # Modules without sessions: their surveys may open on any day.
    module1 = Module.objects.create(edition=world.edition, order=2, name="Modul 1")
    module2 = Module.objects.create(edition=world.edition, order=3, name="Modul 2")
    m1 = services.survey_create(
        template=t,
        title="Modul 1",
        target=module1,
        opens_on=today - dt.timedelta(days=40),
        closes_on=today - dt.timedelta(days=30),
    )
    m2 = services.survey_create(
        template=t,
        title="Modul 2",
        target=module2,
        opens_on=today - dt.timedelta(days=40),
        closes_on=today - dt.timedelta(days=1),
    )
    people = {g: add_participants(world, g, 6) for g in (g1, g2, g3)}
    for g, members in people.items():
        for i, person in enumerate(members):
            answer(m1, person, 4)
            if g is not g3 or i < 2:
                answer(m2, person, 3)
    rating = next(q for q in t.questions.all() if q.kind == "rating")
    keys: list[Hashable] = [g1.pk, g2.pk, g3.pk]
    cells = [(s, g) for s in (m1.pk, m2.pk) for g in keys]

    def sums(grid: selectors.QuestionGrid) -> list[frozenset[tuple[Hashable, Hashable]]]:
        rows = [s.pk for s in grid.surveys]
        shown: list[frozenset[tuple[Hashable, Hashable]]] = []
        for r in rows:
            if not grid.survey_totals[r].hidden:
                shown.append(frozenset((r, c) for c in keys))
            for c in keys:
                if not grid.cells[(r, c)].hidden:
                    shown.append(frozenset({(r, c)}))
        for c in keys:
            if not grid.group_totals[c].hidden:
                shown.append(frozenset((r, c) for r in rows))
        if not grid.total.hidden:
            shown.append(frozenset(cells if len(rows) == 2 else [(m1.pk, c) for c in keys]))
        return shown

    earlier = next(g for g in selectors.question_grids(m1, after(m1)) if g.question == rating)
    assert [s.pk for s in earlier.surveys] == [m1.pk]
    current = next(g for g in selectors.question_grids(m1, today) if g.question == rating)
    assert [s.pk for s in current.surveys] == [m1.pk, m2.pk]
    assert not _sums_reveal_small_cell(sums(earlier) + sums(current), cells, (m2.pk, g3.pk))


def test_the_audit_runs_once_per_table_and_again_when_the_answers_change(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.core.cache import cache

    cache.clear()
    runs: list[int] = []
    real = disclosure.suppress

    def counting(*args: Any, **kwargs: Any) -> disclosure.Suppression:
        runs.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(disclosure, "suppress", counting)
    survey = services.survey_create(
        template=template(world),
        title="Modul 1",
        target=world.module,
        opens_on=timezone.localdate() - dt.timedelta(days=1),
        closes_on=timezone.localdate() + dt.timedelta(days=7),
    )
    for person in add_participants(world, world.group, 6):
        answer(survey, person, 4)
    first = selectors.question_grids(survey, after(survey))
    # Four questions, two kinds of answer counts (the two required ones answered by all six,
    # the two optional ones by nobody): one audit each.
    assert len(first) == 4 and len(runs) == 2
    again = selectors.question_grids(survey, after(survey))
    assert len(runs) == 2  # stored
    assert [g.total.n for g in again] == [g.total.n for g in first]
    answer(survey, add_participants(world, world.group, 1, prefix="X")[0], 2)
    selectors.question_grids(survey, after(survey))
    assert len(runs) == 3  # one more answer to the required two: a new table, a new audit
