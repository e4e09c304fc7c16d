"""`plantskola import-roster FILE --organisation SLUG [--dry-run] [--effective-date YYYY-MM-DD]
[--confirm-leavers N]`."""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plantskola.core.models import Organisation
from plantskola.core.roster.diff import PersonDiff, change_field_labels
from plantskola.core.roster.services import (
    RosterResult,
    leavers_need_confirmation,
    roster_import,
)

# HR's dates are Swedish dates, whatever the server's clock says.
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _iso_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'%(value)s' is not a date of the form YYYY-MM-DD.") % {"value": text}
        ) from None


class Command(BaseCommand):
    help = "Import an organisation's staff roster from an .xlsx or .csv file (see the README)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the roster, .xlsx or .csv (UTF-8, ',' or ';')")
        parser.add_argument(
            "--organisation", required=True, metavar="SLUG", help="the organisation's short name"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would change and write nothing"
        )
        parser.add_argument(
            "--effective-date",
            type=_iso_date,
            metavar="YYYY-MM-DD",
            help="the date the changes take effect (default: today in Sweden)",
        )
        parser.add_argument(
            "--confirm-leavers",
            type=int,
            metavar="N",
            help="needed when the file marks more than 20 %% of the people as left: their number",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["organisation"]
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            known = ", ".join(Organisation.objects.values_list("slug", flat=True)[:20])
            raise CommandError(
                _("There is no organisation with the short name '%(slug)s'. Known: %(known)s.")
                % {"slug": slug, "known": known or "-"}
            )
        path = Path(options["file"])
        try:
            with path.open("rb") as file:
                # One byte more than allowed is enough for the service to refuse the file.
                content = file.read(settings.ROSTER_MAX_BYTES + 1)
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(reason)s") % {"file": path, "reason": error.strerror}
            ) from None

        effective_date = options["effective_date"] or datetime.datetime.now(STOCKHOLM).date()
        result = roster_import(
            organisation=organisation,
            content=content,
            filename=path.name,
            effective_date=effective_date,
            dry_run=True,
            source="roster",
        )
        if result.ok and not options["dry_run"]:
            left = result.counts()["left"]
            summary = {"counts": result.counts(), "active_before": result.active_before}
            if leavers_need_confirmation(summary) and options["confirm_leavers"] != left:
                raise CommandError(
                    _(
                        "The file marks %(left)d of the organisation's %(active)d people as "
                        "having left. If that is right, run again with --confirm-leavers "
                        "%(left)d."
                    )
                    % {"left": left, "active": result.active_before},
                    returncode=1,
                )
            result = roster_import(
                organisation=organisation,
                content=content,
                filename=path.name,
                effective_date=effective_date,
                source="roster",
            )
        if not result.ok:
            for roster_error in result.errors:
                self.stderr.write(roster_error.message)
            count = result.error_count
            raise CommandError(
                ngettext(
                    "The roster has %(count)d error; nothing was written.",
                    "The roster has %(count)d errors; nothing was written.",
                    count,
                )
                % {"count": count},
                returncode=1,
            )
        self._report(result)

    def _report(self, result: RosterResult) -> None:
        counts = result.counts()
        if result.dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
            summary = _(
                "Would create %(created)d, update %(updated)d, mark %(left)d as left and "
                "%(returned)d as returned; %(unchanged)d unchanged; %(units_created)d new units."
            )
        else:
            summary = _(
                "Created %(created)d, updated %(updated)d, marked %(left)d as left and "
                "%(returned)d as returned; %(unchanged)d unchanged; %(units_created)d new units."
            )
        self.stdout.write(summary % counts)
        for diff in result.diffs:
            self.stdout.write(self._describe(diff, dry_run=result.dry_run))

    def _describe(self, diff: PersonDiff, *, dry_run: bool) -> str:
        verbs = (
            {
                "created": _("would create"),
                "updated": _("would update"),
                "left": _("would mark as left"),
                "returned": _("would mark as returned"),
            }
            if dry_run
            else {
                "created": _("created"),
                "updated": _("updated"),
                "left": _("marked as left"),
                "returned": _("marked as returned"),
            }
        )
        labels = change_field_labels()
        lines = [f"{verbs[diff.kind]} {diff.employee_number} {diff.name}"]
        for field, old, new in diff.changes:
            label = labels.get(field, field)
            lines.append(f"    {label}: {old or '-'} → {new or '-'}")
        return "\n".join(lines)
