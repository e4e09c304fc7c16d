"""Authorization rows for the audit log: the organisation's HR administrators only."""

from __future__ import annotations

from tests.authz import Row, roles

ROWS: list[Row] = [
    Row("core:audit_log", lambda w: [w.host.slug], roles(404, admin=200, hr=200, coordinator=403)),
]
