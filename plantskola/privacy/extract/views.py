"""The register extract page: HR administrators of the person's organisation make it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plantskola.access.privacy import extract_person_get_for_user
from plantskola.core.pages import breadcrumbs
from plantskola.privacy.extract.documents import extract_pdf, extract_zip
from plantskola.privacy.extract.selectors import build_extract
from plantskola.privacy.extract.services import extract_log_export
from plantskola.privacy.pages import person_trail


@login_required
@require_http_methods(["GET", "POST"])
def register_extract(request: HttpRequest, pk: int) -> HttpResponse:
    person = extract_person_get_for_user(request.user, pk)
    extract = build_extract(person)
    if request.method == "POST":
        kind = "zip" if request.POST.get("format") == "zip" else "pdf"
        extract_log_export(person=person, kind=kind)
        name = f"registerutdrag-{slugify(person.full_name)}-{extract.made_at:%Y%m%d}"
        if kind == "zip":
            response = HttpResponse(extract_zip(extract), content_type="application/zip")
        else:
            response = HttpResponse(extract_pdf(extract), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
        return response
    crumbs = breadcrumbs(person_trail(person.pk, person.full_name), (None, _("Register extract")))
    context = {"person": person, "extract": extract, "crumbs": crumbs}
    return render(request, "privacy/extract.html", context)
