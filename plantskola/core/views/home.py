from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from plantskola.access.core import organisations_for_user, people_for_user
from plantskola.access.principal import principal
from plantskola.core.pages import sections


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """One start page; each section appears for the roles the user has."""
    p = principal(request.user)
    context = {
        "organisations": organisations_for_user(request.user),
        "is_staff_user": bool(p.staff_org_ids) or p.is_superuser,
        "is_hr": bool(p.hr_org_ids) or p.is_superuser,
        "team_size": (
            people_for_user(request.user)
            .filter(is_active=True)
            .exclude(pk=p.person_id or 0)
            .count()
            if p.is_manager
            else 0
        ),
        "is_manager": p.is_manager,
        **sections("home", user=request.user),
    }
    return render(request, "core/home.html", context)
