"""Table seating from the composition engine: administrations mixed at every table, a manager
and their own boss at different tables; saved whole or not at all."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plantskola.composition import CompositionError, solve
from plantskola.events.models import Event, Registration
from plantskola.events.seating.selectors import administration_of, top_units

SEATING_TIME_LIMIT = 5.0


def _age_band(birth_year: int | None, on: dt.date) -> str:
    if birth_year is None:
        return ""
    age = on.year - birth_year
    if age < 30:
        return "-29"
    if age >= 60:
        return "60-"
    low = age // 10 * 10
    return f"{low}-{low + 9}"


@dataclass
class Seating:
    # The composition engine's JSON formats (docs/composition-format.md).
    instance: dict[str, Any]
    solution: dict[str, Any]
    tables: int

    @property
    def percent(self) -> float | None:
        bound = self.solution.get("bound")
        return 100.0 * self.solution["objective"] / bound if bound else None


def seating_instance(
    *, event: Event, table_size: int, mix_gender: bool = True, mix_age: bool = True
) -> dict[str, Any]:
    """The composition engine's "groups" instance for seating the registered at tables of at
    most `table_size`: administrations mixed first (the person's top-level unit), gender and
    age band with lower weight; a manager and their own boss at different tables."""
    if table_size < 2:
        raise ValidationError(_("A table seats at least two people."))
    seated = list(
        Registration.objects.filter(event=event, status=Registration.Status.REGISTERED)
        .select_related("person")
        .order_by("id")
    )
    if len(seated) < 2:
        raise ValidationError(_("At least two people must be registered to make tables."))
    tops = top_units(organisation_id=event.organisation_id)
    people = []
    ids = {r.person_id for r in seated}
    for r in seated:
        attributes = {"administration": administration_of(r.person, tops)}
        if mix_gender:
            attributes["gender"] = r.person.gender
        if mix_age:
            attributes["age_band"] = _age_band(r.person.birth_year, event.date)
        people.append({"id": str(r.person_id), "attributes": attributes})
    criteria: list[dict[str, Any]] = [{"attribute": "administration", "weight": 3}]
    if mix_gender:
        criteria.append({"attribute": "gender", "weight": 1})
    if mix_age:
        criteria.append({"attribute": "age_band", "weight": 1})
    apart = sorted(
        [str(r.person_id), str(r.person.manager_id)]
        for r in seated
        if r.person.manager_id in ids and r.person.manager_id != r.person_id
    )
    count = math.ceil(len(seated) / table_size)
    return {
        "kind": "groups",
        "people": people,
        "groups": {"count": count, "min_size": len(seated) // count, "max_size": table_size},
        "criteria": criteria,
        "apart": apart,
    }


def seating_propose(
    *,
    event: Event,
    table_size: int,
    mix_gender: bool = True,
    mix_age: bool = True,
    time_limit: float = SEATING_TIME_LIMIT,
    seed: int = 0,
) -> dict[str, Any]:
    """The engine's tables for everyone registered, not saved (the organiser sees what would
    change first): the composition engine's solution."""
    instance = seating_instance(
        event=event, table_size=table_size, mix_gender=mix_gender, mix_age=mix_age
    )
    try:
        solution: dict[str, Any] = solve(instance, time_limit=time_limit, seed=seed)
    except CompositionError as exc:
        raise ValidationError(
            _("The tables could not be made: %(reason)s") % {"reason": exc}
        ) from exc
    return solution


@transaction.atomic
def event_seat(
    *,
    event: Event,
    table_size: int,
    mix_gender: bool = True,
    mix_age: bool = True,
    time_limit: float = SEATING_TIME_LIMIT,
    seed: int = 0,
) -> Seating:
    """Seat everyone registered at tables from the composition engine and save the table
    numbers (1, 2, …) whole or not at all."""
    # Locked like registration (events/services.py), so nobody registers or cancels while
    # the tables are made.
    event = Event.objects.select_for_update().select_related("organisation").get(pk=event.pk)
    instance = seating_instance(
        event=event, table_size=table_size, mix_gender=mix_gender, mix_age=mix_age
    )
    solution = seating_propose(
        event=event,
        table_size=table_size,
        mix_gender=mix_gender,
        mix_age=mix_age,
        time_limit=time_limit,
        seed=seed,
    )
    table_of = {
        int(person_id): n
        for n, table in enumerate(solution["groups"], start=1)
        for person_id in table
    }
    seating_apply(
        event=event,
        table_of=table_of,
        objective=solution["objective"],
        bound=solution["bound"],
        table_size=table_size,
    )
    return Seating(instance=instance, solution=solution, tables=len(solution["groups"]))


@transaction.atomic
def seating_apply(
    *,
    event: Event,
    table_of: dict[int, int],
    objective: float,
    bound: float,
    table_size: int,
) -> int:
    """Save the tables (person id → table number) whole or not at all; anyone not in
    `table_of` has no table. Returns how many were seated."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    rows = list(Registration.objects.filter(event=event))
    for r in rows:
        r.table_number = table_of.get(r.person_id) if r.is_active else None
    Registration.objects.bulk_update(rows, ["table_number"], batch_size=500)
    event.table_size = table_size
    event.seated_at = timezone.now()
    event.seating_objective = objective
    event.seating_bound = bound
    event.save(update_fields=["table_size", "seated_at", "seating_objective", "seating_bound"])
    return sum(1 for r in rows if r.table_number is not None)
