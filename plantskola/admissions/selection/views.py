"""The selection page: scores, rules and locks, the engine's result with explanations and a
reserve list; every change of rules or locks is a new run (what-if) in seconds."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plantskola.access.admissions import call_get_for_user
from plantskola.admissions.selection import services
from plantskola.admissions.selection.forms import SelectionForm
from plantskola.admissions.selection.selectors import latest_run, scores, selection_result
from plantskola.admissions.selectors import call_decision


@login_required
@require_http_methods(["GET", "POST"])
def selection(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = call_get_for_user(request.user, call_pk)
    scored = scores(call=call)
    latest = latest_run(call)
    initial = SelectionForm.initial_for(call=call, latest=latest)
    form = SelectionForm(request.POST or None, scored=scored, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.selection_run(
                call=call,
                rules=form.rules(),
                user=request.user,  # type: ignore[arg-type]  # login_required: a User
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The selection was run."))
            return redirect("admissions:selection", call_pk=call.pk)
    context: dict[str, Any] = {
        "call": call,
        "form": form,
        "rows": [(s, form[f"lock_{s.application.pk}"]) for s in scored],
        "run": latest,
        # After a failed run the page still shows the previous result, marked as such: never
        # as the result of the rules just tried.
        "failed": bool(form.errors),
        "decision": call_decision(call),
        **selection_result(latest, scored, call=call),
    }
    return render(request, "admissions/selection.html", context, status=400 if form.errors else 200)
