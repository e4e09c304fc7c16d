"""The SCIM endpoints' rows of the API's authorization matrix: every endpoint × every token
kind (each scope of the host alone, another organisation's and a partner's token with every
scope, expired, revoked, none). Only `scim:write` provisions; another organisation's token
lists nothing and finds no user of the host (404); every refusal is SCIM's error document."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from plantskola.api.models import ScimUser
from plantskola.api.scim.api import scim_api
from tests.api import scim_fixtures as fx
from tests.api.helpers import ALL_SCOPES, KINDS, api_client, secret_for, token_for
from tests.conftest import World

_NAMES = itertools.count()
DENIED = {"expired": 401, "revoked": 401, "none": 401}


def expect(ok: int, *, other_org: int) -> dict[str, int]:
    table = {s: ok if s == "scim:write" else 403 for s in ALL_SCOPES}
    return {**table, "other_org": other_org, "partner": other_org, **DENIED}


@dataclass
class Endpoint:
    name: str
    expected: dict[str, int]
    method: str = "get"
    # The body sent, given the kind (a fresh userName each, so creates do not conflict).
    body: Callable[[str], Any] | None = None
    with_user: bool = False


ENDPOINTS = [
    Endpoint("user_list", expect(200, other_org=200)),
    Endpoint(
        "user_create",
        expect(201, other_org=201),
        method="post",
        body=lambda kind: {**fx.create_user(f"N-{kind}"), "userName": f"new-{kind}"},
    ),
    Endpoint("user_detail", expect(200, other_org=404), with_user=True),
    Endpoint(
        "user_replace",
        expect(200, other_org=404),
        method="put",
        body=lambda kind: {**fx.create_user("H101"), "userName": "erik"},
        with_user=True,
    ),
    Endpoint(
        "user_patch",
        expect(200, other_org=404),
        method="patch",
        body=lambda kind: fx.PATCH_MULTI_VALUED,
        with_user=True,
    ),
    Endpoint("user_delete", expect(204, other_org=404), method="delete", with_user=True),
    Endpoint("service_provider_config", expect(200, other_org=200)),
    Endpoint("resource_types", expect(200, other_org=200)),
    Endpoint("schemas", expect(200, other_org=200)),
]


def _provisioned(w: World) -> str:
    """The host's employee, provisioned (again, after a delete) by the host's SCIM token."""
    if not ScimUser.objects.filter(person=w.employee).exists():
        client = api_client(token_for(w.host, ["scim:write"], name=f"Entra ID {next(_NAMES)}"))
        body = {**fx.create_user("H101"), "userName": "erik"}
        response = client.post(
            reverse("scim_v2:user_list"),
            data=json.dumps(body),
            content_type="application/scim+json",
        )
        assert response.status_code == 201, response.content
    return str(w.employee.pk)


def _call(client: Client, endpoint: Endpoint, args: list[str], kind: str) -> Any:
    url = reverse(f"scim_v2:{endpoint.name}", args=args)
    if endpoint.body is None:
        return getattr(client, endpoint.method)(url)
    return getattr(client, endpoint.method)(
        url, data=json.dumps(endpoint.body(kind)), content_type="application/scim+json"
    )


def test_every_scim_url_has_a_row() -> None:
    names = {getattr(p, "name", "") for p in scim_api.urls[0]} - {"api-root"}
    assert names == {e.name for e in ENDPOINTS}


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_scim_endpoint_answers_each_token_kind_as_declared(
    world: World, endpoint: Endpoint
) -> None:
    got: dict[str, int] = {}
    for kind in KINDS:
        args = [_provisioned(world)] if endpoint.with_user else []
        response = _call(api_client(secret_for(world, kind)), endpoint, args, kind)
        got[kind] = response.status_code
        if response.status_code >= 400:
            assert response["Content-Type"].startswith("application/scim+json")
            body = response.json()
            assert body["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
            assert body["status"] == str(response.status_code) and body["detail"]
    assert got == {kind: endpoint.expected[kind] for kind in KINDS}


def test_another_organisations_list_never_shows_the_hosts_users(world: World) -> None:
    _provisioned(world)
    for kind in ("other_org", "partner"):
        body = api_client(secret_for(world, kind)).get(reverse("scim_v2:user_list")).json()
        assert body["totalResults"] == 0 and body["Resources"] == []
