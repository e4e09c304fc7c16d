"""Authorization rows for enrolment by rule and the mass actions (programmes/enrolment)."""

from __future__ import annotations

from typing import Any

from plantskola.programmes.models import BulkJob
from tests.authz import CHANGE_EDITION, Row, roles
from tests.conftest import World


def job(w: World) -> list[Any]:
    made = BulkJob.objects.create(edition=w.edition, kind=BulkJob.Kind.STATUS, total=1)
    return [made.pk]


CHANGERS_POST = {**CHANGE_EDITION, "admin": 302, "hr": 302, "coordinator": 302}

ROWS: list[Row] = [
    Row("programmes:enrolment_rule", lambda w: [w.edition.pk], CHANGE_EDITION),
    # Without a rule the confirmation goes back to the rule page and adds no one.
    Row("programmes:enrolment_confirm", lambda w: [w.edition.pk], CHANGERS_POST, method="post"),
    # Nothing ticked: the page says what is missing (400) and changes nothing.
    Row(
        "programmes:participant_bulk",
        lambda w: [w.edition.pk],
        {**CHANGE_EDITION, "admin": 400, "hr": 400, "coordinator": 400},
        method="post",
    ),
    # Nobody ticked absent: the preview of "everyone present" (nothing saved yet).
    Row(
        "programmes:attendance_bulk",
        lambda w: [w.session.pk],
        roles(403, admin=200, hr=200, coordinator=200, leader=200, manager=404, outsider=404),
        method="post",
    ),
    # A job's page is for those who may change its edition; anyone else: as if none existed.
    Row("programmes:bulk_job_detail", job, roles(404, admin=200, hr=200, coordinator=200)),
]
