"""Cursor pagination: items in id order, and an opaque cursor for the next page. A nightly job
follows `next_cursor` until it is null; rows added meanwhile come at the end, so no row is
skipped or repeated."""

from __future__ import annotations

import base64
import binascii
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from plantskola.api.v1.problems import ApiProblem

M = TypeVar("M", bound=Model)

DEFAULT_LIMIT = 100
MAX_LIMIT = 500


def encode_cursor(pk: int) -> str:
    return base64.urlsafe_b64encode(f"after:{pk}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    kind, _sep, number = text.partition(":")
    if kind != "after" or not number.isdigit() or len(number) > 18:
        raise ApiProblem(
            400,
            "pagination.bad_cursor",
            _("The cursor is not one this API gave; start again without a cursor."),
        )
    return int(number)


def page(queryset: QuerySet[M], *, cursor: str | None, limit: int) -> tuple[list[M], str | None]:
    """One page of `queryset` after `cursor`, and the cursor of the next page (or None)."""
    queryset = queryset.order_by("pk")
    if cursor:
        queryset = queryset.filter(pk__gt=decode_cursor(cursor))
    items = list(queryset[: limit + 1])
    more = len(items) > limit
    items = items[:limit]
    return items, encode_cursor(items[-1].pk) if more and items else None


def paged(items: list[Any], next_cursor: str | None) -> dict[str, Any]:
    return {"items": items, "next_cursor": next_cursor}
