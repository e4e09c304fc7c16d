"""`plantskola remind_plans`: run daily (cron or a scheduled task). Each follow-up reminder (3
and 6 months after an edition ends) goes out once, however often the command runs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from plantskola.development.plans.reminders import plan_reminders_send


class Command(BaseCommand):
    help = (
        "E-mail participants (and the managers they shared their plan with) a reminder to "
        "follow up their action plan or roadmap 3 and 6 months after the edition ended."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        count = plan_reminders_send(
            today=options["today"] or timezone.localdate(), site_url=settings.SITE_URL
        )
        self.stdout.write(f"{count} uppföljningspåminnelser skickade.")
