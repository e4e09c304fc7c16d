"""Rendering one requested document: the work the `render_document` task does."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.utils import timezone
from django.utils.module_loading import import_string

from plantskola.core.documents.kinds import KINDS
from plantskola.core.models import GeneratedDocument

log = logging.getLogger(__name__)


def document_render(*, document_id: str) -> GeneratedDocument | None:
    """Render a pending document; a failure is recorded on it (and logged), not raised."""
    document = GeneratedDocument.objects.filter(
        pk=document_id, status=GeneratedDocument.Status.PENDING
    ).first()
    if document is None:
        return None
    try:
        render: Callable[[dict[str, object]], bytes] = import_string(KINDS[document.kind].render)
        content = render(document.params)
    except Exception:
        log.exception("Rendering document %s (%s) failed", document.pk, document.kind)
        document.status = GeneratedDocument.Status.FAILED
    else:
        document.content = content
        document.status = GeneratedDocument.Status.READY
    document.finished_at = timezone.now()
    document.save(update_fields=["content", "status", "finished_at"])
    return document
