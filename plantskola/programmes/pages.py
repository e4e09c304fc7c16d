"""Breadcrumb trails of the programme pages, shared by every app with pages under an edition;
the request type of views that answer htmx; the programmes' sections of core's pages."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.middleware import HtmxDetails

from plantskola.access.base import UserLike
from plantskola.core.models import Person
from plantskola.core.pages import Crumb, register_sections
from plantskola.programmes.models import Edition, Programme
from plantskola.programmes.selectors import home_sections, participations_for_person


class HtmxHttpRequest(HttpRequest):
    """A request as the views see it behind django-htmx's middleware (for the type checker)."""

    htmx: HtmxDetails


def programmes_trail() -> list[Crumb]:
    return [(reverse("programmes:programme_list"), _("Programmes"))]


def programme_trail(programme: Programme) -> list[Crumb]:
    """Programmes › the programme (each a link)."""
    return [
        *programmes_trail(),
        (reverse("programmes:programme_detail", args=[programme.pk]), programme.name),
    ]


def edition_trail(edition: Edition) -> list[Crumb]:
    """Programmes › the programme › the edition (each a link)."""
    return [
        *programme_trail(edition.programme),
        (reverse("programmes:edition_detail", args=[edition.pk]), edition.name),
    ]


def _person_sections(*, user: UserLike, person: Person) -> dict[str, object]:
    return {"participations": participations_for_person(user=user, person=person)}


def _home_sections(*, user: UserLike) -> dict[str, object]:
    return dict(home_sections(user=user))


def register_page_sections() -> None:
    """The programmes' parts of core's start page and person page."""
    register_sections("home", "programmes", _home_sections)
    register_sections("person_detail", "programmes", _person_sections)
