"""The weeding page per organisation: retention rules (HR administrators change them), what
is due and when, and the log of earlier runs."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plantskola.access.base import get_visible_or_404
from plantskola.access.privacy import retention_can_change, weeding_organisations_for_user
from plantskola.privacy import services, weeding
from plantskola.privacy.models import WeedingLogEntry


class RetentionForm(forms.Form):
    def __init__(self, *args: Any, current: dict[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for record_type in weeding.record_types():
            self.fields[record_type.key] = forms.IntegerField(
                label=str(record_type.label),
                min_value=0,
                max_value=services.MAX_MONTHS,
                initial=current[record_type.key],
                help_text=_("Months %(counted_from)s. Default: %(default)s.")
                % {"counted_from": record_type.counted_from, "default": record_type.default_months},
            )


def _details(entry: WeedingLogEntry) -> str:
    try:
        names = weeding.get(entry.record_type).count_labels
    except KeyError:
        names = {}
    return ", ".join(f"{names.get(k, k)}: {v}" for k, v in entry.counts.items())


@login_required
def weeding_home(request: HttpRequest) -> HttpResponse:
    organisations = weeding_organisations_for_user(request.user).order_by("name")
    if len(organisations) == 1:
        return redirect("weeding", org_pk=organisations[0].pk)
    return render(request, "privacy/weeding_home.html", {"organisations": organisations})


@login_required
@require_http_methods(["GET", "POST"])
def weeding_page(request: HttpRequest, org_pk: int) -> HttpResponse:
    organisation = get_visible_or_404(weeding_organisations_for_user(request.user), pk=org_pk)
    can_change = retention_can_change(request.user, organisation)
    if request.method == "POST" and not can_change:
        raise PermissionDenied
    current = weeding.rules_for(organisation)
    form = RetentionForm(request.POST or None, current=current) if can_change else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.retention_rules_save(
                organisation=organisation,
                months=dict(form.cleaned_data),
                user=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The retention rules were saved."))
            return redirect("weeding", org_pk=organisation.pk)
    today = timezone.localdate()
    labels = {r.key: r.label for r in weeding.record_types()}
    context = {
        "organisation": organisation,
        "form": form,
        "today": today,
        "schedule": weeding.schedule(organisation),
        "log": [
            (entry, labels.get(entry.record_type, entry.record_type), _details(entry))
            for entry in WeedingLogEntry.objects.filter(organisation=organisation)
            .select_related("run")
            .order_by("-run__started_at", "-id")[:50]
        ],
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "privacy/weeding.html", context, status=status)
