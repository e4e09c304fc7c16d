"""SCIM's bodies are read by hand (`api.scim.resources`), not by a schema the OpenAPI fuzzing
covers: so generated bodies here, Entra ID-like and arbitrary, for POST, PUT and PATCH, and
generated filters and paging. Not one server error; every refusal is SCIM's 4xx document."""

from __future__ import annotations

import json
import os
from typing import Any

from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api import scim_fixtures as fx
from tests.api.helpers import api_client, token_for
from tests.conftest import World

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text as a database refuses it (PostgreSQL: no NUL) comes often, not by chance only.
texts = st.text(max_size=30) | st.sampled_from(["a\x00b", "\x00", "\x7f", "é" * 300])
scalars = st.none() | st.booleans() | st.integers() | texts | st.floats()
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=3)
    ),
    max_leaves=12,
)
PATHS = [
    "active",
    "userName",
    "externalId",
    "name.givenName",
    "name.familyName",
    "name",
    "title",
    "emails",
    'emails[type eq "work"].value',
    f"{fx.ENTERPRISE}:employeeNumber",
    f"{fx.ENTERPRISE}:department",
    f"{fx.ENTERPRISE}:manager",
    fx.ENTERPRISE,
    "displayName",
    'phoneNumbers[type eq "work"].value',
]
operations = st.fixed_dictionaries(
    {
        "op": st.sampled_from(["add", "Replace", "remove", "Add", "copy"]),
        "value": json_values,
    },
    optional={"path": st.sampled_from(PATHS) | texts},
)
patches = (
    st.fixed_dictionaries(
        {
            "schemas": st.just([fx.PATCH_MULTI_VALUED["schemas"][0]]),
            "Operations": st.lists(operations, max_size=4),
        }
    )
    | json_values
)
users = (
    st.builds(
        lambda base, extra: {**base, **extra},
        st.builds(lambda n: fx.create_user(f"F{n}"), st.integers(0, 50)),
        st.dictionaries(
            st.sampled_from(["userName", "active", "emails", "name", "title", fx.ENTERPRISE]),
            json_values,
            max_size=3,
        ),
    )
    | json_values
)


def _ok(response: Any) -> None:
    assert response.status_code < 500, response.content
    if response.status_code >= 400:
        assert response.json()["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]


def _client(world: World) -> tuple[Client, str]:
    client = api_client(token_for(world.host, ["scim:write"], name="Fuzz"))
    created = client.post(
        reverse("scim_v2:user_list"),
        data=json.dumps(fx.create_user("H101")),
        content_type="application/scim+json",
    )
    assert created.status_code == 201
    return client, created.json()["id"]


def test_generated_bodies_never_make_a_server_error(world: World) -> None:
    client, user_id = _client(world)
    url = reverse("scim_v2:user_detail", args=[user_id])

    @FUZZ
    @given(body=users, patch=patches)
    def run(body: Any, patch: Any) -> None:
        for method, target, sent in (
            ("post", reverse("scim_v2:user_list"), body),
            ("put", url, body),
            ("patch", url, patch),
        ):
            response = getattr(client, method)(
                target, data=json.dumps(sent), content_type="application/scim+json"
            )
            _ok(response)

    run()


def test_generated_filters_and_pages_never_make_a_server_error(world: World) -> None:
    client, _user_id = _client(world)

    @FUZZ
    @given(
        text=texts
        | st.builds(
            lambda a, v: f'{a} eq "{v}"',
            st.sampled_from(["userName", "id", "externalId", f"{fx.ENTERPRISE}:employeeNumber"]),
            texts,
        ),
        start=st.text(max_size=25) | st.integers().map(str),
        count=st.text(max_size=25) | st.integers().map(str),
    )
    def run(text: str, start: str, count: str) -> None:
        _ok(
            client.get(
                reverse("scim_v2:user_list"), {"filter": text, "startIndex": start, "count": count}
            )
        )

    run()
