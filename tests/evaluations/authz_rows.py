"""Authorization-matrix rows for the evaluation URLs (checked by
tests/core/test_authorization_matrix.py).

The survey is about the world's Grupp 1 session, which the leader leads: HR, the coordinator,
the leader and the programme's steering group read its results (the steering group and the
leader manage nothing); the participant (in Grupp 1) answers it and sees nothing else; the
manager, partner staff and outsiders do not see it at all."""

from __future__ import annotations

from tests.authz import CHANGE_EDITION, Row, no_args, roles
from tests.conftest import World
from tests.evaluations.helpers import session_survey, template

RESULTS = roles(404, admin=200, hr=200, coordinator=200, leader=200, steering=200, participant=403)
MANAGE = roles(404, admin=200, hr=200, coordinator=200, leader=403, steering=403, participant=403)
ORG_STAFF = roles(404, admin=200, hr=200, coordinator=200)


def _survey(w: World) -> list[int]:
    return [session_survey(w).pk]


ROWS: list[Row] = [
    Row("evaluations:survey_list", no_args, roles(200)),
    Row(
        "evaluations:survey_create",
        no_args,
        roles(403, admin=200, hr=200, coordinator=200, partner=200, outsider=200),
    ),
    Row("evaluations:survey_detail", _survey, RESULTS),
    Row(
        "evaluations:survey_send",
        _survey,
        {**MANAGE, "admin": 302, "hr": 302, "coordinator": 302},
        method="post",
    ),
    Row(
        "evaluations:survey_answer",
        _survey,
        roles(404, admin=403, hr=403, coordinator=403, leader=403, steering=403, participant=200),
    ),
    Row("evaluations:survey_export_xlsx", _survey, RESULTS),
    Row("evaluations:survey_export_pdf", _survey, RESULTS),
    Row("evaluations:survey_template_list", lambda w: [w.host.slug], ORG_STAFF),
    Row("evaluations:survey_template_detail", lambda w: [template(w).pk], ORG_STAFF),
    # The steering group reads the edition's comparison and trend too.
    Row(
        "evaluations:edition_evaluations",
        lambda w: [session_survey(w).edition_id],
        {**CHANGE_EDITION, "steering": 200},
    ),
]

# Copying a template: a POST that makes the copy and goes to it; a template of someone else's
# organisation is as if none existed.
ROWS += [
    Row(
        "evaluations:survey_template_copy",
        lambda w: [template(w).pk],
        roles(404, admin=302, hr=302, coordinator=302),
        method="post",
    ),
]
