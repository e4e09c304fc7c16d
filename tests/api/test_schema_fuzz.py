"""Schemathesis against the API's own OpenAPI document: every operation, with a token of
each scope (and of a partner), a bounded number of generated requests each, in process
(WSGI). Not one server error, and every answer conforms to the document: status code,
content type, headers and body. `FUZZ_EXAMPLES` (environment) raises the bound for a full
run (`make fuzz-api`)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from plantskola.api.v1.api import api
from tests.api.helpers import ALL_SCOPES, token_for
from tests.conftest import World
from tests.diplomas.helpers import issued_diploma

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
SCHEMA = schemathesis.openapi.from_dict(api.get_openapi_schema())
SCHEMA.app = get_wsgi_application()
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations() if isinstance(result, Ok)]


@pytest.fixture
def connection_kept_open() -> Iterator[None]:
    """The requests go to the WSGI application itself, whose end-of-request handler closes the
    database connection: inside a test's transaction (PostgreSQL) that would end the test's
    connection. Django's own test client keeps it open the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_the_openapi_document_is_valid_and_every_operation_is_fuzzed() -> None:
    assert all(isinstance(result, Ok) for result in SCHEMA.get_all_operations())
    assert len(OPERATIONS) == 9


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.label)
def test_the_api_gives_no_server_error_and_keeps_to_its_schema(
    world: World, operation: Any, connection_kept_open: None
) -> None:
    issued_diploma(world)
    secrets = [token_for(world.host, [scope], name=scope) for scope in ALL_SCOPES]
    secrets.append(token_for(world.partner, ALL_SCOPES, name="partner"))

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(), secret=st.sampled_from(secrets))
    def run(case: Any, secret: str) -> None:
        headers = {"Authorization": f"Bearer {secret}"}
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS, headers=headers)

    run()
