"""Completion by attendance: the edition's completion page and marking everyone who meets it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from plantskola.access.base import Action
from plantskola.access.programmes import (
    edition_can_change,
    edition_get_for_participant_list,
    edition_get_for_user,
    participants_for_user,
)
from plantskola.core.pages import breadcrumbs
from plantskola.programmes.completion.forms import CompletionExceptionForm
from plantskola.programmes.completion.selectors import completion_allowed, completion_rows
from plantskola.programmes.completion.services import (
    completion_exception_allow,
    completion_mark,
    completion_refusal,
)
from plantskola.programmes.pages import edition_trail


@login_required
@require_GET
def edition_completion(request: HttpRequest, pk: int) -> HttpResponse:
    # Partner staff see their own people; a participant sees no one: not theirs to view.
    edition = edition_get_for_participant_list(request.user, pk)
    participants = participants_for_user(request.user, edition)
    rows = completion_rows(edition=edition, participants=participants)
    title = _("Completion")
    context = {
        "edition": edition,
        "rows": rows,
        "meeting": sum(1 for r in rows if r.meets),
        "to_mark": sum(1 for r in rows if r.meets and not r.completed),
        "can_change": edition_can_change(request.user, edition),
        "allowed": completion_allowed(edition=edition),
        "refusal": completion_refusal(edition),
        "exception_form": CompletionExceptionForm(),
        "title": title,
        "crumbs": breadcrumbs(edition_trail(edition), (None, title)),
    }
    return render(request, "programmes/completion_edition.html", context)


@login_required
@require_POST
def edition_completion_mark(request: HttpRequest, pk: int) -> HttpResponse:
    edition = edition_get_for_user(request.user, pk, action=Action.CHANGE)
    try:
        marked = completion_mark(edition=edition)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(count)s participants were marked as completed.") % {"count": len(marked)},
        )
    return redirect("programmes:edition_completion", pk=edition.pk)


@login_required
@require_POST
def edition_completion_exception(request: HttpRequest, pk: int) -> HttpResponse:
    edition = edition_get_for_user(request.user, pk, action=Action.CHANGE)
    form = CompletionExceptionForm(request.POST)
    if form.is_valid():
        completion_exception_allow(
            edition=edition,
            reason=form.cleaned_data["reason"],
            user=request.user,  # type: ignore[arg-type]  # login_required: a User
        )
        messages.success(request, _("Completion before the last session is allowed."))
    else:
        messages.error(request, _("Give a reason for the exception."))
    return redirect("programmes:edition_completion", pk=edition.pk)
