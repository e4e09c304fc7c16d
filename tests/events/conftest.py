"""Events of the shared World's host organisation, and a Kungsbacka-like roster to seat."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from plantskola.core.models import Organisation, OrgUnit, Person
from plantskola.core.services import unit_create
from plantskola.events.models import Event


def make_event(organisation: Organisation, **overrides: Any) -> Event:
    today = timezone.localdate()
    values: dict[str, Any] = {
        "organisation": organisation,
        "kind": Event.Kind.CAFE,
        "title": "Ledarskapscafé: Beslutspyramiden",
        "theme": "Beslutspyramiden – vägen till klokare beslut",
        "date": today + dt.timedelta(days=30),
        "start_time": dt.time(13),
        "end_time": dt.time(15, 30),
        "place": "Stadshuset",
        "address": "Storgatan 37, 434 81 Kungsbacka",
        "capacity": 30,
        "registration_opens": today - dt.timedelta(days=1),
        "registration_closes": today + dt.timedelta(days=20),
        "status": Event.Status.PUBLISHED,
    }
    values.update(overrides)
    return Event.objects.create(**values)


@pytest.fixture
def event_factory(db: None) -> Callable[..., Event]:
    return make_event


def build_managers(
    org: Organisation, *, administrations: int, per_administration: int
) -> list[Person]:
    """Administrations, each with a chief and unit managers reporting to the chief."""
    people: list[Person] = []
    for a in range(administrations):
        top = unit_create(
            organisation=org,
            code=f"ADM{a}",
            name=f"Förvaltning {a}",
            kind=OrgUnit.Kind.ADMINISTRATION,
        )
        chief = Person.objects.create(
            organisation=org,
            employee_number=f"C{a}",
            first_name=f"Chef{a}",
            last_name="Förvaltningschef",
            email=f"chef{a}@{org.slug}.example",
            unit=top,
            is_manager=True,
            title="Förvaltningschef",
            gender="woman" if a % 2 else "man",
            birth_year=1965 + a,
        )
        people.append(chief)
        for i in range(per_administration - 1):
            unit = unit_create(
                organisation=org, code=f"ADM{a}-{i}", name=f"Enhet {a}.{i}", parent=top
            )
            people.append(
                Person.objects.create(
                    organisation=org,
                    employee_number=f"M{a}-{i}",
                    first_name=f"Chef{a}x{i}",
                    last_name="Enhetschef",
                    email=f"chef{a}x{i}@{org.slug}.example",
                    unit=unit,
                    is_manager=True,
                    manager=chief,
                    title="Enhetschef",
                    gender="woman" if i % 3 else "man",
                    birth_year=1960 + (i * 7) % 35,
                )
            )
    return people
