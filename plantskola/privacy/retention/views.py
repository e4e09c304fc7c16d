"""The weeding page per organisation: retention rules (HR administrators change them), what
is due and when, and the log of earlier runs."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plantskola.access.base import Action
from plantskola.access.privacy import (
    retention_can_change,
    weeding_organisation_get_for_user,
    weeding_organisations_for_user,
)
from plantskola.core.models import User
from plantskola.privacy import weeding
from plantskola.privacy.retention.forms import RetentionForm
from plantskola.privacy.retention.selectors import weeding_log
from plantskola.privacy.retention.services import retention_rules_save


@login_required
def weeding_home(request: HttpRequest) -> HttpResponse:
    organisations = weeding_organisations_for_user(request.user).order_by("name")
    if len(organisations) == 1:
        return redirect("privacy:weeding", org_pk=organisations[0].pk)
    return render(request, "privacy/weeding_home.html", {"organisations": organisations})


@login_required
@require_http_methods(["GET", "POST"])
def weeding_page(request: HttpRequest, org_pk: int) -> HttpResponse:
    action = Action.CHANGE if request.method == "POST" else Action.VIEW
    organisation = weeding_organisation_get_for_user(request.user, org_pk, action=action)
    can_change = retention_can_change(request.user, organisation)
    current = weeding.rules_for(organisation)
    form = RetentionForm(request.POST or None, current=current) if can_change else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            retention_rules_save(
                organisation=organisation,
                months=dict(form.cleaned_data),
                user=cast(User, request.user),  # login_required
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The retention rules were saved."))
            return redirect("privacy:weeding", org_pk=organisation.pk)
    today = timezone.localdate()
    context = {
        "organisation": organisation,
        "form": form,
        "today": today,
        "schedule": weeding.schedule(organisation),
        "log": weeding_log(organisation),
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "privacy/weeding.html", context, status=status)
