"""Reads of career events: the roster's dated changes and HR's hand entries, and each
person's manager post over time.

Two sources, read together: the roster's dated `PersonChange` rows (the roster import records a
change of the manager flag, title or unit, and leaving, with its effective date) and the
`CareerEvent` rows HR enters by hand. A change of the manager flag to yes is "became a
manager", to no a change of role out of a manager post; a title or unit change is a change of
role (left out on a day the same person's manager flag changed, which already says it); "left"
is leaving the organisation.

Whether someone holds a manager post on a day is read from the events that change it: the last
such event on or before the day decides; before the first one, the opposite of what the first
one changed to (a "left" as first event says nothing about the post: then the roster's present
flag is used); a person without such events has held the roster's present flag throughout.

For the manager post itself, a person's manager appointments (`core.ManagerAppointment`, the
facts every roster import records) come before the roster's manager-flag changes: someone
with appointments holds a post from each appointment's start to its end (a change of unit is
one continuous post), and their flag changes are left out; a first appointment that is a
change of unit says they were a manager before it. People without appointments (imported
before appointments were recorded) are read from the roster's changes and present flag.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from plantskola.core.models import ManagerAppointment, Organisation, Person, PersonChange
from plantskola.insights.models import CareerEvent

BECAME_MANAGER = CareerEvent.Kind.BECAME_MANAGER.value
CHANGED_ROLE = CareerEvent.Kind.CHANGED_ROLE.value
LEFT = CareerEvent.Kind.LEFT.value

# The roster changes that are career events.
CAREER_FIELDS = [
    PersonChange.Field.IS_MANAGER,
    PersonChange.Field.TITLE,
    PersonChange.Field.UNIT,
    PersonChange.Field.LEFT,
]


@dataclass(frozen=True)
class CareerRow:
    person_id: int
    date: dt.date
    kind: str
    # Whether the person holds a manager post after the event; None: the event does not say.
    manager_after: bool | None
    detail: str = ""
    source: str = "roster"  # "roster" | "hand"
    pk: int | None = None  # the CareerEvent of a hand entry

    @property
    def kind_label(self) -> str:
        if self.kind == CHANGED_ROLE and self.manager_after is False:
            return str(_("Left a manager post"))
        return str(CareerEvent.Kind(self.kind).label)


def _is_true(value: str) -> bool:
    return value.strip().lower() in ("true", "1", "ja", "yes")


def career_rows(person_ids: Iterable[int]) -> dict[int, list[CareerRow]]:
    """Every career event of these people, by person, in date order."""
    ids = list(set(person_ids))
    rows: dict[int, list[CareerRow]] = defaultdict(list)
    changes = list(
        PersonChange.objects.filter(
            person_id__in=ids,
            field__in=CAREER_FIELDS,
        ).values_list("person_id", "field", "old_value", "new_value", "effective_date")
    )
    flag_days = {
        (pid, day) for pid, f, _o, _n, day in changes if f == PersonChange.Field.IS_MANAGER
    }
    for person_id, field_, old, new, day in changes:
        if field_ == PersonChange.Field.IS_MANAGER:
            up = _is_true(new)
            rows[person_id].append(
                CareerRow(person_id, day, BECAME_MANAGER if up else CHANGED_ROLE, up)
            )
        elif field_ == PersonChange.Field.LEFT:
            rows[person_id].append(CareerRow(person_id, day, LEFT, False))
        elif (person_id, day) not in flag_days:
            rows[person_id].append(
                CareerRow(person_id, day, CHANGED_ROLE, None, f"{old} → {new}".strip())
            )
    for event in CareerEvent.objects.filter(person_id__in=ids):
        rows[event.person_id].append(
            CareerRow(
                event.person_id,
                event.date,
                event.kind,
                event.manager_after,
                event.title or event.note,
                "hand",
                event.pk,
            )
        )
    for person_rows in rows.values():
        person_rows.sort(key=lambda r: (r.date, r.source == "hand"))
    return rows


@dataclass
class Timeline:
    """A person's manager post over time, from their career events."""

    initial: bool
    changes: list[tuple[dt.date, bool]]  # (day, manager after), in date order
    left_on: dt.date | None

    @classmethod
    def build(cls, rows: list[CareerRow], *, present_flag: bool) -> Timeline:
        state_rows = [r for r in rows if r.manager_after is not None]
        # Before the first change of the post, the opposite of what it changed to; a "left"
        # says nothing about the post before it, so then the roster's present flag stands.
        if state_rows and state_rows[0].kind != LEFT:
            initial = not state_rows[0].manager_after
        else:
            initial = present_flag
        changes = [(r.date, bool(r.manager_after)) for r in state_rows]
        left = [r.date for r in rows if r.kind == LEFT]
        return cls(initial, changes, left[-1] if left else None)

    def manager_on(self, day: dt.date) -> bool:
        state = self.initial
        for on, after in self.changes:
            if on > day:
                break
            state = after
        return state

    def first_manager_post(self, since: dt.date) -> dt.date | None:
        for on, after in self.changes:
            if on >= since and after:
                return on
        return None


def appointment_rows(person_ids: Iterable[int]) -> dict[int, list[CareerRow]]:
    """The manager post of people with appointments, as the career rows that change it: one
    row where a post begins and one where it ends (appointments that follow each other on the
    same day are one post)."""
    spans: dict[int, list[tuple[dt.date, dt.date | None, str]]] = defaultdict(list)
    for person_id, start, end, kind in (
        ManagerAppointment.objects.filter(person_id__in=list(set(person_ids)))
        .values_list("person_id", "started_on", "ended_on", "kind")
        .order_by("started_on", "pk")
    ):
        merged = spans[person_id]
        if merged and merged[-1][1] is not None and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], end, merged[-1][2])
        elif merged and merged[-1][1] is None:
            continue  # one open appointment at a time; a later one is the same post
        else:
            merged.append((start, end, kind))
    rows: dict[int, list[CareerRow]] = {}
    for person_id, merged in spans.items():
        person_rows = []
        for index, (start, end, kind) in enumerate(merged):
            # A first appointment that is a change of unit: a manager already before it.
            if not (index == 0 and kind == ManagerAppointment.Kind.CHANGE):
                person_rows.append(CareerRow(person_id, start, BECAME_MANAGER, True))
            if end is not None:
                person_rows.append(CareerRow(person_id, end, CHANGED_ROLE, False))
        rows[person_id] = person_rows
    return rows


def timelines(people: Iterable[Person]) -> dict[int, Timeline]:
    people = list(people)
    rows = career_rows(p.pk for p in people)
    facts = appointment_rows(p.pk for p in people)
    for person_id, fact_rows in facts.items():
        # The roster's manager-flag changes give way to the appointments; leaving, other
        # changes of role and HR's hand entries stay.
        kept = [
            r
            for r in rows.get(person_id, [])
            if r.source == "hand" or r.kind == LEFT or r.manager_after is None
        ]
        rows[person_id] = sorted(kept + fact_rows, key=lambda r: (r.date, r.source == "hand"))
    return {p.pk: Timeline.build(rows.get(p.pk, []), present_flag=p.is_manager) for p in people}


def career_events_for_organisation(
    organisation: Organisation, *, limit: int = 500
) -> list[tuple[Person, CareerRow]]:
    """The organisation's career events, newest first (at most `limit`)."""
    person_ids = set(
        PersonChange.objects.filter(
            person__organisation=organisation,
            field__in=CAREER_FIELDS,
        ).values_list("person_id", flat=True)
    )
    person_ids |= set(
        CareerEvent.objects.filter(person__organisation=organisation).values_list(
            "person_id", flat=True
        )
    )
    people = Person.objects.in_bulk(person_ids)
    rows = career_rows(person_ids)
    flat = [(people[pid], row) for pid, person_rows in rows.items() for row in person_rows]
    flat.sort(key=lambda item: (item[1].date, item[1].source == "hand"), reverse=True)
    return flat[:limit]
