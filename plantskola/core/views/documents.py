"""A background document's page (progress, then the download link) and its download."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from plantskola.core.documents import KINDS, document_allowed
from plantskola.core.models import GeneratedDocument


def _document_or_404(request: HttpRequest, pk: UUID) -> GeneratedDocument:
    document = GeneratedDocument.objects.filter(pk=pk).defer("content").first()
    if document is None or not document_allowed(request.user, document):
        raise Http404
    return document


@never_cache
@login_required
def document_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    document = _document_or_404(request, pk)
    template = (
        "core/_document_status.html" if request.headers.get("HX-Request") else "core/document.html"
    )
    return render(request, template, {"document": document})


@never_cache
@login_required
def document_download(request: HttpRequest, pk: UUID) -> HttpResponse:
    document = _document_or_404(request, pk)
    if document.status != GeneratedDocument.Status.READY:
        raise Http404
    content = GeneratedDocument.objects.values_list("content", flat=True).get(pk=document.pk)
    response = HttpResponse(bytes(content or b""), content_type=KINDS[document.kind].content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return response
