"""Authorization rows for groups made by the composition engine (programmes/grouping).

Only those who may change the edition make groups. Without a proposal under way in the
session, the proposal page and every action send them back to the choices (302).

Drafts are read (list, compare, the shared link) by those who see the whole participant list
(whoever runs the edition, its course leaders and steering group); anyone else gets 404, as
if the draft did not exist. Adjusting and applying are for those who run the edition."""

from __future__ import annotations

from typing import Any

from plantskola.programmes.models import GroupingDraft
from tests.authz import CHANGE_EDITION, Row, roles
from tests.conftest import World


def edition(w: World) -> list[int]:
    return [w.edition.pk]


def draft(w: World) -> list[Any]:
    """A draft whose engine run failed: a page with the reason, nothing to apply."""
    made = GroupingDraft.objects.create(
        edition=w.edition, name="Utkast", state=GroupingDraft.State.FAILED, message="-"
    )
    return [made.pk]


BACK_TO_CHOICES = {**CHANGE_EDITION, "admin": 302, "hr": 302, "coordinator": 302}
VIEW_DRAFTS = roles(200, participant=403, partner=403, manager=404, outsider=404)
VIEW_DRAFT = roles(200, participant=404, partner=404, manager=404, outsider=404)
# A failed draft cannot be adjusted or applied: back to the draft with a message.
CHANGE_DRAFT = roles(404, admin=302, hr=302, coordinator=302, leader=403, steering=403)

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
    Row("programmes:grouping_draft_keep", edition, BACK_TO_CHOICES, method="post"),
    Row("programmes:grouping_drafts", edition, VIEW_DRAFTS),
    # No drafts ticked: the page says two are needed (400).
    Row(
        "programmes:grouping_draft_compare",
        edition,
        {**VIEW_DRAFTS, **{r: 400 for r, s in VIEW_DRAFTS.items() if s == 200}},
    ),
    Row("programmes:grouping_draft", draft, VIEW_DRAFT),
    Row("programmes:grouping_draft_edit", draft, CHANGE_DRAFT, method="post"),
    Row("programmes:grouping_draft_apply", draft, CHANGE_DRAFT, method="post"),
    # A page that only takes POST answers other methods with 405 once the user may act.
    Row(
        "programmes:grouping_save",
        edition,
        roles(405, anonymous=302),
    ),
]
