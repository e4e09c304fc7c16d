"""The API of /api/v1/ (django-ninja): bearer tokens, problem details for every error, the
OpenAPI document and interactive documentation for signed-in staff."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.renderers import JSONRenderer

from plantskola.access.api import api_docs_can_view
from plantskola.api.v1.auth import TokenAuth
from plantskola.api.v1.endpoints import router
from plantskola.api.v1.problems import ApiProblem, problem_response


def staff_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The OpenAPI document and the docs: signed-in staff; others to the login or 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not api_docs_can_view(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


class Utf8Renderer(JSONRenderer):
    """JSON in UTF-8 as written (å, ä, ö rather than \\u escapes)."""

    json_dumps_params = {"ensure_ascii": False}


class PlantskolaAPI(NinjaAPI):
    """django-ninja's API, whose OpenAPI document gives errors their problem content type."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content["application/problem+json"] = content.pop("application/json")
        return schema


api = PlantskolaAPI(
    title="Plantskola API",
    version="1",
    description=(
        "Organisation-scoped API of Plantskola. Authenticate with `Authorization: Bearer "
        "<token>` (tokens are created by the organisation's HR administrator). Errors are RFC "
        "9457 problem details with a stable `code` and a Swedish `detail`. Lists are paged by "
        "cursor: follow `next_cursor` until it is null."
    ),
    urls_namespace="api_v1",
    auth=TokenAuth(),
    docs_decorator=staff_only,
    renderer=Utf8Renderer(),
)
api.add_router("", router)


def _instance(request: HttpRequest) -> str:
    return request.path


@api.exception_handler(ApiProblem)
def _problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
    return problem_response(exc, instance=_instance(request))


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    problem = ApiProblem(
        401,
        "auth.missing_token",
        _("Send an API token in the header 'Authorization: Bearer <token>'."),
        headers={"WWW-Authenticate": "Bearer"},
    )
    return problem_response(problem, instance=_instance(request))


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = [
        {
            "code": "request.invalid_value",
            "location": ".".join(str(part) for part in error.get("loc", ())),
            "detail": str(error.get("msg", "")),
        }
        for error in exc.errors
    ]
    problem = ApiProblem(
        422,
        "request.invalid",
        _("The request does not have the form the API expects; see errors."),
        errors=errors,
    )
    return problem_response(problem, instance=_instance(request))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    problem = ApiProblem(404, "not_found", _("There is nothing here, or the token may not see it."))
    return problem_response(problem, instance=_instance(request))


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    problem = ApiProblem(403, "auth.forbidden", _("The token may not do this."))
    return problem_response(problem, instance=_instance(request))


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    problem = ApiProblem(exc.status_code, "request.error", _("The request could not be handled."))
    return problem_response(problem, instance=_instance(request))
