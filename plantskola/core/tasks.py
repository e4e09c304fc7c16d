"""Background tasks of the core app. Tasks take primary keys and call one service."""

from __future__ import annotations

from django_tasks import task


@task()
def send_email(email_id: int) -> None:
    from plantskola.core.mail import email_send

    email_send(email_id=email_id)


@task()
def render_document(document_id: str) -> None:
    from plantskola.core.documents import document_render

    document_render(document_id=document_id)
