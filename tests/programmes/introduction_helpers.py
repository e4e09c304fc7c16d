"""The world's host with an introduction for new managers and two new managers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from plantskola.core.models import ManagerAppointment, Person
from plantskola.programmes.models import Edition, IntroductionRule, Programme
from tests.conftest import World


@dataclass
class Introduction:
    rule: IntroductionRule
    edition: Edition
    overdue: Person  # became a manager 120 days ago
    recent: Person  # 10 days ago


def with_introduction(w: World) -> Introduction:
    today = timezone.localdate()
    programme = Programme.objects.create(
        organisation=w.host, name="Introduktion för nya chefer", audience="new_managers"
    )
    edition = Edition.objects.create(
        programme=programme,
        name="Introduktion våren",
        start_date=today + dt.timedelta(days=30),
        end_date=today + dt.timedelta(days=120),
    )
    rule = IntroductionRule.objects.create(organisation=w.host, programme=programme)
    w.employee.is_manager = True
    w.employee.save(update_fields=["is_manager"])
    recent = Person.objects.create(
        organisation=w.host,
        employee_number="H120",
        first_name="Nora",
        last_name="Nychef",
        email="nora.nychef@host.example",
        unit_id=w.unit_id,
        manager=w.manager_person,
        is_manager=True,
    )
    for person, days in ((w.employee, 120), (recent, 10)):
        ManagerAppointment.objects.create(
            person=person,
            organisation=w.host,
            unit_id=w.unit_id,
            started_on=today - dt.timedelta(days=days),
        )
    return Introduction(rule=rule, edition=edition, overdue=w.employee, recent=recent)
