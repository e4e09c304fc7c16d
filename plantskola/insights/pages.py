"""Breadcrumbs and the Excel download every insights page shares."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from plantskola.core.models import Organisation
from plantskola.core.pages import Crumb, breadcrumbs

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def insights_trail() -> list[Crumb]:
    return [(reverse("insights:insights_home"), _("Insights"))]


def organisation_crumbs(organisation: Organisation, label: str | Promise) -> list[Crumb]:
    """Insights › "<label> – <organisation>" (the current page)."""
    return breadcrumbs(insights_trail(), (None, f"{label} – {organisation.name}"))


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
