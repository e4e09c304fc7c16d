"""Reports against hand-computed values, suppression under every filter and between reports,
and the exports."""

from __future__ import annotations

import io

import numpy as np
import numpy.typing as npt
import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from plantskola.evaluations import reports, selectors, services
from plantskola.evaluations.models import Question, Survey
from plantskola.evaluations.statistics import Stats, summarise
from plantskola.programmes.models import Group, Module
from tests.conftest import World
from tests.evaluations.helpers import (
    add_participants,
    after,
    answer,
    close,
    session_survey,
    template,
)


def test_summary_statistics_match_hand_computed_values() -> None:
    q = Question(kind="rating", text="Betyg", scale_min=1, scale_max=6)
    stats = summarise(q, [{"rating": r, "choices": [], "text": ""} for r in [6, 5, 5, 4, 3, 2]])
    assert stats.n == 6
    assert stats.mean == pytest.approx(25 / 6)  # (6+5+5+4+3+2)/6
    assert stats.median == 4.5  # (5+4)/2
    assert [(v, n) for v, n, _p in stats.distribution] == [
        ("1", 0),
        ("2", 1),
        ("3", 1),
        ("4", 1),
        ("5", 2),
        ("6", 1),
    ]
    assert stats.distribution[4][2] == pytest.approx(100 * 2 / 6)
    multi = Question(kind="multiple", text="Val", options="A\nB\nC")
    s = summarise(multi, [{"choices": ["A", "B"]}, {"choices": ["A"]}, {"choices": []}])
    assert s.n == 2 and [(o, n) for o, n, _p in s.distribution] == [("A", 2), ("B", 1), ("C", 0)]
    assert s.distribution[0][2] == 100.0  # share of those who answered
    text = Question(kind="text", text="Fritt")
    t = summarise(text, [{"text": "öl"}, {"text": " Bra "}, {"text": ""}, {"text": "Allt"}])
    assert t.texts == ["Allt", "Bra", "öl"] and t.n == 3  # sorted, never in answer order


def _groups(world: World) -> list[Group]:
    groups = [world.group]
    for n in range(2, 4):
        groups.append(Group.objects.create(edition=world.edition, name=f"Grupp {n}", order=n))
    return groups


def _module_surveys(world: World, modules: int = 2) -> list[Survey]:
    t = template(world)
    today = timezone.localdate()
    result = []
    for order in range(1, modules + 1):
        module = (
            world.module
            if order == 1
            else Module.objects.create(edition=world.edition, order=order, name=f"Modul {order}")
        )
        result.append(
            services.survey_create(
                template=t, title=f"Modul {order}", target=module, opens_on=today, closes_on=today
            )
        )
    return result


def test_survey_report_matches_hand_computed_values(world: World) -> None:
    g1, g2, g3 = _groups(world)
    people = {
        g1: add_participants(world, g1, 6),
        g2: add_participants(world, g2, 5),
        g3: add_participants(world, g3, 2),
    }
    (survey,) = _module_surveys(world, 1)
    ratings = {g1: [6, 6, 5, 5, 4, 4], g2: [5, 4, 4, 3, 3], g3: [1, 2]}
    for g, rs in ratings.items():
        for person, r in zip(people[g], rs, strict=True):
            answer(survey, person, r, text=f"{g.name} {r}")
    rate = selectors.response_rate(survey)
    # Pia and Per (Grupp 1) are participants too and have not answered.
    assert (rate.answered, rate.invited) == (13, 15)
    rating_report = reports.survey_report(survey, today=after(survey))[0][0]
    all_ratings = [r for rs in ratings.values() for r in rs]
    assert rating_report.total.n == 13
    assert rating_report.total.mean == pytest.approx(sum(all_ratings) / 13)  # 52/13 = 4.0
    assert rating_report.total.median == 4.0
    by_label = {g.label: g.stats for g in rating_report.groups}
    assert by_label["Grupp 1"].mean == pytest.approx(30 / 6)
    # Grupp 3 (2 answers) is hidden, and so is Grupp 2 (the smallest other): otherwise
    # total − Grupp 1 − Grupp 2 = Grupp 3.
    assert by_label["Grupp 3"].hidden and by_label["Grupp 3"].mean is None
    assert by_label["Grupp 2"].hidden
    text_report = reports.survey_report(survey, today=after(survey))[0][3]
    shown_texts = [t for g in text_report.texts_by_group for t in g.stats.texts]
    assert not any(t.startswith("Grupp 3") for t in shown_texts)
    assert rating_report.chart and "<title" in rating_report.chart


# (kind, survey or None, group label or None)
Entry = tuple[str, int | None, str | None]


def _total(stats: Stats) -> float:
    """The sum of a shown cell's ratings (mean × n)."""
    assert stats.mean is not None
    return stats.mean * stats.n


def _visible_entries(world: World, surveys: list[Survey]) -> dict[Entry, float]:
    """Every number about the rating question any report or filter shows: (kind, row, col) →
    sum of ratings (mean × n)."""
    shown: dict[Entry, float] = {}
    for survey in surveys:
        _reports, choices = reports.survey_report(survey, today=after(survey))
        for key in [None] + [k for k, _l in choices]:
            rating = reports.survey_report(survey, today=after(survey), group_filter=key)[0][0]
            if key is None and not rating.total.hidden:
                shown[("row", survey.pk, None)] = _total(rating.total)
            for g in rating.groups:
                if not g.stats.hidden and g.stats.n:
                    shown[("cell", survey.pk, g.label)] = _total(g.stats)
    t = template(world)
    for comparison in reports.edition_comparison(world.edition, t, after(surveys[-1])):
        for label, cells, total in comparison.rows:
            survey = next(s for s in surveys if reports.survey_label(s) == label)
            for glabel, s in zip(comparison.group_labels, cells, strict=True):
                if not s.hidden and s.n:
                    shown[("cell", survey.pk, glabel)] = _total(s)
            if not total.hidden:
                shown[("row", survey.pk, None)] = _total(total)
        for glabel, s in zip(comparison.group_labels, comparison.group_totals, strict=True):
            if not s.hidden and s.n:
                shown[("col", None, glabel)] = _total(s)
        if not comparison.grid.total.hidden:
            shown[("all", None, None)] = _total(comparison.grid.total)
    return shown


def test_a_suppressed_group_stays_suppressed_under_every_filter_and_between_reports(
    world: World,
) -> None:
    g1, g2, g3 = _groups(world)
    m1, m2 = _module_surveys(world, 2)
    people = {
        g1: add_participants(world, g1, 7),
        g2: add_participants(world, g2, 7),
        g3: add_participants(world, g3, 7),
    }
    # Grupp 3 has only 2 answers to module 1 but 7 to module 2: Grupp 3's total across the
    # edition minus its module 2 cell would reveal its module 1 cell, unless suppressed too.
    for g in (g1, g2, g3):
        for i, person in enumerate(people[g]):
            answer(m2, person, 3 + i % 3)
            if g is not g3 or i < 2:
                answer(m1, person, 1 if g is g3 else 4 + i % 3)
    shown = _visible_entries(world, [m1, m2])
    assert ("cell", m1.pk, "Grupp 3") not in shown
    # The independent audit: the hidden small cell's sum is not a combination of what is shown.
    labels = ["Grupp 1", "Grupp 2", "Grupp 3"]
    cells = [(s, g) for s in (m1.pk, m2.pk) for g in labels]

    def vector(key: Entry) -> npt.NDArray[np.float64]:
        kind, s, g = key
        return np.array(
            [
                1.0
                if kind == "all"
                or (kind == "cell" and (s, g) == c)
                or (kind == "row" and s == c[0])
                or (kind == "col" and g == c[1])
                else 0.0
                for c in cells
            ]
        )

    known = np.array([vector(k) for k in shown])
    target = vector(("cell", m1.pk, "Grupp 3"))
    assert np.linalg.matrix_rank(np.vstack([known, target])) > np.linalg.matrix_rank(known)
    # And by plain subtraction between the two reports: Grupp 3's total is not shown while
    # its module 2 cell is, or vice versa.
    assert not (("col", None, "Grupp 3") in shown and ("cell", m2.pk, "Grupp 3") in shown)


def test_threshold_is_configurable_but_never_below_three(world: World) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.settings_update(organisation=world.host, threshold=2)
    services.settings_update(organisation=world.host, threshold=3)
    assert selectors.threshold_for(world.host) == 3
    page = world.client_for("hr").post(
        reverse("evaluations:survey_template_list", args=[world.host.slug]),
        {"action": "threshold", "threshold": "1"},
    )
    assert page.status_code == 400
    assert selectors.threshold_for(world.host) == 3


def test_exports_carry_the_same_suppressed_numbers(world: World) -> None:
    survey = session_survey(world)
    people = [
        world.participant.person,
        world.partner_participant.person,
        *add_participants(world, world.group, 4),
    ]
    for i, person in enumerate(people):
        answer(survey, person, 6 - i % 2, text=f"Kommentar {i}")
    close(survey)
    client = world.client_for("coordinator")
    xlsx = client.get(reverse("evaluations:survey_export_xlsx", args=[survey.pk]))
    assert xlsx.status_code == 200
    wb = load_workbook(io.BytesIO(xlsx.content))
    summary = wb.worksheets[0]
    values = [[c.value for c in row] for row in summary.iter_rows()]
    assert values[1][1] == 6 and values[2][1] == 6 and values[3][1] == 100  # invited, answered, %
    rating_rows = [r for r in values if r[0] == "Helhetsbetyg för modulen"]
    assert rating_rows[0][2] == 6 and rating_rows[0][3] == pytest.approx(5.5)
    texts = [r[1] for r in wb.worksheets[2].iter_rows(values_only=True)][1:]
    assert texts == sorted(texts) and len(texts) == 6
    pdf = client.get(reverse("evaluations:survey_export_pdf", args=[survey.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF") and len(pdf.content) > 5000
    page = client.get(reverse("evaluations:survey_detail", args=[survey.pk]))
    html = page.content.decode()
    assert "<svg" in html and "<table" in html and "5,50" in html
    assert "Kommentar 3" in html
    # The participant sees the form only, never results.
    assert (
        world.client_for("participant")
        .get(reverse("evaluations:survey_detail", args=[survey.pk]))
        .status_code
        == 403
    )


def test_free_text_is_hidden_below_the_threshold(world: World) -> None:
    survey = session_survey(world)
    for i, person in enumerate(
        [world.participant.person, *add_participants(world, world.group, 3)]
    ):
        answer(survey, person, 5, text=f"Hemlig {i}")
    close(survey)
    html = (
        world.client_for("coordinator")
        .get(reverse("evaluations:survey_detail", args=[survey.pk]))
        .content.decode()
    )
    assert "Hemlig" not in html
    wb = load_workbook(
        io.BytesIO(
            world.client_for("coordinator")
            .get(reverse("evaluations:survey_export_xlsx", args=[survey.pk]))
            .content
        )
    )
    assert "Hemlig" not in str([c.value for row in wb.worksheets[2].iter_rows() for c in row])


def test_edition_comparison_and_trend_page(world: World) -> None:
    g1, g2, g3 = _groups(world)
    m1, m2 = _module_surveys(world, 2)
    for g in (g1, g2, g3):
        for person in add_participants(world, g, 5):
            answer(m1, person, 5)
            answer(m2, person, 4)
    close(m1, m2)
    page = world.client_for("coordinator").get(
        reverse("evaluations:edition_evaluations", args=[world.edition.pk])
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("<svg") >= 1 and "4,50" in html  # the grand mean (5 + 4) / 2
    grids = selectors.edition_grids(world.edition, template(world), after(m2))
    rating = next(g for g in grids if g.question.kind == "rating")
    assert rating.total.n == 30 and rating.total.mean == pytest.approx(4.5)
    trend = selectors.trend(world.edition, template(world), after(m2))
    assert trend[0].points[0].stats.mean == pytest.approx(4.5)
