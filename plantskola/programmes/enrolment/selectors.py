"""Reads of enrolment by rule: who a roster rule names, and what the preview says of them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from plantskola.core.models import OrgUnit, Person
from plantskola.programmes.models import Edition, Group, Participant

# The roster has no form of employment; an acting or temporary manager is named so in the
# title (Swedish HR practice: "tf. enhetschef", "vikarierande rektor"). A permanent manager
# is a manager whose title does not start with one of these.
ACTING_TITLE_PREFIXES = ("tf ", "tf.", "t.f.", "tillförordnad", "vikarierande", "interim")


class Who:
    MANAGERS = "managers"
    PERMANENT_MANAGERS = "permanent_managers"
    STAFF = "staff"
    # The participants of another edition: those a call's decision admitted to it (the
    # decision makes them participants), or the alumni of an earlier edition.
    EDITION = "edition"
    # A list HR keeps elsewhere: e-mail addresses or employee numbers, pasted.
    LIST = "list"


class FromEdition:
    """Which participants of the source edition a rule takes."""

    TAKING_PART = "taking_part"  # invited or active: admitted and not withdrawn
    COMPLETED = "completed"


@dataclass(frozen=True)
class EnrolmentRule:
    who: str
    title: str = ""
    unit: OrgUnit | None = None
    include_subunits: bool = True
    leave_out_alumni: bool = False
    group: Group | None = None
    source_edition: Edition | None = None
    source_status: str = FromEdition.TAKING_PART
    identifiers: tuple[str, ...] = ()


@dataclass
class PreviewRow:
    person: Person
    alumnus_of: list[str] = field(default_factory=list)
    enrolled_in: list[str] = field(default_factory=list)


@dataclass
class EnrolmentPreview:
    rows: list[PreviewRow]
    already_in: int
    left_out_alumni: int

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def alumni(self) -> int:
        return sum(1 for r in self.rows if r.alumnus_of)

    @property
    def enrolled_elsewhere(self) -> int:
        return sum(1 for r in self.rows if r.enrolled_in)


def acting_title_q() -> Q:
    q = Q(pk__in=[])
    for prefix in ACTING_TITLE_PREFIXES:
        q |= Q(title__istartswith=prefix)
    return q


def split_identifiers(text: str) -> tuple[str, ...]:
    """E-mail addresses or employee numbers, one per line or separated by commas, semicolons
    or spaces (as they come out of Excel or an e-mail), in order and without repeats."""
    seen: dict[str, None] = {}
    for part in re.split(r"[\s,;]+", text):
        if part.strip():
            seen.setdefault(part.strip(), None)
    return tuple(seen)


def by_identifiers(people: QuerySet[Person], identifiers: tuple[str, ...]) -> QuerySet[Person]:
    """Those of `people` an entry names: an e-mail address (any case) or an employee number."""
    emails = [i.lower() for i in identifiers if "@" in i]
    numbers = [i for i in identifiers if "@" not in i]
    return people.annotate(email_lower=Lower("email")).filter(
        Q(email_lower__in=emails) | Q(employee_number__in=numbers)
    )


def unknown_identifiers(*, edition: Edition, identifiers: tuple[str, ...]) -> list[str]:
    """The entries of a pasted list that name nobody employed in the host organisation."""
    found = by_identifiers(
        Person.objects.filter(organisation_id=edition.programme.organisation_id, is_active=True),
        identifiers,
    )
    known = {e.lower() for e in found.values_list("email", flat=True)} | set(
        found.values_list("employee_number", flat=True)
    )
    return [i for i in identifiers if (i.lower() if "@" in i else i) not in known]


def rule_people(*, edition: Edition, rule: EnrolmentRule) -> QuerySet[Person]:
    """The host organisation's employed people the rule names (a partner's roster is not the
    host's to browse: partners' people are added one by one, by their e-mail address)."""
    people = Person.objects.filter(
        organisation_id=edition.programme.organisation_id, is_active=True
    )
    if rule.who == Who.EDITION and rule.source_edition is not None:
        statuses = (
            [Participant.Status.COMPLETED]
            if rule.source_status == FromEdition.COMPLETED
            else [Participant.Status.INVITED, Participant.Status.ACTIVE]
        )
        people = people.filter(
            participations__edition=rule.source_edition, participations__status__in=statuses
        )
    if rule.who == Who.LIST:
        people = by_identifiers(people, rule.identifiers)
    if rule.who in (Who.MANAGERS, Who.PERMANENT_MANAGERS):
        people = people.filter(is_manager=True)
    if rule.who == Who.PERMANENT_MANAGERS:
        people = people.exclude(acting_title_q())
    if rule.title.strip():
        people = people.filter(title__icontains=rule.title.strip())
    if rule.unit is not None:
        if rule.include_subunits:
            people = people.filter(unit__path__startswith=rule.unit.path)
        else:
            people = people.filter(unit=rule.unit)
    return people


def enrolment_preview(
    *, edition: Edition, rule: EnrolmentRule, today: dt.date | None = None
) -> EnrolmentPreview:
    """Who the rule adds (without those already in the edition), each with the editions of the
    same programme they have completed and the other editions they are enrolled in now; in
    three queries whatever the size."""
    today = today or timezone.localdate()
    named = rule_people(edition=edition, rule=rule)
    already_in = named.filter(participations__edition=edition).count()
    people = list(
        named.exclude(participations__edition=edition)
        .select_related("unit")
        .order_by("last_name", "first_name", "pk")
    )
    others = (
        Participant.objects.filter(person__in=[p.pk for p in people])
        .exclude(edition=edition)
        .select_related("edition__programme")
        .order_by("edition__start_date")
    )
    alumni: dict[int, list[str]] = {}
    enrolled: dict[int, list[str]] = {}
    for other in others:
        if (
            other.edition.programme_id == edition.programme_id
            and other.status == Participant.Status.COMPLETED
        ):
            alumni.setdefault(other.person_id, []).append(other.edition.name)
        elif (
            other.status in (Participant.Status.INVITED, Participant.Status.ACTIVE)
            and other.edition.end_date >= today
            and other.edition.status != Edition.Status.COMPLETED
        ):
            enrolled.setdefault(other.person_id, []).append(
                f"{other.edition.programme.name}: {other.edition.name}"
            )
    rows = [
        PreviewRow(person=p, alumnus_of=alumni.get(p.pk, []), enrolled_in=enrolled.get(p.pk, []))
        for p in people
    ]
    left_out = 0
    if rule.leave_out_alumni:
        left_out = sum(1 for r in rows if r.alumnus_of)
        rows = [r for r in rows if not r.alumnus_of]
    return EnrolmentPreview(rows=rows, already_in=already_in, left_out_alumni=left_out)
