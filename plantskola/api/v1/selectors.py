"""What the API's read endpoints return: the same `*_for_user` querysets as the pages, with
the token's principal (`access.api.token_user`), as plain documents."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from plantskola.access.api import token_user
from plantskola.access.base import get_visible_or_404
from plantskola.access.core import organisations_for_user, people_for_user, units_for_user
from plantskola.access.diplomas import diplomas_for_user
from plantskola.access.programmes import (
    editions_for_user,
    participants_for_user,
    programmes_for_user,
    sessions_for_user,
)
from plantskola.api.models import ApiToken
from plantskola.core.models import Organisation, OrgUnit, Person
from plantskola.diplomas.models import Diploma
from plantskola.programmes.models import Edition, Participant, Programme, Session


def organisations_for_token(token: ApiToken) -> QuerySet[Organisation]:
    return organisations_for_user(token_user(token))


def organisation_for_token(token: ApiToken, slug: str) -> Organisation:
    """The organisation the token may read (its own): 404 for any other, as on the pages (and
    for a slug with a NUL, which PostgreSQL would refuse to compare)."""
    if "\x00" in slug:
        raise Http404
    return get_visible_or_404(organisations_for_token(token), slug=slug)


def units_for_token(token: ApiToken, organisation: Organisation) -> QuerySet[OrgUnit]:
    return (
        units_for_user(token_user(token)).filter(organisation=organisation).select_related("parent")
    )


def people_for_token(token: ApiToken, organisation: Organisation) -> QuerySet[Person]:
    return (
        people_for_user(token_user(token))
        .filter(organisation=organisation)
        .select_related("unit", "manager")
    )


def programmes_for_token(token: ApiToken) -> QuerySet[Programme]:
    return programmes_for_user(token_user(token)).select_related("organisation")


def editions_for_token(token: ApiToken, *, programme: int | None) -> QuerySet[Edition]:
    editions = editions_for_user(token_user(token)).select_related("programme__organisation")
    if programme is not None:
        editions = editions.filter(programme_id=programme)
    return editions.prefetch_related("partners")


def sessions_for_token(token: ApiToken, *, edition: int | None) -> QuerySet[Session]:
    sessions = sessions_for_user(token_user(token))
    if edition is not None:
        sessions = sessions.filter(edition_id=edition)
    return sessions


def edition_for_token(token: ApiToken, pk: int) -> Edition:
    return get_visible_or_404(editions_for_user(token_user(token)), pk=pk)


def participants_for_token(
    token: ApiToken, edition: Edition, *, status: str | None
) -> QuerySet[Participant]:
    participants = participants_for_user(token_user(token), edition).select_related(
        "person__organisation", "group"
    )
    if status:
        participants = participants.filter(status=status)
    return participants


def diplomas_for_token(
    token: ApiToken, *, edition: int | None, updated_since: datetime.datetime | None
) -> QuerySet[Diploma]:
    """Diplomas of the editions the token's organisation runs; `updated_since` finds those
    issued or revoked since then (a diploma changes in no other way)."""
    diplomas = diplomas_for_user(token_user(token)).select_related("participant")
    if edition is not None:
        diplomas = diplomas.filter(participant__edition_id=edition)
    if updated_since is not None:
        diplomas = diplomas.filter(
            Q(issued_at__gte=updated_since) | Q(revoked_at__gte=updated_since)
        )
    return diplomas


# --- documents --------------------------------------------------------------------------------


def organisation_doc(organisation: Organisation) -> dict[str, Any]:
    return {"slug": organisation.slug, "name": organisation.name, "kind": organisation.kind}


def unit_doc(unit: OrgUnit) -> dict[str, Any]:
    return {
        "id": unit.pk,
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "parent_id": unit.parent_id,
        "parent_code": unit.parent.code if unit.parent else None,
        "depth": max(0, unit.path.strip("/").count("/")),
    }


def person_doc(person: Person) -> dict[str, Any]:
    return {
        "id": person.pk,
        "employee_number": person.employee_number,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "unit_code": person.unit.code if person.unit else None,
        "title": person.title,
        "is_manager": person.is_manager,
        "manager_employee_number": person.manager.employee_number if person.manager else None,
        "is_active": person.is_active,
    }


def programme_doc(programme: Programme) -> dict[str, Any]:
    return {
        "id": programme.pk,
        "organisation": programme.organisation.slug,
        "name": programme.name,
        "audience": programme.audience,
    }


def edition_doc(edition: Edition) -> dict[str, Any]:
    return {
        "id": edition.pk,
        "programme_id": edition.programme_id,
        "name": edition.name,
        "start_date": edition.start_date,
        "end_date": edition.end_date,
        "status": edition.status,
        "host": edition.programme.organisation.slug,
        "partners": sorted(o.slug for o in edition.partners.all()),
    }


def session_doc(session: Session) -> dict[str, Any]:
    return {
        "id": session.pk,
        "edition_id": session.edition_id,
        "title": session.title,
        "kind": session.kind,
        "date": session.date,
        "start_time": session.start_time.strftime("%H:%M"),
        "end_time": session.end_time.strftime("%H:%M"),
        "place": session.place,
    }


def participant_doc(participant: Participant) -> dict[str, Any]:
    person = participant.person
    return {
        "id": participant.pk,
        "edition_id": participant.edition_id,
        "organisation": person.organisation.slug,
        "employee_number": person.employee_number,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "status": participant.status,
        "group": participant.group.name if participant.group else None,
    }


def diploma_doc(diploma: Diploma, verification_url: str) -> dict[str, Any]:
    return {
        "id": diploma.pk,
        "code": diploma.display_code,
        "recipient_name": diploma.recipient_name,
        "organisation_name": diploma.organisation_name,
        "programme_name": diploma.programme_name,
        "edition_name": diploma.edition_name,
        "edition_id": diploma.participant.edition_id,
        "start_date": diploma.start_date,
        "end_date": diploma.end_date,
        "issued_at": diploma.issued_at,
        "revoked_at": diploma.revoked_at,
        "is_valid": diploma.is_valid,
        "verification_url": verification_url,
    }
