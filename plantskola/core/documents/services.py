"""Writes of background documents: registering a kind, and asking for a document."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from plantskola.access.core import document_rule_register
from plantskola.core.documents.kinds import KINDS, DocumentKind
from plantskola.core.documents.tasks import render_document
from plantskola.core.models import GeneratedDocument, User

KEEP_FOR = dt.timedelta(days=1)


def register_document(key: str, *, render: str, allowed: str) -> None:
    """Make a kind known (at start-up): how to render it, and who may have it (access)."""
    KINDS[key] = DocumentKind(render=render)
    document_rule_register(key, allowed=allowed)


@transaction.atomic
def document_request(
    *, user: User, kind: str, params: dict[str, Any], title: str, filename: str
) -> GeneratedDocument:
    """The user's pending document of the same kind and parameters if one is on its way (a
    double click asks once), else a new one; old documents are deleted on the way."""
    if kind not in KINDS:
        raise KeyError(kind)
    GeneratedDocument.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()
    pending = GeneratedDocument.objects.filter(
        requested_by=user, kind=kind, params=params, status=GeneratedDocument.Status.PENDING
    ).first()
    if pending is not None:
        return pending
    document = GeneratedDocument.objects.create(
        requested_by=user, kind=kind, params=params, title=title, filename=filename
    )
    transaction.on_commit(lambda: render_document.enqueue(str(document.pk)))
    return document
