"""RFC 9457 problem details: every error of the API is `application/problem+json` with a
stable machine `code` (``"roster.manager_cycle"``) and a Swedish `detail` for the person who
reads the log of the integration."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse

PROBLEM_TYPE = "urn:plantskola:api:problem:"


class ApiProblem(Exception):
    """Raised anywhere in an endpoint; answered as a problem document."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        *,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}


def problem_response(problem: ApiProblem, *, instance: str = "") -> HttpResponse:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE + problem.code,
        "title": problem.code,
        "status": problem.status,
        "code": problem.code,
        "detail": problem.detail,
    }
    if instance:
        body["instance"] = instance
    if problem.errors is not None:
        body["errors"] = problem.errors
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=problem.status,
        content_type="application/problem+json; charset=utf-8",
    )
    for name, value in problem.headers.items():
        response[name] = value
    return response
