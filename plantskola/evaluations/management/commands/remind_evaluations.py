"""`plantskola remind_evaluations`: run daily (cron or a scheduled task). Idempotent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from plantskola.evaluations.services import surveys_remind


class Command(BaseCommand):
    help = "E-mail a reminder to those who have not yet answered an open evaluation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        count = surveys_remind(today=options["today"] or timezone.localdate())
        self.stdout.write(f"{count} påminnelser köade.")
