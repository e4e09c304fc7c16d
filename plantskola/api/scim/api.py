"""SCIM 2.0 under /api/v1/scim/v2/ (Entra ID's Tenant URL): a django-ninja API of its own,
beside /api/v1/, with the same bearer tokens (`v1.auth.TokenAuth`: revoked, expired, rate
limit) but SCIM's error document for every error instead of RFC 9457 problem details, and no
OpenAPI document (SCIM describes itself at /Schemas and /ResourceTypes)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError

from plantskola.api.scim.endpoints import router
from plantskola.api.scim.errors import ScimError, error_response
from plantskola.api.v1.auth import TokenAuth
from plantskola.api.v1.problems import ApiProblem

scim_api = NinjaAPI(
    title="Plantskola SCIM 2.0",
    version="2",
    urls_namespace="scim_v2",
    auth=TokenAuth(),
    openapi_url=None,
    docs_url=None,
)
scim_api.add_router("", router)


@scim_api.exception_handler(ScimError)
def _scim_error(request: HttpRequest, exc: ScimError) -> HttpResponse:
    return error_response(exc)


@scim_api.exception_handler(ApiProblem)
def _token_problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
    # The token's own problems (invalid, revoked, expired, rate limited) in SCIM's form.
    return error_response(ScimError(exc.status, exc.detail, headers=exc.headers))


@scim_api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(
        ScimError(
            401,
            _("Send an API token in the header 'Authorization: Bearer <token>'."),
            headers={"WWW-Authenticate": "Bearer"},
        )
    )


@scim_api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(ScimError(404, _("There is no such user, or the token may not see it.")))


@scim_api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(ScimError(403, _("The token may not do this.")))


@scim_api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error_response(ScimError(exc.status_code, _("The request could not be handled.")))
