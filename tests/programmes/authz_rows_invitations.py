"""Authorization rows for invitations (programmes/invitations)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from plantskola.programmes.models import Attendance, Session
from tests.authz import CHANGE_EDITION, Row
from tests.conftest import World

CHANGERS_POST = {**CHANGE_EDITION, "admin": 302, "hr": 302, "coordinator": 302}


def attended_session(w: World) -> list[Any]:
    """A session with attendance recorded: a permitted POST is refused with the reason (400)
    and deletes nothing, so every role meets the same session."""
    made = Session.objects.create(
        edition=w.edition,
        title="Redan genomfört",
        date=dt.date(2026, 2, 1),
        start_time=dt.time(9),
        end_time=dt.time(12),
    )
    Attendance.objects.create(
        session=made, participant=w.participant, status=Attendance.Status.PRESENT
    )
    return [made.pk]


ROWS: list[Row] = [
    Row("programmes:invitation_send", lambda w: [w.edition.pk], CHANGE_EDITION),
    # Without the expected count the send goes back to the preview and sends nothing.
    Row("programmes:invitation_send", lambda w: [w.edition.pk], CHANGERS_POST, method="post"),
    Row("programmes:session_cancel", lambda w: [w.session.pk], CHANGE_EDITION),
    Row(
        "programmes:session_cancel",
        attended_session,
        {**CHANGE_EDITION, "admin": 400, "hr": 400, "coordinator": 400},
        method="post",
    ),
]
