"""Table seating of an event and its printed table lists and name badges (organisers only)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from plantskola.access.base import Action
from plantskola.access.events import event_get_for_user
from plantskola.core.documents.services import document_request
from plantskola.core.pages import breadcrumbs
from plantskola.events.pages import event_trail
from plantskola.events.seating import services
from plantskola.events.seating.forms import SeatingForm
from plantskola.events.seating.selectors import seating_tables
from plantskola.events.selectors import event_summary


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
                seating = services.event_seat(
                    event=event,
                    table_size=form.cleaned_data["table_size"],
                    mix_gender=form.cleaned_data["mix_gender"],
                    mix_age=form.cleaned_data["mix_age"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("%(n)s tables were made; the mix is %(percent)s %% of the best possible.")
                    % {
                        "n": seating.tables,
                        "percent": formats.number_format(seating.percent or 0, 1),
                    },
                )
                return redirect("events:event_seating", pk=event.pk)
        status = 400
    event.refresh_from_db()
    context = {
        "event": event,
        "form": form,
        "tables": seating_tables(event=event),
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
