"""SCIM's error document (RFC 7644 §3.12): `urn:ietf:params:scim:api:messages:2.0:Error` with
the status as a string, a `scimType` where the RFC names one, and a Swedish `detail` for the
person who reads Entra ID's provisioning log."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse

ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"
CONTENT_TYPE = "application/scim+json; charset=utf-8"


class ScimError(Exception):
    def __init__(
        self,
        status: int,
        detail: str,
        *,
        scim_type: str = "",
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.scim_type = scim_type
        self.headers = headers or {}


def scim_response(
    body: Any, *, status: int = 200, headers: dict[str, str] | None = None
) -> HttpResponse:
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=CONTENT_TYPE
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def error_response(error: ScimError) -> HttpResponse:
    body: dict[str, Any] = {
        "schemas": [ERROR_SCHEMA],
        "status": str(error.status),
        "detail": error.detail,
    }
    if error.scim_type:
        body["scimType"] = error.scim_type
    return scim_response(body, status=error.status, headers=error.headers)
