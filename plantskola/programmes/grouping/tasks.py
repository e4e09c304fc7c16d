"""The engine run task: takes the draft's primary key and runs the engine for it."""

from __future__ import annotations

from django_tasks import task

from plantskola.programmes.grouping.running import grouping_draft_run


@task()
def run_grouping_draft(draft_id: str) -> None:
    grouping_draft_run(draft_id=draft_id)
