"""Authorization rows for copying an edition (programmes/copying).

Those who may change the programme copy its editions; the empty POST is a form with errors
(400) that creates nothing."""

from __future__ import annotations

from tests.authz import CHANGE_EDITION, Row
from tests.conftest import World


def programme(w: World) -> list[int]:
    return [w.programme.pk]


ROWS: list[Row] = [
    Row("programmes:edition_copy", programme, CHANGE_EDITION),
    Row(
        "programmes:edition_copy",
        programme,
        {**CHANGE_EDITION, "admin": 400, "hr": 400, "coordinator": 400},
        method="post",
    ),
]
