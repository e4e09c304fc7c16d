"""Authorization rows for the privacy app's URLs."""

from __future__ import annotations

from tests.authz import Row, roles

# HR administrators of the person's organisation; others who see the person get 403.
EXTRACT = roles(404, admin=200, hr=200, coordinator=403, manager=403)

ROWS: list[Row] = [
    Row("register_extract", lambda w: [w.employee.pk], EXTRACT),
    Row(
        "register_extract",
        lambda w: [w.employee.pk],
        {**EXTRACT, "admin": 200, "hr": 200},
        method="post",
        data={"format": "pdf"},
    ),
]
