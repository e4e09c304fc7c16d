"""Authorization-matrix rows for action plans, roadmaps and reflections.

The plan in these rows is Pia's (`participant`), shared with her closest manager (`manager`)
but not with the course leaders: she writes it; the manager reads and comments (403 on
writes); everyone else, the course leader, coordinators and the superuser included, gets 404
for its content. Coordinators and the steering group see the edition's overview (whether a
plan exists, progress)."""

from __future__ import annotations

from tests.authz import CHANGE_EDITION, Row, no_args, roles
from tests.conftest import World
from tests.development.plans_helpers import (
    action_of,
    done_action_of,
    goal_of,
    make_plan,
    plan_with_profile,
)

READ = roles(404, participant=200, manager=200)
WRITE = roles(404, participant=200, manager=403)
WRITE_POST = roles(404, participant=302, manager=403)


def plan_args(w: World) -> list[int]:
    return [make_plan(w, with_manager=True).pk]


ROWS: list[Row] = [
    Row("development:my_development", no_args, roles(200)),
    Row("development:shared_plans", no_args, roles(200)),
    Row(
        "development:plan_start",
        lambda w: [w.participant.pk],
        roles(404, participant=302),
        method="post",
    ),
    Row(
        "development:reflection_edit",
        lambda w: [w.session.pk],
        roles(403, participant=200, manager=404, outsider=404),
    ),
    Row("development:plan_detail", plan_args, READ),
    Row("development:plan_pdf", plan_args, READ),
    Row(
        "development:plan_comment",
        plan_args,
        roles(404, participant=302, manager=302),
        method="post",
        data={"text": "Bra plan!"},
    ),
    Row("development:plan_direction", plan_args, WRITE),
    Row("development:plan_share", plan_args, WRITE),
    Row("development:goal_create", plan_args, WRITE),
    Row("development:goal_update", lambda w: [goal_of(w).pk], WRITE),
    Row("development:goal_delete", lambda w: [goal_of(w).pk], WRITE),
    Row("development:action_create", lambda w: [goal_of(w).pk], WRITE),
    Row("development:action_update", lambda w: [action_of(w).pk], WRITE),
    Row("development:action_delete", lambda w: [action_of(w).pk], WRITE),
    Row("development:action_done", lambda w: [action_of(w).pk], WRITE_POST, method="post"),
    Row("development:action_undo", lambda w: [done_action_of(w).pk], WRITE),
    Row("development:action_undo", lambda w: [done_action_of(w).pk], WRITE_POST, method="post"),
    Row("development:plan_profile", plan_args, WRITE),
    Row("development:plan_indicators", plan_args, READ),
    Row("development:self_assessment", lambda w: [plan_with_profile(w).pk, "start"], WRITE),
    Row("development:self_assessment", lambda w: [plan_with_profile(w).pk, "slut"], WRITE),
    # Partner staff see the overview of their own organisation's participants; the steering
    # group the whole overview, read-only.
    Row(
        "development:edition_plans",
        lambda w: [w.edition.pk],
        {**CHANGE_EDITION, "partner": 200, "steering": 200},
    ),
]
