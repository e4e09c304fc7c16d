"""The manager-supply loop in the demo (issue 19): Kungsbacka's new managers.

- Kungsbacka's introduction programme for new managers is marked as *the* introduction, with
  the rule "within 30 days of starting", and gets a coming edition (spring 2027).
- A month of roster changes: four employees became the managers of four new units (each a
  unit split from their old one, under the same department, whose manager is now their
  closest manager) on four import days in the last five weeks (counted back from the day the
  demo is loaded), recorded as the roster records them: the dated changes of unit, title and
  manager role, and a manager appointment each. The first is overdue for the introduction.
- A demo login `hr-kungsbacka`: an HR administrator of Kungsbacka, whose start page links
  to *Nya chefer*.

Loaded by `loader._load_app_demos` after the apps' demos (it spans several apps, so it is
named in `loader.CROSS_APP_DEMOS` rather than after an app); idempotent like the rest.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from plantskola.core.models import (
    ManagerAppointment,
    Organisation,
    OrganisationRole,
    OrgUnit,
    Person,
    PersonChange,
    User,
)
from plantskola.core.services import unit_create
from plantskola.demo.loader import demo_login
from plantskola.programmes.models import Edition, IntroductionRule, Module, Programme, Session

HR_USERNAME = "hr-kungsbacka"
LOGINS = [
    (
        HR_USERNAME,
        "HR-administratör i Kungsbacka kommun: Nya chefer (fyra nya chefer från månadens "
        "personalimporter, en försenad till introduktionen) och förslag till introduktionen",
    ),
]
INTRODUCTION = "Introduktionsprogram för nya chefer"
COMING = "Introduktion för nya chefer våren 2027"
WITHIN_DAYS = 30
# Days before the load on which each new manager started (a month of imports).
STARTED_DAYS_AGO = (36, 21, 12, 4)
NEW_TITLE = "Enhetschef"
SOURCE = "demo-supply"  # the month's roster changes


def load() -> None:
    org = Organisation.objects.filter(slug="kungsbacka").first()
    programme = Programme.objects.filter(organisation=org, name=INTRODUCTION).first()
    if org is None or programme is None:
        return
    IntroductionRule.objects.update_or_create(
        organisation=org, defaults={"programme": programme, "within_days": WITHIN_DAYS}
    )
    _coming_edition(programme)
    _new_managers(org)
    _hr_login(org)


def _coming_edition(programme: Programme) -> None:
    edition, _ = Edition.objects.update_or_create(
        programme=programme,
        name=COMING,
        defaults={
            "start_date": dt.date(2027, 2, 4),
            "end_date": dt.date(2027, 5, 20),
            "status": Edition.Status.PLANNED,
            "capacity": 20,
        },
    )
    module, _ = Module.objects.get_or_create(
        edition=edition, order=1, defaults={"name": "Kungsbacka som organisation"}
    )
    for title, day in (
        ("Kungsbacka som organisation", dt.date(2027, 2, 4)),
        ("Att leda i en politiskt styrd organisation", dt.date(2027, 3, 11)),
    ):
        Session.objects.get_or_create(
            edition=edition,
            title=title,
            defaults={
                "module": module,
                "date": day,
                "start_time": dt.time(9),
                "end_time": dt.time(16),
                "place": "Stadshuset, Kungsbacka",
            },
        )


def _candidates(org: Organisation) -> list[tuple[Person, OrgUnit, Person]]:
    """Four employees without a login, a manager role or a programme (nor a demo login as their
    manager), each from a unit of its
    own whose parent unit has a manager with an e-mail address (the same four on every load),
    with their unit and that manager."""
    heads = {
        p.unit_id: p
        for p in Person.objects.filter(organisation=org, is_manager=True, is_active=True)
        .exclude(email="")
        .order_by("employee_number")
    }
    chosen: list[tuple[Person, OrgUnit, Person]] = []
    units: set[int] = set()
    for person in (
        Person.objects.filter(
            organisation=org, is_active=True, is_manager=False, user__isnull=True, unit__kind="unit"
        )
        .exclude(participations__isnull=False)
        # Not the people of a demo login's manager (chef-kungsbacka keeps theirs to nominate).
        .exclude(manager__user__isnull=False)
        .exclude(
            unit__in=OrgUnit.objects.filter(people__is_manager=True, people__user__isnull=False)
        )
        .select_related("unit")
        .order_by("employee_number")
    ):
        unit = person.unit
        if unit is None or unit.pk in units or unit.parent_id not in heads:
            continue
        chosen.append((person, unit, heads[unit.parent_id]))
        units.add(unit.pk)
        if len(chosen) == len(STARTED_DAYS_AGO):
            break
    return chosen


def _new_managers(org: Organisation) -> None:
    today = timezone.localdate()
    recorded = sorted(
        ManagerAppointment.objects.filter(organisation=org, source="demo").select_related(
            "person", "unit__parent"
        ),
        key=lambda a: a.pk,
    )
    if recorded:
        # Later loads: the same people; the demo's roster sync has put them back in their
        # old units, which are the new units' neighbours under the same parent.
        found = [
            (a.person, a.unit, _old_unit(a.person), _head(org, a.unit.parent))
            for a in recorded
            if a.unit is not None and a.unit.parent is not None
        ]
        plans = [(p, old, head, new) for p, new, old, head in found if old and head]
    else:
        plans = []
        for person, old, head in _candidates(org):
            new = unit_create(
                organisation=org,
                code=f"{old.code}-NY",
                name=f"{old.name} 2",
                kind=OrgUnit.Kind.UNIT,
                parent=old.parent,
            )
            plans.append((person, old, head, new))
    for (person, old, head, new), days in zip(plans, STARTED_DAYS_AGO, strict=False):
        on = today - dt.timedelta(days=days)
        old_title = person.title if person.title != NEW_TITLE else "Samordnare"
        # The month's imports, applied on top of the demo's generated roster again.
        Person.objects.filter(pk=person.pk).update(
            is_manager=True, title=NEW_TITLE, unit=new, manager=head
        )
        PersonChange.objects.filter(person=person, source=SOURCE).delete()
        PersonChange.objects.bulk_create(
            [
                PersonChange(
                    person=person,
                    field=field_,
                    old_value=old_value,
                    new_value=new_value,
                    effective_date=on,
                    source=SOURCE,
                )
                for field_, old_value, new_value in (
                    (
                        PersonChange.Field.UNIT,
                        f"{old.name} ({old.code})",
                        f"{new.name} ({new.code})",
                    ),
                    (PersonChange.Field.TITLE, old_title, NEW_TITLE),
                    (PersonChange.Field.IS_MANAGER, "false", "true"),
                )
            ]
        )
        ManagerAppointment.objects.update_or_create(
            person=person,
            organisation=org,
            source="demo",
            defaults={
                "unit": new,
                "kind": ManagerAppointment.Kind.FIRST,
                "started_on": on,
                "ended_on": None,
            },
        )


def _old_unit(person: Person) -> OrgUnit | None:
    """The unit the demo's roster has the person in (before the month's changes)."""
    return OrgUnit.objects.filter(pk=person.unit_id or 0).first()


def _head(org: Organisation, unit: OrgUnit) -> Person | None:
    return (
        Person.objects.filter(organisation=org, unit=unit, is_manager=True, is_active=True)
        .exclude(email="")
        .order_by("employee_number")
        .first()
    )


def _hr_login(org: Organisation) -> None:
    user = User.objects.filter(username=HR_USERNAME).first()
    person = Person.objects.filter(user=user).first() if user else None
    if person is None:
        person = (
            Person.objects.filter(
                organisation=org,
                user__isnull=True,
                is_manager=False,
                unit__name__startswith="HR",
            )
            .order_by("employee_number")
            .first()
        )
    if person is None:
        return
    user = demo_login(HR_USERNAME, person)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    OrganisationRole.objects.get_or_create(
        user=user, organisation=org, role=OrganisationRole.Role.HR_ADMIN
    )
