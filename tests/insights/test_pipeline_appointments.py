"""The pipeline reads a first manager post from the manager appointments the roster import
records, and falls back to the roster's changes for people without appointments."""

from __future__ import annotations

import datetime as dt

import pytest

from plantskola.core.models import ManagerAppointment, PersonChange
from plantskola.insights.careers.selectors import timelines
from plantskola.insights.pipeline.selectors import DAYS_PER_MONTH, pipeline
from plantskola.programmes.models import Programme
from tests.insights.conftest import TODAY, History

pytestmark = pytest.mark.django_db


def durations(history: History) -> list[tuple[float, bool]]:
    [entry] = pipeline(programmes=Programme.objects.filter(pk=history.programme.pk), today=TODAY)
    curve = entry.editions[0].curve
    return sorted(zip(curve.durations, curve.observed, strict=True))


def test_the_imports_of_the_history_recorded_the_appointments(history: History) -> None:
    facts = {
        (a.person.employee_number, a.started_on, a.ended_on)
        for a in ManagerAppointment.objects.filter(organisation=history.org)
    }
    assert facts == {
        ("E1", dt.date(2024, 9, 30), None),
        ("E3", dt.date(2024, 10, 31), dt.date(2025, 4, 30)),
        ("E2", dt.date(2025, 3, 31), None),
    }


def test_a_first_appointment_counts_without_the_rosters_flag_changes(history: History) -> None:
    before = durations(history)
    PersonChange.objects.filter(field=PersonChange.Field.IS_MANAGER).delete()
    assert durations(history) == before


def test_an_appointment_counts_where_the_roster_says_nothing(history: History) -> None:
    e5 = history.people["E5"]
    ManagerAppointment.objects.create(
        person=e5, organisation=history.org, unit=e5.unit, started_on=dt.date(2025, 6, 30)
    )
    line = timelines([e5])[e5.pk]
    assert not line.manager_on(dt.date(2025, 6, 29))
    assert line.manager_on(TODAY)
    assert line.first_manager_post(dt.date(2024, 1, 15)) == dt.date(2025, 6, 30)
    days = (dt.date(2025, 6, 30) - history.edition.end_date).days
    assert any(
        observed and duration == pytest.approx(days / DAYS_PER_MONTH)
        for duration, observed in durations(history)
    )


def test_a_change_of_unit_is_one_post_and_a_first_change_means_a_manager_before(
    history: History,
) -> None:
    e1 = history.people["E1"]
    first = ManagerAppointment.objects.get(person=e1)
    first.ended_on = dt.date(2025, 9, 1)
    first.save(update_fields=["ended_on"])
    ManagerAppointment.objects.create(
        person=e1,
        organisation=history.org,
        unit=history.admin_a,
        kind=ManagerAppointment.Kind.CHANGE,
        started_on=dt.date(2025, 9, 1),
    )
    line = timelines([e1])[e1.pk]
    assert line.changes == [(dt.date(2024, 9, 30), True)]
    e5 = history.people["E5"]
    e5.is_manager = True  # as the import that moved them left the roster
    e5.save(update_fields=["is_manager"])
    ManagerAppointment.objects.create(
        person=e5,
        organisation=history.org,
        unit=e5.unit,
        kind=ManagerAppointment.Kind.CHANGE,
        started_on=dt.date(2025, 6, 30),
    )
    moved = timelines([e5])[e5.pk]
    assert moved.manager_on(dt.date(2024, 1, 1))
    assert moved.first_manager_post(dt.date(2024, 1, 1)) is None
