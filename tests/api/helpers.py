"""Tokens of each kind for the API tests, and a client that sends one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.utils import timezone

from plantskola.api.models import ApiToken
from plantskola.api.tokens.services import api_token_create, api_token_revoke
from plantskola.core.models import Organisation
from tests.conftest import World

ALL_SCOPES = [scope.value for scope in ApiToken.Scope]

# Token kinds of the API's authorization matrix: each scope of the host alone, every scope of
# another organisation and of a partner of the joint edition, expired, revoked, and none.
KINDS = [
    "roster:write",
    "programmes:read",
    "people:read",
    "diplomas:read",
    "scim:write",
    "other_org",
    "partner",
    "expired",
    "revoked",
    "none",
]


def token_for(
    organisation: Organisation, scopes: list[str], name: str = "Test", days: int = 30
) -> str:
    _token, secret = api_token_create(
        organisation=organisation,
        name=name,
        scopes=scopes,
        expires_on=timezone.localdate() + dt.timedelta(days=days),
    )
    return secret


def secret_for(w: World, kind: str) -> str | None:
    """The secret of a token of `kind` (None: no token at all)."""
    if kind in ALL_SCOPES:
        return token_for(w.host, [kind], name=kind)
    if kind == "other_org":
        return token_for(w.other, ALL_SCOPES, name="other")
    if kind == "partner":
        return token_for(w.partner, ALL_SCOPES, name="partner")
    if kind == "expired":
        secret = token_for(w.host, ALL_SCOPES, name="expired")
        ApiToken.objects.filter(name="expired").update(
            expires_on=timezone.localdate() - dt.timedelta(days=1)
        )
        return secret
    if kind == "revoked":
        secret = token_for(w.host, ALL_SCOPES, name="revoked")
        api_token_revoke(token=ApiToken.objects.get(name="revoked"))
        return secret
    return None


def api_client(secret: str | None) -> Client:
    headers: dict[str, Any] = {}
    if secret:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return Client(**headers)


def small_roster() -> list[dict[str, Any]]:
    """The host's roster as conftest's World has it, in JSON rows (as the HR system sends)."""
    return [
        {
            "employee_number": "H100",
            "first_name": "Maria",
            "last_name": "Chef",
            "unit_code": "SOC",
            "is_manager": True,
            "title": "Förvaltningschef",
        },
        {
            "employee_number": "H101",
            "first_name": "Erik",
            "last_name": "Anställd",
            "unit_code": "SOC-1",
            "manager_employee_number": "H100",
            "title": "Undersköterska",
        },
        {
            "employee_number": "H102",
            "first_name": "Pia",
            "last_name": "Deltagare",
            "unit_code": "SOC-1",
            "manager_employee_number": "H100",
        },
        {
            "employee_number": "H103",
            "first_name": "Hanna",
            "last_name": "Personal",
            "unit_code": "KLF",
            "title": "HR-strateg",
        },
        {
            "employee_number": "H104",
            "first_name": "Kim",
            "last_name": "Koordinator",
            "unit_code": "KLF",
        },
        {
            "employee_number": "H105",
            "first_name": "Sam",
            "last_name": "Styrgrupp",
            "unit_code": "KLF",
        },
        {
            "employee_number": "H106",
            "first_name": "Lea",
            "last_name": "Kursledare",
            "unit_code": "KLF",
        },
    ]
