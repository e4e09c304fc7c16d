"""Reads of the audit log for HR's search page."""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.db.models import Q, QuerySet

from plantskola.core.models import AuditEntry, Organisation, Person, User

# A search word matches at most this many people or users.
SEARCH_LIMIT = 200

AuditRow = tuple[AuditEntry, User | None, Person | None]


def entries_for_organisation(
    organisation_id: int,
    *,
    person_ids: Iterable[int] | None = None,
    actor_ids: Iterable[int] | None = None,
) -> QuerySet[AuditEntry]:
    qs = AuditEntry.objects.filter(organisation_id=organisation_id)
    if person_ids is not None:
        qs = qs.filter(subject_person_id__in=list(person_ids))
    if actor_ids is not None:
        qs = qs.filter(actor_id__in=list(actor_ids))
    return qs


def _person_ids(organisation: Organisation, words: list[str]) -> list[int]:
    people = Person.objects.filter(organisation=organisation)
    for word in words:
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(employee_number__iexact=word)
        )
    return list(people.values_list("pk", flat=True)[:SEARCH_LIMIT])


def _actor_ids(words: list[str]) -> list[int]:
    users = User.objects.all()
    for word in words:
        users = users.filter(
            Q(username__iexact=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(person__first_name__icontains=word)
            | Q(person__last_name__icontains=word)
        )
    return list(users.values_list("pk", flat=True)[:SEARCH_LIMIT])


def audit_search(
    *, organisation: Organisation, person: str = "", actor: str = ""
) -> QuerySet[AuditEntry]:
    """The organisation's entries about the people whose name or employee number match
    `person`, made by the users whose user name or name match `actor`; blank: everyone."""
    person_words, actor_words = person.split(), actor.split()
    return entries_for_organisation(
        organisation.pk,
        person_ids=_person_ids(organisation, person_words) if person_words else None,
        actor_ids=_actor_ids(actor_words) if actor_words else None,
    )


def audit_rows(entries: Iterable[AuditEntry]) -> list[AuditRow]:
    """Each entry with its actor and the person it is about (two queries for a page)."""
    rows = list(entries)
    subjects = Person.objects.in_bulk({e.subject_person_id for e in rows if e.subject_person_id})
    actors = User.objects.in_bulk({e.actor_id for e in rows if e.actor_id})
    return [(e, actors.get(e.actor_id or 0), subjects.get(e.subject_person_id or 0)) for e in rows]


def model_labels() -> dict[str, str]:
    """ "app_label.modelname" → the model's translated name, for logs and registers."""
    return {
        f"{m._meta.app_label}.{m._meta.model_name}": str(m._meta.verbose_name)
        for m in apps.get_models()
    }
