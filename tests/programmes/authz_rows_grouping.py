"""Authorization rows for groups made by the composition engine (programmes/grouping).

Only those who may change the edition make groups. Without a proposal under way in the
session, the proposal page and every action send them back to the choices (302)."""

from __future__ import annotations

from tests.authz import CHANGE_EDITION, Row, roles
from tests.conftest import World


def edition(w: World) -> list[int]:
    return [w.edition.pk]


BACK_TO_CHOICES = {**CHANGE_EDITION, "admin": 302, "hr": 302, "coordinator": 302}

ROWS: list[Row] = [
    Row("programmes:grouping_start", edition, CHANGE_EDITION),
    Row("programmes:grouping_result", edition, BACK_TO_CHOICES),
    Row(
        "programmes:grouping_move",
        edition,
        BACK_TO_CHOICES,
        method="post",
        data={"participant": "1"},
    ),
    Row("programmes:grouping_swap", edition, BACK_TO_CHOICES, method="post"),
    Row("programmes:grouping_pin", edition, BACK_TO_CHOICES, method="post"),
    Row("programmes:grouping_rerun", edition, BACK_TO_CHOICES, method="post"),
    Row("programmes:grouping_save", edition, BACK_TO_CHOICES, method="post"),
    # A page that only takes POST answers other methods with 405 once the user may act.
    Row(
        "programmes:grouping_save",
        edition,
        roles(405, anonymous=302),
    ),
]
