from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from plantskola.access.actions import can
from plantskola.access.base import Action, get_visible_or_404
from plantskola.access.core import people_for_user, units_for_user
from plantskola.access.privacy import extract_can_make
from plantskola.core import selectors
from plantskola.core.forms import PersonFilterForm
from plantskola.core.pages import sections

PAGE_SIZE = 50


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    if not can(request.user, Action.VIEW_PEOPLE):
        raise PermissionDenied
    form = PersonFilterForm(request.GET or None, user=request.user)
    filters: dict[str, object] = {}
    if form.is_valid():
        filters = {
            "query": form.cleaned_data["q"],
            "unit": form.cleaned_data["unit"],
            "managers_only": form.cleaned_data["managers_only"],
            "include_inactive": form.cleaned_data["include_inactive"],
        }
    people = selectors.person_list(user=request.user, **filters)  # type: ignore[arg-type]
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    base = {k: str(v) for k, v in request.GET.items() if k != "page" and v}
    context = {
        "form": form,
        "page_obj": page,
        "querystring_base": urlencode(base) + "&" if base else "",
        "total": page.paginator.count,
    }
    template = "core/_person_rows.html" if request.htmx else "core/person_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_visible_or_404(
        people_for_user(request.user).select_related("unit", "organisation", "manager"), pk=pk
    )
    context = {
        "person": person,
        "changes": person.changes.all()[:50],
        **sections("person_detail", user=request.user, person=person),
        "reports": people_for_user(request.user).filter(manager=person, is_active=True),
        "crumbs": [(None, person.full_name)],
        "can_extract": extract_can_make(request.user, person),
    }
    return render(request, "core/person_detail.html", context)


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    tree = selectors.unit_tree(user=request.user)
    if not tree and not can(request.user, Action.VIEW_PEOPLE):
        raise PermissionDenied
    return render(request, "core/unit_list.html", {"tree": tree, "title": _("Units")})


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_visible_or_404(
        units_for_user(request.user).select_related("organisation", "parent"), pk=pk
    )
    people = selectors.person_list(user=request.user, unit=unit)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "unit": unit,
        "children": units_for_user(request.user).filter(parent=unit).order_by("name"),
        "page_obj": page,
        "querystring_base": "",
    }
    return render(request, "core/unit_detail.html", context)
