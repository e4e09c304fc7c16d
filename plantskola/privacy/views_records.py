"""The record of processing activities (GDPR art. 30), generated from the declarations."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from plantskola.access.privacy import records_of_processing_can_view
from plantskola.core.declarations import DECLARATIONS


@dataclass
class Activity:
    category: str
    record_type: str
    data: str
    purpose: str
    ground: str
    recipients: str
    retention: str


def activities() -> list[Activity]:
    rows = []
    for d in DECLARATIONS:
        meta = d.model._meta
        fields = ", ".join(str(getattr(meta.get_field(f), "verbose_name", f)) for f in d.fields)
        rows.append(
            Activity(
                category=str(d.category),
                record_type=str(meta.verbose_name_plural).capitalize(),
                data=fields,
                purpose=str(d.purpose),
                ground=str(d.ground.label),
                recipients=str(d.recipients),
                retention=str(d.retention),
            )
        )
    return sorted(rows, key=lambda a: (a.purpose, a.category))


@login_required
def records_of_processing(request: HttpRequest) -> HttpResponse:
    if not records_of_processing_can_view(request.user):
        raise Http404
    return render(request, "privacy/records.html", {"activities": activities()})
