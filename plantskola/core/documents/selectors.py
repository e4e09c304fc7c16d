"""Reads of background documents."""

from __future__ import annotations

from plantskola.core.models import GeneratedDocument


def document_content(document: GeneratedDocument) -> bytes:
    """The rendered file, read only for a download (pages fetch documents without it)."""
    content = GeneratedDocument.objects.values_list("content", flat=True).get(pk=document.pk)
    return bytes(content or b"")
