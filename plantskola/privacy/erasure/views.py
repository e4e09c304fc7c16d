"""Rectification and erasure pages: HR administrators of the person's organisation."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plantskola.access.privacy import extract_person_get_for_user
from plantskola.core.models import User
from plantskola.core.pages import breadcrumbs
from plantskola.privacy.erasure import services
from plantskola.privacy.erasure.forms import EraseForm, RectifyForm
from plantskola.privacy.erasure.selectors import erasure_plan
from plantskola.privacy.pages import person_trail


@login_required
@require_http_methods(["GET", "POST"])
def person_erase(request: HttpRequest, pk: int) -> HttpResponse:
    person = extract_person_get_for_user(request.user, pk)
    form = EraseForm(request.POST or None, person=person)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.erase_person(person, request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("The person has been erased."))
            return redirect("core:person_detail", pk=person.pk)
        status = 400
    context = {
        "person": person,
        "plan": erasure_plan(person),
        "form": form,
        "crumbs": breadcrumbs(person_trail(person.pk, str(person)), (None, _("Erase"))),
    }
    return render(request, "privacy/erase.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def person_rectify(request: HttpRequest, pk: int) -> HttpResponse:
    person = extract_person_get_for_user(request.user, pk)
    name = person.full_name
    form = RectifyForm(request.POST or None, instance=person)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = {k: form.cleaned_data[k] for k in form.Meta.fields}
            person.refresh_from_db()
            changed = services.person_rectify(
                person=person,
                data=data,
                user=cast(User, request.user),  # login_required
            )
            if changed:
                messages.success(request, _("The details have been corrected."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("core:person_detail", pk=person.pk)
        status = 400
        person.refresh_from_db()
    context = {
        "person": person,
        "form": form,
        "crumbs": breadcrumbs(person_trail(person.pk, name), (None, _("Correct details"))),
    }
    return render(request, "privacy/rectify.html", context, status=status)
