"""Background documents: requested, rendered by the task, fetched only by who asked while the
rule still holds; failures are recorded; a double click asks once; old ones are deleted."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks

from plantskola.core.documents.rendering import document_render
from plantskola.core.documents.services import document_request
from plantskola.core.models import GeneratedDocument, OrganisationRole
from plantskola.events.models import Event
from tests.conftest import World
from tests.events.authz_rows import host_event


def _event(w: World) -> Event:
    return host_event(w)


def test_badges_are_rendered_after_commit_and_fetched_by_who_asked(
    world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    event = _event(world)
    client = world.client_for("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:event_badges_pdf", args=[event.pk]))
    document = GeneratedDocument.objects.get()
    assert response["Location"] == reverse("core:document_detail", args=[document.pk])
    assert document.status == GeneratedDocument.Status.READY and document.kind == "events.badges"
    download = client.get(reverse("core:document_download", args=[document.pk]))
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    assert (
        world.client_for("hr").get(reverse("core:document_detail", args=[document.pk])).status_code
        == 404
    )


def test_a_pending_document_shows_progress_and_cannot_be_downloaded(world: World) -> None:
    event = _event(world)
    client = world.client_for("coordinator")
    response = client.post(reverse("events:event_badges_pdf", args=[event.pk]))  # never committed
    document = GeneratedDocument.objects.get()
    assert document.status == GeneratedDocument.Status.PENDING
    page = client.get(response["Location"])
    assert 'hx-trigger="every 2s"' in page.content.decode()
    assert client.get(reverse("core:document_download", args=[document.pk])).status_code == 404
    # A second click while it is on its way asks once.
    client.post(reverse("events:event_badges_pdf", args=[event.pk]))
    assert GeneratedDocument.objects.count() == 1


def test_losing_the_right_loses_the_document(
    world: World, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    event = _event(world)
    client = world.client_for("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:event_table_lists_pdf", args=[event.pk]), {"layout": "list"})
    document = GeneratedDocument.objects.get()
    assert document.params == {"event": event.pk, "one_page_per_table": False}
    OrganisationRole.objects.filter(user=world.user("coordinator")).delete()
    client = world.client_for("coordinator")
    assert client.get(reverse("core:document_download", args=[document.pk])).status_code == 404


def test_a_failing_render_is_recorded_and_shown(world: World) -> None:
    event = _event(world)
    document = document_request(
        user=world.user("coordinator"),
        kind="events.badges",
        params={"event": event.pk},
        title="Namnbrickor",
        filename="namnbrickor.pdf",
    )
    event.delete()  # the render will not find it
    document_render(document_id=str(document.pk))
    document.refresh_from_db()
    assert document.status == GeneratedDocument.Status.FAILED and document.content is None


def test_documents_older_than_a_day_are_deleted_on_the_next_request(world: World) -> None:
    event = _event(world)
    old = GeneratedDocument.objects.create(
        kind="events.badges",
        params={"event": event.pk},
        title="x",
        filename="x.pdf",
        requested_by=world.user("coordinator"),
        status=GeneratedDocument.Status.READY,
    )
    GeneratedDocument.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(days=2)
    )
    world.client_for("coordinator").post(reverse("events:event_badges_pdf", args=[event.pk]))
    assert not GeneratedDocument.objects.filter(pk=old.pk).exists()
