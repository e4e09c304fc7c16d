"""The API's authorization matrix: every endpoint × every token kind (each scope of the host
alone, another organisation's token, a partner's token, expired, revoked, none), and the
tenancy of what a token is shown: the same rules as the pages."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from plantskola.api.v1.api import api
from tests.api.helpers import ALL_SCOPES, KINDS, api_client, secret_for, small_roster
from tests.conftest import World

DENIED = {"expired": 401, "revoked": 401, "none": 401}


def expect(scope: str | None, *, other_org: int, partner: int) -> dict[str, int]:
    """200 for a host token with `scope` (every host token when None), 403 for the host's
    tokens of the other scopes, and as given for the other organisation's and partner's."""
    table = {s: 200 if scope is None or s == scope else 403 for s in ALL_SCOPES}
    return {**table, "other_org": other_org, "partner": partner, **DENIED}


@dataclass
class Endpoint:
    name: str
    args: Callable[[World], list[Any]]
    expected: dict[str, int]
    query: Callable[[World], dict[str, Any]] = lambda w: {}
    method: str = "get"


def _host(w: World) -> list[Any]:
    return [w.host.slug]


ENDPOINTS = [
    Endpoint("organisation_list", lambda w: [], expect(None, other_org=200, partner=200)),
    Endpoint("unit_list", _host, expect("people:read", other_org=404, partner=404)),
    Endpoint("person_list", _host, expect("people:read", other_org=404, partner=404)),
    Endpoint("programme_list", lambda w: [], expect("programmes:read", other_org=200, partner=200)),
    Endpoint("edition_list", lambda w: [], expect("programmes:read", other_org=200, partner=200)),
    Endpoint("session_list", lambda w: [], expect("programmes:read", other_org=200, partner=200)),
    Endpoint(
        "participant_list",
        lambda w: [],
        expect("programmes:read", other_org=404, partner=200),
        query=lambda w: {"edition": w.edition.pk},
    ),
    Endpoint("diploma_list", lambda w: [], expect("diplomas:read", other_org=200, partner=200)),
    Endpoint(
        "roster_push",
        _host,
        expect("roster:write", other_org=404, partner=404),
        method="put",
    ),
]


def _call(w: World, endpoint: Endpoint, secret: str | None) -> Any:
    client = api_client(secret)
    url = reverse(f"api_v1:{endpoint.name}", args=endpoint.args(w))
    if endpoint.method == "put":
        return client.put(
            url + "?dry_run=true",
            data=json.dumps({"rows": small_roster()}),
            content_type="application/json",
        )
    return client.get(url, endpoint.query(w))


def test_every_api_operation_has_a_row() -> None:
    operations = sorted(
        op["operationId"]
        for path in api.get_openapi_schema()["paths"].values()
        for op in path.values()
    )
    names = sorted(f"plantskola_api_v1_endpoints_{e.name}" for e in ENDPOINTS)
    assert operations == names


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_endpoint_answers_each_token_kind_as_declared(world: World, endpoint: Endpoint) -> None:
    got: dict[str, int] = {}
    for kind in KINDS:
        response = _call(world, endpoint, secret_for(world, kind))
        got[kind] = response.status_code
        if response.status_code != 200:
            assert response["Content-Type"].startswith("application/problem+json")
            body = response.json()
            assert body["status"] == response.status_code
            assert body["code"] and body["detail"]
    assert got == {kind: endpoint.expected[kind] for kind in KINDS}
