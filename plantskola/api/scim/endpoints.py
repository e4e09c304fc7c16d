"""The SCIM endpoints: parse, authorise (the `scim:write` scope here, the token's
organisation in `access.api`), call one selector or service, answer `application/scim+json`.
The bodies are read by `resources`, not by a Pydantic schema: SCIM's attribute names and
Entra ID's `op` values are case-insensitive, and its errors have SCIM's form, not RFC 9457's."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router

from plantskola.access.api import scim_can_provision, scim_user_get_for_token
from plantskola.api.models import ApiToken, ScimUser
from plantskola.api.scim import resources, selectors, services
from plantskola.api.scim.errors import ScimError, scim_response
from plantskola.api.v1.auth import request_token

router = Router()

# startIndex beyond any roster (a database's OFFSET has its limits).
MAX_START = 10_000_000


def _token(request: HttpRequest) -> ApiToken:
    token = request_token(request)
    if not scim_can_provision(token):
        raise ScimError(
            403, _("The API token does not have the scope '%(scope)s'.") % {"scope": "scim:write"}
        )
    return token


def _location(request: HttpRequest, scim: ScimUser) -> str:
    root = request.build_absolute_uri(request.path)
    root = root.split("/Users")[0]
    return f"{root}/Users/{scim.person_id}"


def _body(request: HttpRequest) -> Any:
    try:
        return json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError) as exc:
        raise ScimError(400, _("The request body is not JSON."), scim_type="invalidSyntax") from exc


def _user(token: ApiToken, user_id: str) -> ScimUser:
    if not (user_id.isdigit() and len(user_id) <= 18):
        raise ScimError(404, _("There is no such user, or the token may not see it."))
    return scim_user_get_for_token(token, int(user_id))


def _int(request: HttpRequest, name: str, default: int) -> int:
    text = request.GET.get(name)
    if text is None or text == "":
        return default
    try:
        return int(text)
    except ValueError as exc:
        raise ScimError(
            400,
            _("The parameter %(name)s must be a whole number.") % {"name": name},
            scim_type="invalidValue",
        ) from exc


def _answer(request: HttpRequest, scim: ScimUser, *, status: int = 200) -> HttpResponse:
    location = _location(request, scim)
    doc = selectors.user_doc(scim, location=location)
    headers = {"Location": location} if status == 201 else {}
    return scim_response(doc, status=status, headers=headers)


@router.get("/Users", url_name="user_list", include_in_schema=False)
def user_list(request: HttpRequest) -> HttpResponse:
    token = _token(request)
    users = selectors.users_for_token(token, filter_text=request.GET.get("filter"))
    start = min(max(1, _int(request, "startIndex", 1)), MAX_START)
    count = min(max(0, _int(request, "count", selectors.DEFAULT_COUNT)), selectors.MAX_COUNT)
    total = users.count()
    page = list(users[start - 1 : start - 1 + count]) if count else []
    resources_ = [selectors.user_doc(scim, location=_location(request, scim)) for scim in page]
    return scim_response(selectors.list_doc(resources_, total=total, start_index=start))


@router.post("/Users", url_name="user_create", include_in_schema=False)
def user_create(request: HttpRequest) -> HttpResponse:
    token = _token(request)
    data = resources.user_from_resource(_body(request))
    scim = services.scim_user_create(token=token, data=data)
    return _answer(request, scim, status=201)


@router.get("/Users/{user_id}", url_name="user_detail", include_in_schema=False)
def user_detail(request: HttpRequest, user_id: str) -> HttpResponse:
    token = _token(request)
    return _answer(request, _user(token, user_id))


@router.put("/Users/{user_id}", url_name="user_replace", include_in_schema=False)
def user_replace(request: HttpRequest, user_id: str) -> HttpResponse:
    token = _token(request)
    scim = _user(token, user_id)
    data = resources.user_from_resource(_body(request))
    return _answer(request, services.scim_user_replace(token=token, scim=scim, data=data))


@router.patch("/Users/{user_id}", url_name="user_patch", include_in_schema=False)
def user_patch(request: HttpRequest, user_id: str) -> HttpResponse:
    token = _token(request)
    scim = _user(token, user_id)
    data = resources.user_patch(selectors.user_data(scim), _body(request))
    return _answer(request, services.scim_user_replace(token=token, scim=scim, data=data))


@router.delete("/Users/{user_id}", url_name="user_delete", include_in_schema=False)
def user_delete(request: HttpRequest, user_id: str) -> HttpResponse:
    token = _token(request)
    services.scim_user_deprovision(token=token, scim=_user(token, user_id))
    return HttpResponse(status=204)


# --- discovery --------------------------------------------------------------------------------


def _root(request: HttpRequest) -> str:
    path = request.path
    for end in ("ServiceProviderConfig", "ResourceTypes", "Schemas"):
        if end in path:
            path = path[: path.index(end)]
    return request.build_absolute_uri(path)


@router.get("/ServiceProviderConfig", url_name="service_provider_config", include_in_schema=False)
def service_provider_config(request: HttpRequest) -> HttpResponse:
    _token(request)
    return scim_response(selectors.service_provider_config(base=_root(request)))


@router.get("/ResourceTypes", url_name="resource_types", include_in_schema=False)
def resource_types(request: HttpRequest) -> HttpResponse:
    _token(request)
    found = selectors.resource_types(base=_root(request))
    return scim_response(selectors.list_doc(found, total=len(found), start_index=1))


@router.get("/Schemas", url_name="schemas", include_in_schema=False)
def schemas(request: HttpRequest) -> HttpResponse:
    _token(request)
    found = selectors.schemas(base=_root(request))
    return scim_response(selectors.list_doc(found, total=len(found), start_index=1))
