"""Authorization rows for the searches behind the searchable selects (core/search): every
logged-in user gets an answer, drawn only from what they may see (tests/core/test_combobox.py)."""

from __future__ import annotations

from tests.authz import Row, no_args, roles

ROWS: list[Row] = [
    Row("core:search_people", no_args, roles(200)),
    Row("core:search_managers", no_args, roles(200)),
    Row("core:search_units", no_args, roles(200)),
]
