"""Authorization-matrix rows for the diploma URLs (checked by
tests/core/test_authorization_matrix.py)."""

from __future__ import annotations

from tests.authz import CHANGE_EDITION, Row, no_args, roles
from tests.conftest import World
from tests.diplomas.helpers import complete, host_settings, issued_diploma

# Who runs the edition may issue (a POST answers with a redirect back to the list).
ISSUE = {**CHANGE_EDITION, "admin": 302, "hr": 302, "coordinator": 302}
# A diploma is seen by its participant and by those who run the edition; to everyone else it
# does not exist.
OWN_DIPLOMA = roles(404, admin=200, hr=200, coordinator=200, participant=200)
PUBLIC = roles(200, anonymous=200)


def _ready_to_issue(w: World) -> list[int]:
    host_settings(w)
    complete(w.participant)
    return [w.edition.pk]


ROWS: list[Row] = [
    Row(
        "diplomas:diploma_list",
        lambda w: [issued_diploma(w).participant.edition_id],
        CHANGE_EDITION,
    ),
    # GET: the confirmation with who gets a diploma and an e-mail; POST: issue.
    Row("diplomas:diploma_issue_all", _ready_to_issue, CHANGE_EDITION),
    Row("diplomas:diploma_issue_all", _ready_to_issue, ISSUE, method="post"),
    Row(
        "diplomas:diploma_combined_pdf",
        lambda w: [issued_diploma(w).participant.edition_id],
        ISSUE,
        method="post",
    ),
    Row("diplomas:diploma_pdf", lambda w: [issued_diploma(w).pk], OWN_DIPLOMA),
    Row(
        "diplomas:diploma_revoke",
        lambda w: [issued_diploma(w).pk],
        roles(404, admin=200, hr=200, coordinator=200, participant=403),
    ),
    Row(
        "diplomas:diploma_reissue",
        lambda w: [issued_diploma(w).pk],
        roles(404, admin=302, hr=302, coordinator=302, participant=403),
        method="post",
    ),
    Row("diplomas:my_diplomas", no_args, roles(200)),
    Row(
        "diplomas:diploma_settings",
        lambda w: [w.host.slug],
        roles(404, admin=200, hr=200, coordinator=200),
    ),
    Row("diplomas:diploma_verify_form", no_args, PUBLIC),
    Row("diplomas:diploma_verify", lambda w: [issued_diploma(w).code], PUBLIC),
]
