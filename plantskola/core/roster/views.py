"""Roster import in the browser: upload → preview of every change → confirm."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from plantskola.access.actions import can, require
from plantskola.access.base import Action, get_visible_or_404
from plantskola.access.principal import principal
from plantskola.core.models import RosterImport
from plantskola.core.roster.diff import change_field_labels
from plantskola.core.roster.forms import ColumnMappingForm, RosterUploadForm
from plantskola.core.roster.selectors import roster_imports
from plantskola.core.roster.services import (
    leavers_need_confirmation,
    roster_preview_apply,
    roster_preview_create,
    roster_preview_remap,
)
from plantskola.core.roster.validation import column_labels
from plantskola.core.spreadsheets import (
    columns_shown,
    describe_reading,
    upload_content,
)


def _diff_kind_labels() -> dict[str, str]:
    return {
        "created": _("Added"),
        "updated": _("Updated"),
        "left": _("Has left"),
        "returned": _("Returned"),
    }


def _readable(diffs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Translate the stored diff codes into labels in the user's language."""
    kinds = _diff_kind_labels()
    fields = change_field_labels()
    return [
        {
            **d,
            "kind_label": kinds.get(d["kind"], d["kind"]),
            "changes": [(fields.get(f, f), old, new) for f, old, new in d.get("changes", [])],
        }
        for d in diffs
    ]


def _imports_for_user(request: HttpRequest) -> QuerySet[RosterImport]:
    p = principal(request.user)
    qs = roster_imports()
    return qs if p.is_superuser else qs.filter(organisation_id__in=p.hr_org_ids)


@login_required
@require_http_methods(["GET", "POST"])
def roster_upload(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.IMPORT_ROSTER)
    form = RosterUploadForm(request.POST or None, request.FILES or None, user=request.user)
    errors = []
    error_count = 0
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        require(request.user, Action.IMPORT_ROSTER, organisation)
        upload = form.cleaned_data["file"]
        result, record = roster_preview_create(
            organisation=organisation,
            uploaded_by=request.user,  # type: ignore[arg-type]  # login_required
            filename=upload.name,
            content=upload_content(upload, settings.ROSTER_MAX_BYTES),
            effective_date=form.cleaned_data["effective_date"],
        )
        if record is not None:
            return redirect("core:roster_preview", pk=record.pk)
        errors = result.errors
        error_count = result.error_count
    context = {
        "form": form,
        "errors": errors,
        "error_count": error_count,
        "recent": _imports_for_user(request)[:10],
        "crumbs": [(None, _("Import roster"))],
    }
    return render(request, "core/roster_upload.html", context, status=400 if errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def roster_preview(request: HttpRequest, pk: int) -> HttpResponse:
    if not can(request.user, Action.IMPORT_ROSTER):
        raise PermissionDenied
    record = get_visible_or_404(_imports_for_user(request), pk=pk)
    errors = []
    error_count = 0
    reading = record.summary.get("reading", {})
    columns = reading.get("columns", [])
    remap = request.method == "POST" and "remap" in request.POST
    mapping_form = ColumnMappingForm(
        request.POST if remap else None, columns=columns, labels=column_labels()
    )
    counts = record.summary.get("counts", {})
    confirm = leavers_need_confirmation(record.summary)
    confirm_error = ""
    if request.method == "POST":
        if record.status != RosterImport.Status.PREVIEWED:
            messages.warning(request, _("This file has already been imported."))
            return redirect("core:roster_preview", pk=record.pk)
        if remap:
            if mapping_form.is_valid():
                result = roster_preview_remap(record=record, mapping=mapping_form.mapping())
                if result.ok:
                    messages.success(
                        request,
                        _("The columns are saved for the organisation's next import."),
                    )
                    return redirect("core:roster_preview", pk=record.pk)
                errors, error_count = result.errors, result.error_count
        elif confirm and request.POST.get("confirm_leavers") != str(counts.get("left")):
            left = counts.get("left") or 0
            confirm_error = ngettext(
                "Confirm that %(left)s person is to be marked as having left.",
                "Confirm that %(left)s people are to be marked as having left.",
                left,
            ) % {"left": left}
        else:
            result = roster_preview_apply(record=record)
            if result.ok:
                done = result.counts()
                messages.success(
                    request,
                    _(
                        "The roster was imported: %(created)s added, %(updated)s updated, "
                        "%(left)s marked as having left."
                    )
                    % done,
                )
                return redirect(reverse("core:person_list"))
            errors, error_count = result.errors, result.error_count
    context = {
        "record": record,
        "counts": counts,
        "reading": describe_reading(reading) if reading else "",
        "columns": columns_shown(columns, column_labels()),
        "mapping_form": mapping_form,
        "confirm_leavers": confirm,
        "confirm_error": confirm_error,
        "active_before": record.summary.get("active_before", 0),
        "diffs": _readable(record.summary.get("diffs", [])),
        "more": record.summary.get("more", 0),
        "errors": errors,
        "error_count": error_count,
        "crumbs": [(reverse("core:roster_upload"), _("Import roster")), (None, record.filename)],
    }
    status = 400 if errors or confirm_error else 200
    return render(request, "core/roster_preview.html", context, status=status)
