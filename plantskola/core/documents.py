"""Large documents rendered in the background. A kind is registered once with the dotted paths
of two functions: `render(params) -> bytes` and `allowed(user, params) -> bool` (the same rule
as the page the document belongs to, asked again at every download). A view calls
`document_request`, which stores the request and hands it to the task worker after commit,
then sends the user to the document's page, which shows progress and the download link."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from plantskola.core.models import GeneratedDocument, User

log = logging.getLogger(__name__)

KEEP_FOR = dt.timedelta(days=1)


@dataclass(frozen=True)
class DocumentKind:
    render: str
    allowed: str
    content_type: str = "application/pdf"


KINDS: dict[str, DocumentKind] = {}


def register_document(key: str, *, render: str, allowed: str) -> None:
    KINDS[key] = DocumentKind(render=render, allowed=allowed)


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
    transaction.on_commit(lambda: _enqueue(document.pk))
    return document


def _enqueue(document_id: Any) -> None:
    from plantskola.core.tasks import render_document

    render_document.enqueue(str(document_id))


def document_render(*, document_id: str) -> GeneratedDocument | None:
    """Render a pending document; a failure is recorded on it (and logged), not raised."""
    document = GeneratedDocument.objects.filter(
        pk=document_id, status=GeneratedDocument.Status.PENDING
    ).first()
    if document is None:
        return None
    try:
        render = import_string(KINDS[document.kind].render)
        content: bytes = render(document.params)
    except Exception:
        log.exception("Rendering document %s (%s) failed", document.pk, document.kind)
        document.status = GeneratedDocument.Status.FAILED
    else:
        document.content = content
        document.status = GeneratedDocument.Status.READY
    document.finished_at = timezone.now()
    document.save(update_fields=["content", "status", "finished_at"])
    return document


def document_allowed(user: Any, document: GeneratedDocument) -> bool:
    """Only the user who asked, and only while the rule of the document's kind still holds."""
    if document.requested_by_id != getattr(user, "pk", None) or document.kind not in KINDS:
        return False
    allowed = import_string(KINDS[document.kind].allowed)
    return bool(allowed(user, document.params))
