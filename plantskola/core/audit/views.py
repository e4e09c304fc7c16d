"""The audit log of an organisation, searchable by person and by user (HR administrators)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from plantskola.access.base import Action
from plantskola.access.core import organisation_get_for_user
from plantskola.core.audit.forms import AuditSearchForm
from plantskola.core.audit.selectors import audit_rows, audit_search, model_labels


@login_required
def audit_log(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_get_for_user(request.user, slug=slug, action=Action.CHANGE)
    form = AuditSearchForm(request.GET or None)
    person = actor = ""
    if form.is_valid():
        person, actor = form.cleaned_data["person"], form.cleaned_data["user"]
    entries = audit_search(organisation=organisation, person=person, actor=actor)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "organisation": organisation,
        "form": form,
        "page_obj": page,
        "rows": audit_rows(page.object_list),
        "labels": model_labels(),
        "querystring_base": query.urlencode() + "&" if query else "",
    }
    return render(request, "core/audit_log.html", context)
