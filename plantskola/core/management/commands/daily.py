"""`plantskola daily`: every daily job in one run, for the host's scheduler (one cron line or
one systemd timer instead of seven). Each job runs even if an earlier one failed; the command
then exits with an error naming those that failed, so the scheduler's mail says which."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Run the daily jobs (settings.DAILY_COMMANDS) one after another."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--list", action="store_true", help="Only list the jobs, in the order they run."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        names: list[str] = list(settings.DAILY_COMMANDS)
        if options["list"]:
            for name in names:
                self.stdout.write(name)
            return
        failed: list[str] = []
        for name in names:
            self.stdout.write(f"== {name}")
            try:
                call_command(name, stdout=self.stdout, stderr=self.stderr)
            except Exception as exc:  # noqa: BLE001 – one job's failure must not stop the others
                failed.append(name)
                self.stderr.write(f"{name} failed: {exc!r}")
        if failed:
            raise CommandError("Failed: " + ", ".join(failed))
