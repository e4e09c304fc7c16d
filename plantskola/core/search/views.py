"""The searches behind the searchable selects: JSON of at most `RESULT_LIMIT` options and
the number that matched, only from what the user may see."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.contrib.auth.decorators import login_required
from django.db.models import Model, QuerySet
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from plantskola.core.search import selectors
from plantskola.core.search.selectors import RESULT_LIMIT

M = TypeVar("M", bound=Model)

MAX_QUERY = 100


def _query(request: HttpRequest) -> str:
    return request.GET.get("q", "")[:MAX_QUERY]


def _int(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


def _answer(found: QuerySet[M], label: Callable[[M], str]) -> JsonResponse:
    count = found.count()
    results = [{"id": o.pk, "label": label(o)} for o in found[:RESULT_LIMIT]]
    return JsonResponse({"count": count, "results": results})


@login_required
@require_GET
def search_people(request: HttpRequest) -> JsonResponse:
    """People the user may see (`access.core.people_for_user`)."""
    found = selectors.people_search(
        user=request.user,
        text=_query(request),
        organisation_id=_int(request, "organisation"),
        managers_only=request.GET.get("managers") == "1",
        with_login=request.GET.get("login") == "1",
    )
    return _answer(found, selectors.person_label)


@login_required
@require_GET
def search_managers(request: HttpRequest) -> JsonResponse:
    """Managers the user may name as their own (`access.core.manager_candidates_for_user`)."""
    found = selectors.managers_search(user=request.user, text=_query(request))
    return _answer(found, selectors.person_label)


@login_required
@require_GET
def search_units(request: HttpRequest) -> JsonResponse:
    """Units the user may see (`access.core.units_for_user`)."""
    found = selectors.units_search(
        user=request.user, text=_query(request), organisation_id=_int(request, "organisation")
    )
    return _answer(found, selectors.unit_label)
