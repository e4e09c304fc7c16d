"""Table seating of an event and its printed table lists and name badges (organisers only)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from plantskola.access.base import Action
from plantskola.access.events import event_get_for_user
from plantskola.core.documents.services import document_request
from plantskola.core.pages import breadcrumbs
from plantskola.events import jobs
from plantskola.events.pages import event_trail
from plantskola.events.seating.forms import SeatingForm
from plantskola.events.seating.selectors import seating_changes, seating_tables
from plantskola.events.selectors import event_summary, seating_proposal


@login_required
@require_http_methods(["GET", "POST"])
def event_seating(request: HttpRequest, pk: int) -> HttpResponse:
    """Table seating from the composition engine: administrations mixed at every table."""
    event = event_get_for_user(request.user, pk, action=Action.MANAGE)
    form = SeatingForm(request.POST or None, initial={"table_size": event.table_size})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                # A proposal: nothing changes until the organiser has seen the moves.
                jobs.event_seating_propose(
                    event=event,
                    table_size=form.cleaned_data["table_size"],
                    mix_gender=form.cleaned_data["mix_gender"],
                    mix_age=form.cleaned_data["mix_age"],
                    user=request.user,  # type: ignore[arg-type]  # login_required: a User
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("events:event_seating_changes", pk=event.pk)
        status = 400
    event.refresh_from_db()
    context = {
        "event": event,
        "form": form,
        "tables": seating_tables(event=event),
        "proposal": seating_proposal(event=event),
        "crumbs": breadcrumbs(event_trail(event), (None, _("Table seating"))),
        **event_summary(event=event),
    }
    return render(request, "events/event_seating.html", context, status=status)


@login_required
@require_POST
def event_table_lists_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks the task worker for the table lists and shows their page (progress, download)."""
    event = event_get_for_user(request.user, pk, action=Action.MANAGE)
    one_page = request.POST.get("layout") != "list"
    document = document_request(
        user=request.user,  # type: ignore[arg-type]  # login_required: a User
        kind="events.table_lists",
        params={"event": event.pk, "one_page_per_table": one_page},
        title=_("Table lists: %(event)s") % {"event": event.title},
        filename=f"bordslistor-{slugify(event.title)}.pdf",
    )
    return redirect("core:document_detail", pk=document.pk)


@login_required
@require_POST
def event_badges_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_get_for_user(request.user, pk, action=Action.MANAGE)
    document = document_request(
        user=request.user,  # type: ignore[arg-type]  # login_required: a User
        kind="events.badges",
        params={"event": event.pk},
        title=_("Name badges: %(event)s") % {"event": event.title},
        filename=f"namnbrickor-{slugify(event.title)}.pdf",
    )
    return redirect("core:document_detail", pk=document.pk)


@login_required
@require_http_methods(["GET", "POST"])
def event_seating_changes(request: HttpRequest, pk: int) -> HttpResponse:
    """The proposed tables as what they change (who moves from which table to which), and
    the confirmation that applies them in the task queue."""
    event = event_get_for_user(request.user, pk, action=Action.MANAGE)
    proposal = seating_proposal(event=event)
    if proposal is None:
        messages.info(request, _("There is no new seating to apply. Make the tables first."))
        return redirect("events:event_seating", pk=event.pk)
    if request.method == "POST":
        try:
            jobs.event_seating_confirm(job=proposal)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("events:event_seating", pk=event.pk)
        return redirect("events:event_job", pk=event.pk)
    tables = {int(k): int(v) for k, v in proposal.params["tables"].items()}
    bound = proposal.params["bound"]
    context = {
        "event": event,
        "proposal": proposal,
        "moves": seating_changes(event=event, tables=tables),
        "seated": len(tables),
        "table_count": len(set(tables.values())),
        "percent": 100.0 * proposal.params["objective"] / bound if bound else None,
        "crumbs": breadcrumbs(
            event_trail(event),
            (reverse("events:event_seating", args=[event.pk]), _("Table seating")),
            (None, _("Changes")),
        ),
    }
    return render(request, "events/event_seating_changes.html", context)
