"""Each person's calendar: the page with their private feed address, a new address, the feed.

Only the token's hash is stored, so the address can be shown only when it is made: the page
offers "make my calendar address" (or "make a new address" when there is one) and the answer
to that POST shows the address once, rendered directly rather than through a redirect so
that the token is never kept anywhere, not even in the session."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from plantskola.access.core import own_person
from plantskola.core.models import Person
from plantskola.programmes.calendar.selectors import feed_calendar, feed_for_person, feed_for_token
from plantskola.programmes.calendar.services import feed_regenerate


def _page(request: HttpRequest, person: Person | None, feed_url: str = "") -> HttpResponse:
    context = {
        "person": person,
        "feed": feed_for_person(person=person) if person is not None else None,
        "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[-1] if feed_url else "",
    }
    response = render(request, "programmes/calendar_mine.html", context)
    if feed_url:
        response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def my_calendar(request: HttpRequest) -> HttpResponse:
    return _page(request, own_person(request.user))


@login_required
@require_POST
def my_calendar_reset(request: HttpRequest) -> HttpResponse:
    """Make the person's calendar address, or a new one, and show it this once."""
    person = own_person(request.user)
    if person is None:
        messages.error(request, _("Your account is not linked to a person in the roster."))
        return redirect("programmes:my_calendar")
    renewed = feed_for_person(person=person) is not None
    token = feed_regenerate(person=person)
    if renewed:
        messages.success(
            request, _("Your calendar has a new address. The old address no longer works.")
        )
    feed_url = request.build_absolute_uri(reverse("programmes:calendar_feed", args=[token]))
    return _page(request, person, feed_url)


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
