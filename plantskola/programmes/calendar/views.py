"""Each person's calendar: the page with their private feed address, a new address, the feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from plantskola.access.core import own_person
from plantskola.programmes.calendar.selectors import feed_calendar, feed_for_token
from plantskola.programmes.calendar.services import feed_get_or_create, feed_regenerate


@login_required
@require_GET
def my_calendar(request: HttpRequest) -> HttpResponse:
    person = own_person(request.user)
    feed_url = ""
    if person is not None:
        feed = feed_get_or_create(person=person)
        feed_url = request.build_absolute_uri(
            reverse("programmes:calendar_feed", args=[feed.token])
        )
    context = {
        "person": person,
        "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[-1] if feed_url else "",
    }
    return render(request, "programmes/calendar_mine.html", context)


@login_required
@require_POST
def my_calendar_reset(request: HttpRequest) -> HttpResponse:
    person = own_person(request.user)
    if person is None:
        messages.error(request, _("Your account is not linked to a person in the roster."))
    else:
        feed_regenerate(person=person)
        messages.success(
            request, _("Your calendar has a new address. The old address no longer works.")
        )
    return redirect("programmes:my_calendar")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed itself: no login (calendar clients cannot log in); the token is the key."""
    feed = feed_for_token(token)
    if feed is None:
        raise Http404
    content = feed_calendar(person=feed.person, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="plantskola.ics"'
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response
