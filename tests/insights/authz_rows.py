"""Authorization-matrix rows for the insights (plantskola.insights).

HR administrators of the organisation (and the superuser) see everything: the pipeline, career
events and recruitment statistics. The organisation's coordinator sees the pipeline of its
programmes but not career events or recruitments (403). Course leaders, steering-group members,
participants and managers hold no insights role (404), nor do the partner's and the other
organisation's HR administrators for the host (404); they do reach the start page, which lists
their own organisation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from plantskola.insights.models import CareerEvent, RecruitmentImport
from tests.authz import Row, no_args, roles
from tests.conftest import World

PIPELINE = roles(404, admin=200, hr=200, coordinator=200)
HR_ONLY = roles(404, admin=200, hr=200, coordinator=403)


def host(w: World) -> list[Any]:
    return [w.host.pk]


def preview(w: World) -> list[Any]:
    record, _ = RecruitmentImport.objects.get_or_create(
        organisation=w.host,
        filename="rekrytering.csv",
        status=RecruitmentImport.Status.PREVIEWED,
        defaults={"summary": {"rows": 1, "years": [2025], "replaced": 0}},
    )
    return [w.host.pk, record.pk]


def hand_event(w: World) -> list[Any]:
    event, _ = CareerEvent.objects.get_or_create(
        person=w.employee, kind=CareerEvent.Kind.CHANGED_ROLE, date=dt.date(2025, 3, 1)
    )
    return [event.pk]


ROWS: list[Row] = [
    Row(
        "insights:insights_home",
        no_args,
        roles(403, admin=200, hr=200, coordinator=200, partner=200, outsider=200),
    ),
    Row("insights:insights_pipeline", host, PIPELINE),
    Row("insights:insights_pipeline_xlsx", host, PIPELINE),
    Row("insights:career_event_list", host, HR_ONLY),
    Row("insights:career_event_create", host, HR_ONLY),
    Row("insights:career_event_delete", hand_event, HR_ONLY),
    Row("insights:recruitment_report", host, HR_ONLY),
    Row("insights:recruitment_xlsx", host, HR_ONLY),
    Row("insights:recruitment_import", host, HR_ONLY),
    Row("insights:recruitment_preview", preview, HR_ONLY),
]
