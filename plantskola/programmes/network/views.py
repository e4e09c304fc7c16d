"""The network directory and each participant's own directory profile."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from plantskola.access.programmes import network_member, network_person_get_for_user
from plantskola.core.pages import form_page
from plantskola.programmes.network.forms import DirectorySearchForm, NetworkProfileForm
from plantskola.programmes.network.selectors import (
    DirectoryFilter,
    contact_details,
    directory,
    directory_choices,
    profile_for,
)
from plantskola.programmes.network.services import network_profile_save

PAGE_SIZE = 50


@login_required
def network_directory(request: HttpRequest) -> HttpResponse:
    choices = directory_choices(user=request.user)
    form = DirectorySearchForm(request.GET or None, choices=choices)
    filters = DirectoryFilter()
    if form.is_valid():
        data = form.cleaned_data
        filters = DirectoryFilter(
            query=data["q"].strip(),
            programme_id=data["programme"],
            organisation_id=data["organisation"],
            year=data["year"],
        )
    page = Paginator(directory(user=request.user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [(p, contact_details(p.person)) for p in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page_obj": page,
        "rows": rows,
        "querystring_base": query.urlencode() + "&" if query else "",
        "has_profile": network_member(request.user),
    }
    return render(request, "programmes/network_directory.html", context)


@login_required
def network_profile(request: HttpRequest) -> HttpResponse:
    """A participant's or alumnus' own directory entry; only they can change it."""
    person = network_person_get_for_user(request.user)
    form = NetworkProfileForm(request.POST or None, instance=profile_for(person))
    if request.method == "POST" and form.is_valid():
        network_profile_save(profile=form.save(commit=False))
        messages.success(request, _("Your network profile is saved."))
        return redirect("programmes:network_directory")
    response = form_page(
        request,
        form,
        title=_("My network profile"),
        intro=_(
            "Participants and alumni of your programmes see your name, title, unit, "
            "organisation, programme and year in the network directory. What you tick here "
            "is shown as well; nothing else."
        ),
        cancel_url=reverse("programmes:network_directory"),
    )
    # This page has always answered a refused profile with 200 (tests/programmes/test_network.py
    # pins it), unlike the other form pages' 400.
    response.status_code = 200
    return response
