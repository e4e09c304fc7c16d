"""The manager-supply pipeline and time to the first manager post, against hand-computed values
on a small history written by real roster imports."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.utils import timezone
from lifelines import KaplanMeierFitter

from plantskola.admissions.models import Application, Call
from plantskola.insights.careers.selectors import career_rows, timelines
from plantskola.insights.models import CareerEvent
from plantskola.insights.pipeline.selectors import DAYS_PER_MONTH, kaplan_meier, pipeline
from plantskola.privacy.weeding import add_months
from plantskola.programmes.models import Programme
from tests.conftest import World
from tests.insights.conftest import TODAY, History

pytestmark = pytest.mark.django_db


def months(days: int) -> float:
    return days / DAYS_PER_MONTH


def _call_with_applications(history: History, submitted: int, drafts: int) -> None:
    call = Call.objects.create(
        edition=history.edition,
        title="Chefsaspiranter 2024",
        description="",
        opens_at=timezone.now() - dt.timedelta(days=400),
        closes_at=timezone.now() - dt.timedelta(days=380),
        reference_deadline=dt.date(2023, 12, 1),
    )
    people = list(history.people.values())
    for i, person in enumerate(people[: submitted + drafts]):
        Application.objects.create(
            call=call,
            applicant=person,
            status=Application.Status.SUBMITTED if i < submitted else Application.Status.DRAFT,
        )


def test_roster_changes_become_career_events(history: History) -> None:
    p = history.people
    rows = career_rows([p["E3"].pk, p["E4"].pk])
    assert [(r.date, r.kind, r.manager_after) for r in rows[p["E3"].pk]] == [
        (dt.date(2024, 10, 31), "became_manager", True),
        (dt.date(2025, 4, 30), "changed_role", False),
    ]
    assert [(r.date, r.kind) for r in rows[p["E4"].pk]] == [(dt.date(2025, 1, 31), "left")]


def test_manager_post_on_a_day_follows_the_events(history: History) -> None:
    p = history.people
    lines = timelines(p.values())
    e3 = lines[p["E3"].pk]
    assert not e3.manager_on(dt.date(2024, 10, 30))
    assert e3.manager_on(dt.date(2024, 10, 31))
    assert not e3.manager_on(dt.date(2025, 4, 30))
    assert lines[p["E4"].pk].left_on == dt.date(2025, 1, 31)
    assert not lines[p["E5"].pk].manager_on(TODAY)


def test_the_pipeline_counts_match_a_hand_count(history: History) -> None:
    _call_with_applications(history, submitted=6, drafts=1)
    [entry] = pipeline(programmes=Programme.objects.filter(pk=history.programme.pk), today=TODAY)
    ended, running = entry.editions
    assert (ended.applicants, ended.admitted, ended.completed) == (6, 7, 5)
    # 6 months (2024-12-30): E1 and E3; 12 months (2025-06-30): E1 and E2 (E3 stepped down,
    # E4 left); 24 months (2026-06-30 = today): E1 and E2.
    assert [(m.months, m.observed, m.managers) for m in ended.months] == [
        (6, 5, 2),
        (12, 5, 2),
        (24, 5, 2),
    ]
    # The running edition has no call (– on the page) and nobody observed yet.
    assert running.applicants is None
    assert (running.admitted, running.completed) == (1, 0)
    assert [m.observed for m in running.months] == [0, 0, 0]
    assert entry.totals.admitted == 8 and entry.totals.applicants == 6


def test_only_completers_observed_long_enough_count(history: History) -> None:
    [entry] = pipeline(
        programmes=Programme.objects.filter(pk=history.programme.pk),
        today=dt.date(2025, 7, 1),  # 12 months have passed, 24 have not
    )
    ended = entry.editions[0]
    assert [(m.observed, m.managers) for m in ended.months] == [(5, 2), (5, 2), (0, 0)]
    assert ended.months[2].share is None


def test_time_to_manager_post_is_censored_at_leaving_and_today(history: History) -> None:
    [entry] = pipeline(programmes=Programme.objects.filter(pk=history.programme.pk), today=TODAY)
    curve = entry.editions[0].curve
    # E1 after 92 days, E2 after 274, E3 after 123; E4 censored when leaving (215 days),
    # E5 censored today (730 days).
    observed = sorted(zip(curve.durations, curve.observed, strict=True))
    expected = sorted(
        [
            (months(92), True),
            (months(274), True),
            (months(123), True),
            (months(215), False),
            (months(730), False),
        ]
    )
    assert observed == pytest.approx(expected)
    assert (curve.n, curve.events, curve.censored) == (5, 3, 2)
    # By hand: S = 4/5 after E1, × 3/4 after E3; E4 censored; × 1/2 after E2 → 0.3.
    shares = {p.months: p.share for p in curve.points}
    assert shares[6] == pytest.approx(1 - 0.8 * 0.75)
    assert shares[12] == pytest.approx(1 - 0.8 * 0.75 * 0.5)
    assert 24 not in shares  # nobody followed that long: no estimate is shown
    assert entry.curve.n == 5  # the programme's curve pools its editions


def test_kaplan_meier_matches_a_hand_computation_on_tiny_data() -> None:
    curve = kaplan_meier("x", [2, 4, 4, 6, 8], [True, False, True, True, False], times=(3, 5, 7))
    # t=2: 4/5; t=4: 3 of 4 at risk remain (the one censored at 4 was at risk) → 0.6;
    # t=6: 1 of 2 → 0.3.
    expected: list[tuple[int, int, object]] = [
        (3, 4, pytest.approx(0.2)),
        (5, 2, pytest.approx(0.4)),
        (7, 1, pytest.approx(0.7)),
    ]
    assert [(p.months, p.at_risk, p.share) for p in curve.points] == expected
    assert curve.steps[0] == (0.0, 0.0)


def test_kaplan_meier_matches_lifelines_on_the_same_data() -> None:
    durations = [0.5, 3.2, 3.2, 5.0, 7.5, 9.1, 12.0, 12.0, 14.3, 20.0, 26.0, 30.5]
    observed = [True, True, False, True, False, True, True, False, True, False, True, False]
    curve = kaplan_meier("x", durations, observed, times=(6, 12, 24))
    reference = KaplanMeierFitter().fit(durations, event_observed=observed)
    for point in curve.points:
        expected = 1 - float(reference.survival_function_at_times(point.months).iloc[0])
        assert point.share == pytest.approx(expected)
    column = reference.survival_function_.columns[0]
    for t, share in curve.steps:
        assert share == pytest.approx(1 - float(reference.survival_function_.loc[t, column]))


def test_people_already_managers_at_the_start_are_not_followed(history: History) -> None:
    # E1 was a manager in 2025; a new edition starting then does not "wait" for E1's first post.
    edition = history.programme.editions.create(
        name="Chefsaspiranter 2025",
        start_date=dt.date(2025, 1, 10),
        end_date=dt.date(2025, 5, 31),
    )
    edition.participants.create(person=history.people["E1"], status="completed")
    [entry] = pipeline(programmes=Programme.objects.filter(pk=history.programme.pk), today=TODAY)
    later = next(e for e in entry.editions if e.edition.pk == edition.pk)
    assert later.curve.n == 0
    assert [m.managers for m in later.months] == [1, 1, 0]  # 24 months not yet observed


def test_hand_entered_events_count_like_roster_events(history: History) -> None:
    CareerEvent.objects.create(
        person=history.people["E5"], kind="became_manager", date=dt.date(2025, 12, 1)
    )
    [entry] = pipeline(programmes=Programme.objects.filter(pk=history.programme.pk), today=TODAY)
    ended = entry.editions[0]
    assert ended.months[2].managers == 3
    assert ended.curve.events == 4


def test_the_administration_filter_uses_present_units(history: History) -> None:
    [entry] = pipeline(
        programmes=Programme.objects.filter(pk=history.programme.pk),
        administration=history.admin_a,
        today=TODAY,
    )
    ended = entry.editions[0]
    # E1 and E2 (unit A1 under A) and E3 (A).
    assert (ended.admitted, ended.completed) == (3, 3)
    assert [m.managers for m in ended.months] == [2, 2, 2]


def test_add_months_keeps_the_day_or_takes_the_last_of_the_month() -> None:
    assert add_months(dt.date(2024, 6, 30), 6) == dt.date(2024, 12, 30)
    assert add_months(dt.date(2024, 8, 31), 6) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2023, 8, 31), 6) == dt.date(2024, 2, 29)


# --- pages -----------------------------------------------------------------------------------


def _world_history(world: World) -> None:
    """A completed edition of the world's programme with two alumni, one now a manager."""
    edition = world.programme.editions.create(
        name="Omgång 2023", start_date=dt.date(2023, 1, 10), end_date=dt.date(2023, 6, 30)
    )
    edition.participants.create(person=world.employee, status="completed")
    edition.participants.create(person=world.manager_person, status="completed")
    CareerEvent.objects.create(
        person=world.employee, kind="became_manager", date=dt.date(2024, 2, 1)
    )


def test_the_pipeline_page_shows_a_funnel_and_curve_with_tables(world: World) -> None:
    _world_history(world)
    response = world.client_for("hr").get(f"/insikter/{world.host.pk}/chefsforsorjning/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<svg role="img" class="chart"') == 2
    assert f'aria-labelledby="funnel-{world.programme.pk}-title' in html
    assert "Omgång 2023" in html and "<table>" in html
    # HR also sees the posts filled (from recruitments).
    assert 'id="filled"' in html


def test_the_coordinator_sees_the_pipeline_but_not_recruitments(world: World) -> None:
    _world_history(world)
    response = world.client_for("coordinator").get(f"/insikter/{world.host.pk}/chefsforsorjning/")
    assert response.status_code == 200
    assert 'id="filled"' not in response.content.decode()


def test_the_pipeline_exports_to_excel_with_the_same_numbers(world: World) -> None:
    _world_history(world)
    response = world.client_for("hr").get(f"/insikter/{world.host.pk}/chefsforsorjning.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    edition_row = next(r for r in rows if r[1] == "Omgång 2023")
    assert edition_row[3:6] == (None, 2, 2)  # no call; admitted 2, completed 2
    # 6 months (2023-12-30): the manager only; 12 months: both (the employee since February).
    assert edition_row[6:12] == (2, 1, 0.5, 2, 2, 1.0)


def test_the_administration_filter_rejects_a_unit_of_another_organisation(world: World) -> None:
    _world_history(world)
    response = world.client_for("hr").get(
        f"/insikter/{world.host.pk}/chefsforsorjning/", {"administration": world.other_unit_id}
    )
    # An invalid filter is shown as such and the whole organisation is shown.
    assert response.status_code == 200
    assert "Omgång 2023" in response.content.decode()
