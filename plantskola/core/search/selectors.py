"""Matching typed text to people and units, always within a queryset the caller has already
narrowed to what the user may see (and choose)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from plantskola.access.base import UserLike
from plantskola.access.core import manager_candidates_for_user, people_for_user, units_for_user
from plantskola.core.models import OrgUnit, Person

# The most options a search answers with; the count says how many matched in all.
RESULT_LIMIT = 20


def person_label(person: Person) -> str:
    """A name with what tells two people of the same name apart."""
    extra = [person.title, person.unit.name if person.unit else ""]
    details = ", ".join(e for e in extra if e)
    return f"{person.full_name} ({details})" if details else person.full_name


def unit_label(unit: OrgUnit) -> str:
    return f"{unit.name} ({unit.code})" if unit.code else unit.name


def people_matching(people: QuerySet[Person], text: str) -> QuerySet[Person]:
    """An exact employee number or e-mail address, else the people whose name contains every
    word typed; a label as the widget shows it ("Name (title, unit)") finds its person."""
    text = text.strip()
    if not text:
        return people.none()
    if text.endswith(")") and " (" in text:
        named = _words_in_name(people, text.split(" (", 1)[0]).select_related("unit")
        labelled = [p.pk for p in named[:50] if person_label(p) == text]
        if labelled:
            return people.filter(pk__in=labelled)
    exact = people.filter(Q(employee_number__iexact=text) | Q(email__iexact=text))
    if exact.exists():
        return exact
    return _words_in_name(people, text)


def _words_in_name(people: QuerySet[Person], text: str) -> QuerySet[Person]:
    for word in text.split():
        people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return people.order_by("last_name", "first_name", "pk")


def units_matching(units: QuerySet[OrgUnit], text: str) -> QuerySet[OrgUnit]:
    """An exact unit code or name, else the units whose name contains every word typed; a
    label as the widget shows it ("Name (code)") finds its unit."""
    text = text.strip()
    if not text:
        return units.none()
    if text.endswith(")") and " (" in text:
        code = text.rsplit(" (", 1)[1].removesuffix(")").strip()
        by_label = units.filter(code__iexact=code, name__iexact=text.rsplit(" (", 1)[0])
        if by_label.exists():
            return by_label
    exact = units.filter(Q(code__iexact=text) | Q(name__iexact=text))
    if exact.exists():
        return exact
    for word in text.split():
        units = units.filter(name__icontains=word)
    return units.order_by("name", "pk")


def people_search(
    *,
    user: UserLike,
    text: str,
    organisation_id: int | None = None,
    managers_only: bool = False,
    with_login: bool = False,
) -> QuerySet[Person]:
    """Active people the user may see whose name, employee number or e-mail matches (only
    those with a login, for a field that offers staff who sign in, such as interviewers)."""
    people = people_for_user(user).filter(is_active=True)
    if with_login:
        people = people.filter(user__isnull=False)
    if organisation_id is not None:
        people = people.filter(organisation_id=organisation_id)
    if managers_only:
        people = people.filter(is_manager=True)
    return people_matching(people.select_related("unit"), text)


def managers_search(*, user: UserLike, text: str) -> QuerySet[Person]:
    """Managers the user may name as their closest manager (their own organisation's)."""
    return people_matching(manager_candidates_for_user(user).select_related("unit"), text)


def units_search(
    *, user: UserLike, text: str, organisation_id: int | None = None
) -> QuerySet[OrgUnit]:
    units = units_for_user(user)
    if organisation_id is not None:
        units = units.filter(organisation_id=organisation_id)
    return units_matching(units, text)
