"""The document task: takes a primary key and calls `document_render`."""

from __future__ import annotations

from django_tasks import task

from plantskola.core.documents.rendering import document_render


@task()
def render_document(document_id: str) -> None:
    document_render(document_id=document_id)
