"""`plantskola open_evaluations`: run daily by the worker's scheduler (cron or a scheduled
task, beside `remind_evaluations`). Opens the module surveys that are due. Idempotent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from plantskola.evaluations.schedule.services import module_surveys_open


class Command(BaseCommand):
    help = "Open the module evaluations that are due by their programme's schedule."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        opened = module_surveys_open(today=options["today"] or timezone.localdate())
        self.stdout.write(f"{len(opened)} utvärderingar öppnade.")
