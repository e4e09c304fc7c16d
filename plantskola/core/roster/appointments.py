"""Manager appointments as facts, recorded by every roster import (a file or the API's push).

The import knows who manages which unit after it; comparing that with the open appointments
(and, for managers without one, with who managed which unit before the import) gives:

- a person who manages a unit and did not before (a new person, a promotion, a return): an
  appointment starts on the import's effective date, `FIRST` unless the person has managed
  in the organisation before (then `CHANGE`);
- a manager whose unit changed: the open appointment ends and a `CHANGE` one starts;
- a person who no longer manages (or has left): the open appointment ends.

Re-importing the same file records nothing. The first import of an organisation (no people
stored yet) records nothing either: it cannot tell who became a manager when, so its managers
are the baseline (the follow-up reads the roster for people without appointments).
"""

from __future__ import annotations

import datetime

from plantskola.core.models import ManagerAppointment, Organisation, Person, RosterImport

Managers = dict[int, int | None]  # person id → unit id


def managers_now(*, organisation: Organisation) -> Managers:
    """The organisation's active managers and the unit each manages."""
    return dict(
        Person.objects.filter(
            organisation=organisation, is_active=True, is_manager=True
        ).values_list("pk", "unit_id")
    )


def appointments_record(
    *,
    organisation: Organisation,
    before: Managers,
    baseline: bool,
    effective_date: datetime.date,
    source: str,
    roster_import: RosterImport | None = None,
) -> int:
    """Record the appointments an import made (`before`: `managers_now` before it was written;
    `baseline`: the organisation had no people before). Returns how many started."""
    after = managers_now(organisation=organisation)
    open_ = {
        a.person_id: a
        for a in ManagerAppointment.objects.filter(organisation=organisation, ended_on__isnull=True)
    }
    ended: list[ManagerAppointment] = []
    started: list[ManagerAppointment] = []
    for person_id, appointment in open_.items():
        if person_id not in after or after[person_id] != appointment.unit_id:
            appointment.ended_on = max(effective_date, appointment.started_on)
            ended.append(appointment)
    starting: dict[int, int | None] = {}
    for person_id, unit_id in after.items():
        current = open_.get(person_id)
        if current is not None:
            if current.unit_id != unit_id:
                starting[person_id] = unit_id
        elif baseline or before.get(person_id, -1) == unit_id:
            continue  # the baseline, or a manager from before appointments were recorded
        else:
            starting[person_id] = unit_id
    managed_before = set(
        ManagerAppointment.objects.filter(person_id__in=list(starting)).values_list(
            "person_id", flat=True
        )
    ) | (set(starting) & set(before))
    for person_id, unit_id in starting.items():
        started.append(
            ManagerAppointment(
                person_id=person_id,
                organisation=organisation,
                unit_id=unit_id,
                kind=ManagerAppointment.Kind.CHANGE
                if person_id in managed_before
                else ManagerAppointment.Kind.FIRST,
                started_on=effective_date,
                source=source[:60],
                roster_import=roster_import,
            )
        )
    # The old appointment ends before the new one starts (one open per person).
    ManagerAppointment.objects.bulk_update(ended, ["ended_on"], batch_size=500)
    ManagerAppointment.objects.bulk_create(started, batch_size=500)
    return len(started)
