"""Career events: the list, recording one by hand and removing one (HR administrators)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from plantskola.access.base import Action
from plantskola.access.insights import career_event_get_for_user, insights_organisation_get_for_user
from plantskola.core.models import Organisation, User
from plantskola.core.pages import Crumb, breadcrumbs, errors_to_form, form_page
from plantskola.insights.careers.forms import CareerEventForm
from plantskola.insights.careers.selectors import career_events_for_organisation
from plantskola.insights.careers.services import career_event_create, career_event_delete
from plantskola.insights.pages import insights_trail, organisation_crumbs


def careers_trail(organisation: Organisation) -> list[Crumb]:
    """Insights › Career events (a link)."""
    return [
        *insights_trail(),
        (reverse("insights:career_event_list", args=[organisation.pk]), _("Career events")),
    ]


@login_required
@require_GET
def career_event_list(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = insights_organisation_get_for_user(request.user, pk, action=Action.VIEW_PEOPLE)
    events = career_events_for_organisation(organisation)
    return render(
        request,
        "insights/career_events.html",
        {
            "organisation": organisation,
            "events": events,
            "crumbs": organisation_crumbs(organisation, _("Career events")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def career_event_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = insights_organisation_get_for_user(request.user, pk, action=Action.VIEW_PEOPLE)
    form = CareerEventForm(request.POST or None, organisation=organisation)
    if request.method == "POST":
        if form.is_valid() and form.person is not None:
            try:
                career_event_create(
                    person=form.person,
                    kind=form.cleaned_data["kind"],
                    date=form.cleaned_data["date"],
                    title=form.cleaned_data["title"],
                    is_manager_after=form.cleaned_data["is_manager_after"],
                    note=form.cleaned_data["note"],
                    created_by=cast(User, request.user),  # login_required
                    today=timezone.localdate(),
                )
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                messages.success(request, _("The career event has been recorded."))
                return redirect("insights:career_event_list", pk=organisation.pk)
    return form_page(
        request,
        form,
        title=_("Record a career event"),
        intro=_(
            "Events from roster imports are recorded automatically; record here what the "
            "roster does not show."
        ),
        cancel_url=reverse("insights:career_event_list", args=[organisation.pk]),
        crumbs=breadcrumbs(careers_trail(organisation), (None, _("Record a career event"))),
    )


@login_required
@require_http_methods(["GET", "POST"])
def career_event_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove an event recorded by hand: a page to confirm, then POST."""
    event = career_event_get_for_user(request.user, pk)
    organisation = event.person.organisation
    if request.method == "POST":
        career_event_delete(event=event)
        messages.success(request, _("The career event has been removed."))
        return redirect("insights:career_event_list", pk=organisation.pk)
    return render(
        request,
        "insights/career_event_delete.html",
        {
            "event": event,
            "organisation": organisation,
            "crumbs": breadcrumbs(careers_trail(organisation), (None, _("Remove a career event"))),
        },
    )
