"""Reads of "Nya chefer": the organisation's new managers and where each stands."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from plantskola.core.models import ManagerAppointment, Organisation, OrgUnit, Person
from plantskola.programmes.models import Edition, IntroductionRule, Participant


@dataclass
class NewManager:
    appointment: ManagerAppointment
    person: Person
    unit: OrgUnit | None
    administration: OrgUnit | None
    days: int  # since the appointment started
    enrolled: Participant | None  # in an edition of the introduction, not withdrawn
    completed: bool
    due_on: dt.date | None  # the last day to be enrolled by the rule
    overdue: bool

    @property
    def proposable(self) -> bool:
        return self.enrolled is None and not self.completed and bool(self.person.is_active)


def introduction_rule(organisation: Organisation) -> IntroductionRule | None:
    return (
        IntroductionRule.objects.filter(organisation=organisation)
        .select_related("programme")
        .first()
    )


def next_edition(rule: IntroductionRule | None, *, today: dt.date) -> Edition | None:
    """The introduction's next edition: the first that has not started by `today`."""
    if rule is None:
        return None
    return (
        Edition.objects.filter(programme=rule.programme, start_date__gte=today)
        .exclude(status=Edition.Status.COMPLETED)
        .select_related("programme")
        .order_by("start_date", "pk")
        .first()
    )


def administrations(organisation: Organisation) -> QuerySet[OrgUnit]:
    """The organisation's top units, for the filter."""
    return OrgUnit.objects.filter(organisation=organisation, parent__isnull=True).order_by("name")


def new_managers(
    *,
    organisation: Organisation,
    rule: IntroductionRule | None,
    today: dt.date,
    administration: OrgUnit | None = None,
) -> list[NewManager]:
    """The people who became managers in the organisation (newest first), still employed,
    each with their place in the introduction."""
    appointments = ManagerAppointment.objects.filter(
        organisation=organisation,
        kind=ManagerAppointment.Kind.FIRST,
        person__is_active=True,
    ).select_related("person__manager", "unit")
    if administration is not None:
        appointments = appointments.filter(unit__path__startswith=administration.path)
    appointments = appointments.order_by("-started_on", "person__last_name", "pk")
    rows = list(appointments)
    top_ids = {_top_id(a.unit) for a in rows if a.unit is not None}
    tops = {u.pk: u for u in OrgUnit.objects.filter(pk__in=top_ids)}
    participations: dict[int, list[Participant]] = {}
    if rule is not None:
        for participant in (
            Participant.objects.filter(
                edition__programme=rule.programme, person_id__in=[a.person_id for a in rows]
            )
            .exclude(status=Participant.Status.WITHDRAWN)
            .select_related("edition")
            .order_by("edition__start_date")
        ):
            participations.setdefault(participant.person_id, []).append(participant)
    result = []
    for appointment in rows:
        taken = participations.get(appointment.person_id, [])
        completed = any(p.status == Participant.Status.COMPLETED for p in taken)
        enrolled = next((p for p in taken if p.status != Participant.Status.COMPLETED), None)
        due_on = appointment.started_on + dt.timedelta(days=rule.within_days) if rule else None
        result.append(
            NewManager(
                appointment=appointment,
                person=appointment.person,
                unit=appointment.unit,
                administration=tops.get(_top_id(appointment.unit)) if appointment.unit else None,
                days=(today - appointment.started_on).days,
                enrolled=enrolled,
                completed=completed,
                due_on=due_on,
                overdue=due_on is not None and not taken and today > due_on,
            )
        )
    return result


def _top_id(unit: OrgUnit | None) -> int:
    if unit is None:
        return 0
    ids = [part for part in unit.path.split("/") if part]
    return int(ids[0]) if ids else unit.pk
