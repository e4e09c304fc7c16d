"""The roster push: JSON rows through the same import as a file
(`core.roster.services.roster_import_rows`), all or nothing, with `Idempotency-Key`."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plantskola.api.models import ApiToken, IdempotentRequest
from plantskola.api.v1.problems import ApiProblem
from plantskola.core.models import Organisation
from plantskola.core.roster.services import RosterResult, roster_import_rows
from plantskola.core.roster.validation import COLUMNS

# How long an applied push is remembered under its Idempotency-Key (a retry comes within hours).
KEY_DAYS = 30
# The order of the columns in `core.roster.validation.COLUMNS`, which the rows' keys name.
COLUMN_ORDER = list(COLUMNS)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return str(value)


def roster_cells(rows: list[dict[str, Any]]) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The columns that any row gives (in the file's order) and each row's cells, numbered
    from 1 in the order of `rows`."""
    given = set().union(*(row.keys() for row in rows)) if rows else set()
    columns = [c for c in COLUMN_ORDER if c in given]
    cells = [
        (number, [_cell(row.get(column)) for column in columns])
        for number, row in enumerate(rows, start=1)
    ]
    return columns, cells


def request_fingerprint(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def _errors(result: RosterResult) -> ApiProblem:
    errors = [
        {
            "code": f"roster.{error.code}",
            "row": error.row,
            "column": error.column,
            "detail": error.message,
        }
        for error in result.errors
    ]
    count = len(errors)
    return ApiProblem(
        422,
        "roster.invalid",
        ngettext(
            "The roster has %(count)d error; nothing was changed.",
            "The roster has %(count)d errors; nothing was changed.",
            count,
        )
        % {"count": count},
        errors=errors,
    )


def _body(result: RosterResult, *, with_diffs: bool) -> dict[str, Any]:
    body: dict[str, Any] = {
        "dry_run": result.dry_run,
        "applied": result.applied,
        "replayed": False,
        "counts": result.counts(),
        "diffs": None,
    }
    if with_diffs:
        body["diffs"] = [
            {
                "employee_number": d.employee_number,
                "name": d.name,
                "kind": d.kind,
                "changes": [{"field": f, "old": o, "new": n} for f, o, n in d.changes],
            }
            for d in result.diffs
        ]
    return body


@transaction.atomic
def roster_push(
    *,
    token: ApiToken,
    organisation: Organisation,
    rows: list[dict[str, Any]],
    effective_date: datetime.date | None,
    dry_run: bool,
    idempotency_key: str,
    fingerprint: str,
) -> dict[str, Any]:
    """Check the rows and, unless `dry_run` or they have errors (an `ApiProblem` listing
    every error with its row), apply them as the whole roster. An applied push is kept under
    its `idempotency_key`: the same key and body again answers the same and writes nothing."""
    key = idempotency_key.strip()
    if len(key) > 255:
        raise ApiProblem(
            400, "idempotency.bad_key", _("The Idempotency-Key may be at most 255 characters.")
        )
    if key and not dry_run:
        # One push of an organisation at a time: a retry waits for the first to finish.
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        IdempotentRequest.objects.filter(
            token=token, created_at__lt=timezone.now() - datetime.timedelta(days=KEY_DAYS)
        ).delete()
        previous = IdempotentRequest.objects.filter(token=token, key=key).first()
        if previous is not None:
            if previous.request_hash != fingerprint:
                raise ApiProblem(
                    422,
                    "idempotency.key_reused",
                    _(
                        "This Idempotency-Key was used for another request body; use a new "
                        "key for a new push."
                    ),
                )
            return {**previous.body, "replayed": True}
    columns, cells = roster_cells(rows)
    result = roster_import_rows(
        organisation=organisation,
        columns=columns,
        rows=cells,
        effective_date=effective_date or timezone.localdate(),
        dry_run=dry_run,
        source=f"API: {token.name}"[:60],
    )
    if not result.ok:
        raise _errors(result)
    body = _body(result, with_diffs=dry_run)
    if key and not dry_run:
        IdempotentRequest.objects.create(
            token=token, key=key, request_hash=fingerprint, status=200, body=body
        )
    return body
