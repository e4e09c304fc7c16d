"""`plantskola purge_dietary_needs [--today YYYY-MM-DD]`: delete the dietary needs of events
that have ended (run daily, e.g. from cron)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from plantskola.events.services import event_purge_dietary_needs


class Command(BaseCommand):
    help = "Delete the dietary needs given at registration for every event that has ended."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today", metavar="YYYY-MM-DD", help="the date to count from (default: today)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["today"]:
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(
                    f"'{options['today']}' is not a date of the form YYYY-MM-DD."
                ) from None
        registrations, events = event_purge_dietary_needs(today=today)
        self.stdout.write(
            f"Deleted dietary needs from {registrations} registration(s) of {events} event(s) "
            f"that ended before {today.isoformat()}."
        )
