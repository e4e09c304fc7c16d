"""Authorization rows for background documents: only the user who asked gets them."""

from __future__ import annotations

from typing import Any

from plantskola.core.models import GeneratedDocument
from tests.authz import Row, roles
from tests.conftest import World
from tests.events.authz_rows import host_event


def coordinators_badges(w: World) -> list[Any]:
    event = host_event(w)
    document = GeneratedDocument.objects.filter(kind="events.badges").first()
    document = document or GeneratedDocument.objects.create(
        kind="events.badges",
        params={"event": event.pk},
        title="Namnbrickor",
        filename="namnbrickor.pdf",
        requested_by=w.user("coordinator"),
        status=GeneratedDocument.Status.READY,
        content=b"%PDF-1.7 test",
    )
    return [document.pk]


ROWS: list[Row] = [
    Row("core:document_detail", coordinators_badges, roles(404, coordinator=200)),
    Row("core:document_download", coordinators_badges, roles(404, coordinator=200)),
]
