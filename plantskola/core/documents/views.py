"""A background document's page (progress, then the download link) and its download."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from plantskola.access.core import document_get_for_user
from plantskola.core.documents.kinds import KINDS
from plantskola.core.documents.selectors import document_content
from plantskola.core.models import GeneratedDocument


@never_cache
@login_required
def document_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    document = document_get_for_user(request.user, pk)
    template = (
        "core/_document_status.html" if request.headers.get("HX-Request") else "core/document.html"
    )
    return render(request, template, {"document": document})


@never_cache
@login_required
def document_download(request: HttpRequest, pk: UUID) -> HttpResponse:
    document = document_get_for_user(request.user, pk)
    if document.status != GeneratedDocument.Status.READY:
        raise Http404
    response = HttpResponse(
        document_content(document), content_type=KINDS[document.kind].content_type
    )
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return response
