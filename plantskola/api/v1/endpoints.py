"""The endpoints of /api/v1/: parse, authorise (token scope here, tenancy in the selectors'
`*_for_user` querysets), call one selector or service, answer."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router
from ninja.params import functions as param

from plantskola.access.api import roster_can_push, token_has_scope
from plantskola.api.models import ApiToken
from plantskola.api.v1 import schemas, selectors, services
from plantskola.api.v1.auth import request_token
from plantskola.api.v1.pagination import DEFAULT_LIMIT, MAX_LIMIT, page, paged
from plantskola.api.v1.problems import ApiProblem
from plantskola.programmes.models import Participant

router = Router()

ERRORS: dict[int, Any] = {
    400: schemas.Problem,
    401: schemas.Problem,
    403: schemas.Problem,
    404: schemas.Problem,
    422: schemas.Problem,
    429: schemas.Problem,
}

MAX_ID = 2**31 - 1


def _cursor() -> Any:
    return param.Query(None, max_length=100, description="`next_cursor` of the page before")


def _limit() -> Any:
    return param.Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


def _id(description: str) -> Any:
    return param.Query(None, ge=1, le=MAX_ID, description=description)


def _scoped(request: HttpRequest, scope: str) -> ApiToken:
    token = request_token(request)
    if not token_has_scope(token, scope):
        raise ApiProblem(
            403,
            "auth.scope_missing",
            _("The API token does not have the scope '%(scope)s'.") % {"scope": scope},
        )
    return token


@router.get(
    "/organisations",
    response={200: schemas.OrganisationPage, **ERRORS},
    url_name="organisation_list",
    summary="Organisations the token belongs to",
)
def organisation_list(
    request: HttpRequest, cursor: str | None = _cursor(), limit: int = _limit()
) -> Any:
    token = request_token(request)
    items, more = page(selectors.organisations_for_token(token), cursor=cursor, limit=limit)
    return paged([selectors.organisation_doc(o) for o in items], more)


@router.get(
    "/organisations/{str:slug}/units",
    response={200: schemas.UnitPage, **ERRORS},
    url_name="unit_list",
    summary="The organisation's units, each with its parent (the tree)",
)
def unit_list(
    request: HttpRequest, slug: str, cursor: str | None = _cursor(), limit: int = _limit()
) -> Any:
    token = _scoped(request, ApiToken.Scope.PEOPLE_READ)
    organisation = selectors.organisation_for_token(token, slug)
    units = selectors.units_for_token(token, organisation)
    items, more = page(units, cursor=cursor, limit=limit)
    return paged([selectors.unit_doc(u) for u in items], more)


@router.get(
    "/organisations/{str:slug}/people",
    response={200: schemas.PersonPage, **ERRORS},
    url_name="person_list",
    summary="The organisation's people (those who have left included)",
)
def person_list(
    request: HttpRequest, slug: str, cursor: str | None = _cursor(), limit: int = _limit()
) -> Any:
    token = _scoped(request, ApiToken.Scope.PEOPLE_READ)
    organisation = selectors.organisation_for_token(token, slug)
    people = selectors.people_for_token(token, organisation)
    items, more = page(people, cursor=cursor, limit=limit)
    return paged([selectors.person_doc(p) for p in items], more)


@router.get(
    "/programmes",
    response={200: schemas.ProgrammePage, **ERRORS},
    url_name="programme_list",
    summary="Programmes the token's organisation runs or takes part in",
)
def programme_list(
    request: HttpRequest, cursor: str | None = _cursor(), limit: int = _limit()
) -> Any:
    token = _scoped(request, ApiToken.Scope.PROGRAMMES_READ)
    items, more = page(selectors.programmes_for_token(token), cursor=cursor, limit=limit)
    return paged([selectors.programme_doc(p) for p in items], more)


@router.get(
    "/editions",
    response={200: schemas.EditionPage, **ERRORS},
    url_name="edition_list",
    summary="Editions (a partner's token: the joint editions it takes part in)",
)
def edition_list(
    request: HttpRequest,
    programme: int | None = _id("Only this programme's editions"),
    cursor: str | None = _cursor(),
    limit: int = _limit(),
) -> Any:
    token = _scoped(request, ApiToken.Scope.PROGRAMMES_READ)
    editions = selectors.editions_for_token(token, programme=programme)
    items, more = page(editions, cursor=cursor, limit=limit)
    return paged([selectors.edition_doc(e) for e in items], more)


@router.get(
    "/sessions",
    response={200: schemas.SessionPage, **ERRORS},
    url_name="session_list",
    summary="Sessions of the editions the token sees",
)
def session_list(
    request: HttpRequest,
    edition: int | None = _id("Only this edition"),
    cursor: str | None = _cursor(),
    limit: int = _limit(),
) -> Any:
    token = _scoped(request, ApiToken.Scope.PROGRAMMES_READ)
    sessions = selectors.sessions_for_token(token, edition=edition)
    items, more = page(sessions, cursor=cursor, limit=limit)
    return paged([selectors.session_doc(s) for s in items], more)


@router.get(
    "/participants",
    response={200: schemas.ParticipantPage, **ERRORS},
    url_name="participant_list",
    summary="Participants of an edition with their status (a partner's token: its own people)",
)
def participant_list(
    request: HttpRequest,
    edition: int = param.Query(..., ge=1, le=MAX_ID, description="The edition"),
    status: Participant.Status | None = None,
    cursor: str | None = _cursor(),
    limit: int = _limit(),
) -> Any:
    token = _scoped(request, ApiToken.Scope.PROGRAMMES_READ)
    found = selectors.edition_for_token(token, edition)
    participants = selectors.participants_for_token(
        token, found, status=str(status) if status else None
    )
    items, more = page(participants, cursor=cursor, limit=limit)
    return paged([selectors.participant_doc(p) for p in items], more)


@router.get(
    "/diplomas",
    response={200: schemas.DiplomaPage, **ERRORS},
    url_name="diploma_list",
    summary="Diplomas of the editions the token's organisation runs, with the verification URL",
)
def diploma_list(
    request: HttpRequest,
    edition: int | None = _id("Only this edition"),
    updated_since: datetime.datetime | None = None,
    cursor: str | None = _cursor(),
    limit: int = _limit(),
) -> Any:
    token = _scoped(request, ApiToken.Scope.DIPLOMAS_READ)
    if updated_since is not None and updated_since.tzinfo is None:
        raise ApiProblem(
            400,
            "request.naive_datetime",
            _("Give updated_since with a time zone, e.g. 2026-01-31T22:00:00+01:00."),
        )
    diplomas = selectors.diplomas_for_token(token, edition=edition, updated_since=updated_since)
    items, more = page(diplomas, cursor=cursor, limit=limit)
    return paged(
        [
            selectors.diploma_doc(
                d, request.build_absolute_uri(reverse("diplomas:diploma_verify", args=[d.code]))
            )
            for d in items
        ],
        more,
    )


@router.put(
    "/organisations/{str:slug}/roster",
    response={200: schemas.RosterOut, **ERRORS},
    url_name="roster_push",
    summary="Push the whole staff roster (as the file import; all or nothing)",
)
def roster_push(
    request: HttpRequest,
    slug: str,
    payload: schemas.RosterIn,
    dry_run: bool = False,
) -> Any:
    token = _scoped(request, ApiToken.Scope.ROSTER_WRITE)
    organisation = selectors.organisation_for_token(token, slug)
    if not roster_can_push(token, organisation):
        raise ApiProblem(403, "auth.forbidden", _("The token may not push this roster."))
    return services.roster_push(
        token=token,
        organisation=organisation,
        rows=[row.model_dump(exclude_unset=True) for row in payload.rows],
        effective_date=payload.effective_date,
        dry_run=dry_run,
        idempotency_key=request.headers.get("Idempotency-Key", ""),
        fingerprint=services.request_fingerprint(request.body + (b"?dry" if dry_run else b"")),
    )
