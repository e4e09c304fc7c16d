"""`plantskola daily` runs every daily job, and goes on past one that fails."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings

pytestmark = pytest.mark.django_db


def test_every_daily_job_is_a_command_and_every_daily_command_is_listed(
    settings: Settings,
) -> None:
    commands = get_commands()
    assert all(name in commands for name in settings.DAILY_COMMANDS)
    out = StringIO()
    call_command("daily", "--list", stdout=out)
    assert out.getvalue().split() == list(settings.DAILY_COMMANDS)


def test_the_daily_run_runs_the_jobs_in_order(
    settings: Settings, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("daily", stdout=out, stderr=StringIO())
    headings = [line[3:] for line in out.getvalue().splitlines() if line.startswith("== ")]
    assert headings == list(settings.DAILY_COMMANDS)


def test_one_failing_job_does_not_stop_the_others(settings: Settings) -> None:
    settings.DAILY_COMMANDS = ["no_such_job", "close_calls"]
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="no_such_job"):
        call_command("daily", stdout=out, stderr=err)
    assert "== close_calls" in out.getvalue() and "no_such_job failed" in err.getvalue()
