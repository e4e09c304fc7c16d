"""`plantskola close_calls`: run daily (cron or a scheduled task), or hourly to follow calls
to the minute. A call opens and closes by its times on its own; its edition's status follows
here (open while the call is, then planned, running or completed)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from plantskola.admissions.services import calls_sync_edition_status


class Command(BaseCommand):
    help = "Let every edition's status follow its call (open, closed, decided)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = calls_sync_edition_status()
        self.stdout.write(f"{count} omgångar fick ny status.")
