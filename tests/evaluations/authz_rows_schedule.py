"""Authorization rows for the programme's survey schedule (evaluations/schedule)."""

from __future__ import annotations

from tests.authz import CHANGE_EDITION, Row

ROWS: list[Row] = [
    # Who may change the programme sets when its module surveys open.
    Row("evaluations:survey_schedule", lambda w: [w.programme.pk], CHANGE_EDITION),
]
