"""The record of processing activities (GDPR art. 30), generated from the declarations."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from plantskola.access.privacy import records_of_processing_can_view
from plantskola.privacy.records.selectors import activities


@login_required
def records_of_processing(request: HttpRequest) -> HttpResponse:
    if not records_of_processing_can_view(request.user):
        raise Http404
    return render(request, "privacy/records.html", {"activities": activities()})
