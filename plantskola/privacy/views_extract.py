"""The register extract page: HR administrators of the person's organisation make it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plantskola.access.privacy import extract_person_get_for_user
from plantskola.core.audit.services import audit_record
from plantskola.core.models import AuditEntry
from plantskola.privacy import extract as extracts


@login_required
@require_http_methods(["GET", "POST"])
def register_extract(request: HttpRequest, pk: int) -> HttpResponse:
    person = extract_person_get_for_user(request.user, pk)
    extract = extracts.build_extract(person)
    if request.method == "POST":
        kind = "zip" if request.POST.get("format") == "zip" else "pdf"
        audit_record(
            AuditEntry.Action.EXPORT,
            object_type="core.person",
            object_id=person.pk,
            subject_person_id=person.pk,
            organisation_id=person.organisation_id,
            note=f"register extract ({kind})",
        )
        name = f"registerutdrag-{slugify(person.full_name)}-{extract.made_at:%Y%m%d}"
        if kind == "zip":
            response = HttpResponse(extracts.extract_zip(extract), content_type="application/zip")
        else:
            response = HttpResponse(extracts.extract_pdf(extract), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
        return response
    crumbs = [
        (reverse("person_detail", args=[person.pk]), person.full_name),
        (None, _("Register extract")),
    ]
    context = {"person": person, "extract": extract, "crumbs": crumbs}
    return render(request, "privacy/extract.html", context)
