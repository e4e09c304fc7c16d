"""`plantskola weed [--dry-run] [--today YYYY-MM-DD] [--only KEY ...]`: weed (gallra) every
record that is due under its organisation's retention rules and log what was done (run
daily, e.g. from cron). The log holds counts only. A full run also deletes login records
older than `LOGIN_LOG_RETENTION_DAYS` (the login log is not an organisation's)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from plantskola.core.login_security import weed_login_log
from plantskola.privacy import weeding


class Command(BaseCommand):
    help = "Weed (pseudonymise or blank) the personal data whose retention has run out."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="only report what would be weeded"
        )
        parser.add_argument(
            "--today", metavar="YYYY-MM-DD", help="the date to count from (default: today)"
        )
        parser.add_argument(
            "--only",
            nargs="+",
            metavar="KEY",
            help="weed only these record types (default: all registered)",
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
        known = {r.key for r in weeding.record_types()}
        unknown = sorted(set(options["only"] or []) - known)
        if unknown:
            raise CommandError(
                f"Unknown record type(s): {', '.join(unknown)}. Known: {', '.join(sorted(known))}."
            )
        report = weeding.run(today=today, dry_run=options["dry_run"], keys=options["only"])
        verb = "Would weed" if report.dry_run else "Weeded"
        for item in report.items:
            counts = ", ".join(f"{k} {v}" for k, v in item.counts.items())
            self.stdout.write(
                f"{verb} {item.records} {item.record_type.key} of {item.organisation.slug} "
                f"(retention {item.months} months): {counts}"
            )
        summary = f"{verb} {report.records} record(s) due on {today.isoformat()}."
        if report.run is not None:
            summary += f" Logged as weeding run {report.run.pk}."
        self.stdout.write(summary)
        if not options["dry_run"] and options["only"] is None:
            # The login log is the platform's, not an organisation's: a fixed period.
            now = timezone.make_aware(
                datetime.datetime.combine(today, datetime.time.min), timezone.get_default_timezone()
            )
            deleted = weed_login_log(now)
            self.stdout.write(
                f"Deleted login records older than {settings.LOGIN_LOG_RETENTION_DAYS} days: "
                + ", ".join(f"{k} {v}" for k, v in deleted.items())
                + "."
            )
