"""Leadership days and cafés: thin views that fetch-and-authorise, call a service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from plantskola.access.base import Action, get_visible_or_404
from plantskola.access.events import (
    event_can_manage,
    event_can_register,
    event_get_for_user,
    events_for_user,
)
from plantskola.access.principal import principal
from plantskola.core.documents.services import document_request
from plantskola.core.models import Person
from plantskola.events import selectors, services
from plantskola.events.forms import EventForm, RegistrationForm, SeatingForm
from plantskola.events.models import Event, Registration


def _crumbs(*last: tuple[str | None, str]) -> list[tuple[str | None, str]]:
    return [(reverse("event_list"), _("Leadership days and cafés")), *last]


def _event_crumbs(event: Event, *last: tuple[str | None, str]) -> list[tuple[str | None, str]]:
    return _crumbs((reverse("event_detail", args=[event.pk]), event.title), *last)


def _link(request: HttpRequest, event: Event) -> str:
    return request.build_absolute_uri(event.get_absolute_url())


def _may_create(request: HttpRequest) -> bool:
    p = principal(request.user)
    return p.is_superuser or bool(p.managing_org_ids)


def _own_person(request: HttpRequest) -> Person | None:
    p = principal(request.user)
    return Person.objects.filter(pk=p.person_id).first() if p.person_id else None


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    """ "Ledardagar och caféer": the events the user is invited to or runs."""
    today = timezone.localdate()
    events = list(selectors.upcoming_events(user=request.user, today=today))
    own = selectors.own_registrations(user=request.user)
    for event in events:
        event.own = own.get(event.pk)  # type: ignore[attr-defined]
        event.manageable = event_can_manage(request.user, event)  # type: ignore[attr-defined]
    context = {
        "events": events,
        "can_create": _may_create(request),
        "past_count": selectors.past_events(user=request.user, today=today).count(),
        "today": today,
    }
    return render(request, "events/event_list.html", context)


@login_required
def event_archive(request: HttpRequest) -> HttpResponse:
    """Past leadership days and cafés with their themes and notes."""
    today = timezone.localdate()
    context = {
        "events": selectors.past_events(user=request.user, today=today),
        "crumbs": _crumbs((None, _("Past events"))),
    }
    return render(request, "events/event_archive.html", context)


def _form_page(
    request: HttpRequest, form: EventForm, *, title: str, crumbs: list[Any], cancel_url: str
) -> HttpResponse:
    context = {"form": form, "title": title, "cancel_url": cancel_url, "crumbs": crumbs}
    return render(request, "form_page.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    if not _may_create(request):
        raise PermissionDenied
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            event = form.save()
        messages.success(request, _("The event was created."))
        return redirect(event)
    return _form_page(
        request,
        form,
        title=_("New event"),
        crumbs=_crumbs((None, _("New event"))),
        cancel_url=reverse("event_list"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_update(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_get_for_user(request.user, pk, action=Action.MANAGE)
    form = EventForm(request.POST or None, instance=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            event = form.save()
            # A higher capacity frees seats: the waiting list moves up at once.
            moved = services.event_update_capacity(event=event, link=_link(request, event))
        messages.success(request, _("The event was saved."))
        if moved:
            messages.info(
                request,
                _("%(n)s people moved up from the waiting list and were told by e-mail.")
                % {"n": len(moved)},
            )
        return redirect(event)
    return _form_page(
        request,
        form,
        title=_("Edit %(name)s") % {"name": event.title},
        crumbs=_event_crumbs(event, (None, _("Edit"))),
        cancel_url=event.get_absolute_url(),
    )


@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_get_for_user(request.user, pk)
    today = timezone.localdate()
    manage = event_can_manage(request.user, event)
    person = _own_person(request)
    own = Registration.objects.filter(event=event, person=person).first() if person else None
    context: dict[str, Any] = {
        "event": event,
        "manage": manage,
        "own": own if own is not None and own.is_active else None,
        "waiting_position": selectors.waiting_position(registration=own) if own else None,
        "can_register": event_can_register(request.user, event)
        and (own is None or not own.is_active),
        "registration_open": event.registration_is_open(today),
        "past": event.has_ended(today),
        "not_yet_open": today < event.registration_opens,
        "form": RegistrationForm(),
        "target_units": event.target_units.all(),
        "crumbs": _crumbs((None, event.title)),
        **selectors.event_summary(event=event),
    }
    if manage:
        context["target_count"] = selectors.event_target_people(event=event).count()
    return render(request, "events/event_detail.html", context)


@login_required
@require_POST
def event_invite(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_get_for_user(request.user, pk, action=Action.MANAGE)
    try:
        count = services.event_invite(event=event, link=_link(request, event))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("%(n)s invitations were queued for sending by e-mail.") % {"n": count}
        )
    return redirect(event)


@login_required
@require_POST
def event_register(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_get_for_user(request.user, pk)
    person = _own_person(request)
    if person is None or not event_can_register(request.user, event):
        raise PermissionDenied
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(m) for e in form.errors.values() for m in e))
        return redirect(event)
    try:
        registration = services.registration_create(
            event=event, person=person, dietary_needs=form.cleaned_data["dietary_needs"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(event)
    if registration.status == Registration.Status.REGISTERED:
        messages.success(request, _("You are registered."))
    else:
        messages.warning(
            request,
            _(
                "The event is full. You are number %(n)s on the waiting list and will get an "
                "e-mail if a place becomes free."
            )
            % {"n": selectors.waiting_position(registration=registration)},
        )
    return redirect(event)


@login_required
@require_POST
def event_unregister(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancel one's own registration or place on the waiting list."""
    event = event_get_for_user(request.user, pk)
    person = _own_person(request)
    own = Registration.objects.filter(event=event, person=person).first() if person else None
    if own is None or not own.is_active:
        messages.error(request, _("You are not registered for this event."))
        return redirect(event)
    try:
        services.registration_cancel(registration=own, link=_link(request, event))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your registration was cancelled."))
    return redirect(event)


@login_required
def event_registrations(request: HttpRequest, pk: int) -> HttpResponse:
    """The organisers' list: who registered, the waiting list and dietary needs."""
    event = event_get_for_user(request.user, pk, action=Action.MANAGE)
    rows = list(selectors.registrations(event=event))
    position = 0
    for r in rows:
        if r.status == Registration.Status.WAITING:
            position += 1
            r.position = position  # type: ignore[attr-defined]
    context = {
        "event": event,
        "registered": [r for r in rows if r.status == Registration.Status.REGISTERED],
        "waiting": [r for r in rows if r.status == Registration.Status.WAITING],
        "cancelled": [r for r in rows if r.status == Registration.Status.CANCELLED],
        "dietary": [r for r in rows if r.is_active and r.dietary_needs],
        "past": event.has_ended(timezone.localdate()),
        "crumbs": _event_crumbs(event, (None, _("Registrations"))),
    }
    return render(request, "events/event_registrations.html", context)


@login_required
@require_POST
def registration_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """An organiser cancels someone's registration (the waiting list moves up)."""
    registration = get_visible_or_404(
        Registration.objects.filter(event__in=events_for_user(request.user)).select_related(
            "event", "person"
        ),
        pk=pk,
    )
    event = registration.event
    if not event_can_manage(request.user, event):
        raise PermissionDenied
    try:
        moved = services.registration_cancel(registration=registration, link=_link(request, event))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The registration of %(name)s was cancelled.")
            % {"name": registration.person.full_name},
        )
        if moved is not None:
            messages.info(
                request,
                _("%(name)s moved up from the waiting list and was told by e-mail.")
                % {"name": moved.person.full_name},
            )
    return redirect("event_registrations", pk=event.pk)


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
                return redirect("event_seating", pk=event.pk)
        status = 400
    event.refresh_from_db()
    tables = selectors.seating_tables(event=event)
    context = {
        "event": event,
        "form": form,
        "tables": tables,
        "crumbs": _event_crumbs(event, (None, _("Table seating"))),
        **selectors.event_summary(event=event),
    }
    return render(request, "events/event_seating.html", context, status=status)


@login_required
@require_POST
def event_table_lists_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks the task worker for the table lists and shows their page (progress, download)."""
    event = event_get_for_user(request.user, pk, action=Action.MANAGE)
    one_page = request.POST.get("layout") != "list"
    document = document_request(
        user=request.user,  # type: ignore[arg-type]
        kind="events.table_lists",
        params={"event": event.pk, "one_page_per_table": one_page},
        title=_("Table lists: %(event)s") % {"event": event.title},
        filename=f"bordslistor-{slugify(event.title)}.pdf",
    )
    return redirect("document_detail", pk=document.pk)


@login_required
@require_POST
def event_badges_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_get_for_user(request.user, pk, action=Action.MANAGE)
    document = document_request(
        user=request.user,  # type: ignore[arg-type]
        kind="events.badges",
        params={"event": event.pk},
        title=_("Name badges: %(event)s") % {"event": event.title},
        filename=f"namnbrickor-{slugify(event.title)}.pdf",
    )
    return redirect("document_detail", pk=document.pk)
