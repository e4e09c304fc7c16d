"""`plantskola remind_references`: run daily (cron or a scheduled task)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from plantskola.admissions.reminders import references_remind


class Command(BaseCommand):
    help = "E-mail a reminder to managers whose reference is missing shortly before the deadline."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        count = references_remind(today=options["today"] or timezone.localdate())
        self.stdout.write(f"{count} påminnelser köade.")
