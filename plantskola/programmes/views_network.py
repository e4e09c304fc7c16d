"""The network directory and each participant's own directory profile."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from plantskola.access.principal import principal
from plantskola.access.programmes import network_member
from plantskola.core.models import Person
from plantskola.programmes import network
from plantskola.programmes.forms import DirectorySearchForm, NetworkProfileForm

PAGE_SIZE = 50


@login_required
def network_directory(request: HttpRequest) -> HttpResponse:
    choices = network.directory_choices(user=request.user)
    form = DirectorySearchForm(request.GET or None, choices=choices)
    filters = network.DirectoryFilter()
    if form.is_valid():
        data = form.cleaned_data
        filters = network.DirectoryFilter(
            query=data["q"].strip(),
            programme_id=data["programme"],
            organisation_id=data["organisation"],
            year=data["year"],
        )
    page = Paginator(network.directory(user=request.user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [(p, network.contact_details(p.person)) for p in page.object_list]
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
    person_id = principal(request.user).person_id
    if person_id is None or not network_member(request.user):
        raise Http404
    person = Person.objects.select_related("unit", "organisation").get(pk=person_id)
    profile = network.profile_for(person)
    form = NetworkProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        network.profile_save(form.save(commit=False))
        messages.success(request, _("Your network profile is saved."))
        return redirect("network_directory")
    context = {
        "form": form,
        "title": _("My network profile"),
        "intro": _(
            "Participants and alumni of your programmes see your name, title, unit, "
            "organisation, programme and year in the network directory. What you tick here "
            "is shown as well; nothing else."
        ),
        "cancel_url": reverse("network_directory"),
    }
    return render(request, "form_page.html", context)
