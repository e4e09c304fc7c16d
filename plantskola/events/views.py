"""Leadership days and cafés: thin views that fetch-and-authorise, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.middleware import HtmxDetails

from plantskola.access.base import Action, deny_unless
from plantskola.access.core import own_person
from plantskola.access.events import (
    event_can_create,
    event_can_manage,
    event_can_register,
    event_can_register_others,
    event_get_for_user,
    event_registrant_get_for_user,
    registration_get_for_user,
)
from plantskola.core.documents.services import document_request
from plantskola.core.pages import breadcrumbs, form_page
from plantskola.events import exports, jobs, selectors, services
from plantskola.events.calendar import ics_filename
from plantskola.events.calendar import registration_ics as registration_ics_text
from plantskola.events.forms import (
    EventForm,
    RegisterOtherForm,
    RegistrantSearchForm,
    RegistrationForm,
)
from plantskola.events.models import Event, Registration
from plantskola.events.pages import event_trail, events_trail
from plantskola.programmes.calendar.ics import ICS_MIME
from plantskola.programmes.capacity import Places

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _link(request: HttpRequest, event: Event) -> str:
    return request.build_absolute_uri(event.get_absolute_url())


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    """ "Ledardagar och caféer": the events the user is invited to or runs."""
    today = timezone.localdate()
    events = list(selectors.upcoming_events(user=request.user, today=today))
    own = selectors.own_registrations(user=request.user)
    for event in events:
        # Row annotations the template reads beside the event's fields.
        event.own = own.get(event.pk)  # type: ignore[attr-defined]  # row annotation
        event.manageable = event_can_manage(request.user, event)  # type: ignore[attr-defined]  # row annotation
        event.places_now = Places(capacity=event.capacity, taken=event.registered_count)  # type: ignore[attr-defined]  # row annotation
    context = {
        "events": events,
        "can_create": event_can_create(request.user),
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
        "crumbs": breadcrumbs(events_trail(), (None, _("Past events"))),
    }
    return render(request, "events/event_archive.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    deny_unless(event_can_create(request.user))
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            event = form.save()
        messages.success(request, _("The event was created."))
        return redirect(event)
    return form_page(
        request,
        form,
        title=_("New event"),
        crumbs=breadcrumbs(events_trail(), (None, _("New event"))),
        cancel_url=reverse("events:event_list"),
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
                ngettext(
                    "%(n)s person moved up from the waiting list and was told by e-mail.",
                    "%(n)s people moved up from the waiting list and were told by e-mail.",
                    len(moved),
                )
                % {"n": len(moved)},
            )
        places = event.places
        if places.over:
            # Lowering the capacity keeps everyone registered: a warning, as for an edition.
            messages.warning(
                request,
                _("%(taken)s are registered for %(c)s places: %(over)s over the capacity.")
                % {"taken": places.taken, "c": places.capacity, "over": places.over},
            )
        return redirect(event)
    return form_page(
        request,
        form,
        title=_("Edit %(name)s") % {"name": event.title},
        crumbs=breadcrumbs(event_trail(event), (None, _("Edit"))),
        cancel_url=event.get_absolute_url(),
    )


@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_get_for_user(request.user, pk)
    today = timezone.localdate()
    manage = event_can_manage(request.user, event)
    own = selectors.own_registration(event=event, person=own_person(request.user))
    summary = selectors.event_summary(event=event)
    context: dict[str, object] = {
        "event": event,
        "manage": manage,
        "own": own if own is not None and own.is_active else None,
        "waiting_position": selectors.waiting_position(registration=own) if own else None,
        "can_register": event_can_register(request.user, event)
        and (own is None or not own.is_active),
        "can_register_others": event_can_register_others(request.user, event)
        and event.registration_is_open(today),
        "registration_open": event.registration_is_open(today),
        "past": event.has_ended(today),
        "not_yet_open": today < event.registration_opens,
        "form": RegistrationForm(),
        "target_units": event.target_units.all(),
        "crumbs": breadcrumbs(events_trail(), (None, event.title)),
        **summary,
        "places": Places(capacity=event.capacity, taken=summary["registered_count"]),
    }
    if manage:
        context["target_count"] = selectors.event_target_people(event=event).count()
    return render(request, "events/event_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def event_invite(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Skicka inbjudningar": the message and the recipient count first; on confirmation a
    queued job with progress."""
    event = event_get_for_user(request.user, pk, action=Action.MANAGE)
    link = _link(request, event)
    if request.method == "POST":
        try:
            jobs.event_invitations_request(
                event=event,
                link=link,
                expected=_int(request.POST.get("expected")),
                user=request.user,  # type: ignore[arg-type]  # login_required: a User
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("events:event_invite", pk=event.pk)
        return redirect("events:event_job", pk=event.pk)
    title = _("Send invitations")
    context = {
        "event": event,
        "title": title,
        "preview": selectors.invitation_preview(event=event, link=link),
        "crumbs": breadcrumbs(event_trail(event), (None, title)),
    }
    return render(request, "events/event_invite.html", context)


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return -1


@never_cache
@login_required
@require_GET
def event_job(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress of the event's latest confirmed mass action (updates itself)."""
    event = event_get_for_user(request.user, pk, action=Action.MANAGE)
    job = selectors.latest_job(event=event)
    if job is None:
        raise Http404
    if request.headers.get("HX-Request"):
        return render(request, "events/_job_status.html", {"event": event, "job": job})
    context = {
        "event": event,
        "job": job,
        "crumbs": breadcrumbs(event_trail(event), (None, job.get_kind_display())),
    }
    return render(request, "events/event_job.html", context)


@login_required
@require_POST
def event_register(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_get_for_user(request.user, pk)
    person = own_person(request.user)
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
    own = selectors.own_registration(event=event, person=own_person(request.user))
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
            r.position = position  # type: ignore[attr-defined]  # row annotation
    context = {
        "event": event,
        "registered": [r for r in rows if r.status == Registration.Status.REGISTERED],
        "waiting": [r for r in rows if r.status == Registration.Status.WAITING],
        "cancelled": [r for r in rows if r.status == Registration.Status.CANCELLED],
        "dietary": [r for r in rows if r.is_active and r.dietary_needs],
        "past": event.has_ended(timezone.localdate()),
        "crumbs": breadcrumbs(event_trail(event), (None, _("Registrations"))),
    }
    return render(request, "events/event_registrations.html", context)


@login_required
@require_POST
def registration_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """An organiser cancels someone's registration (the waiting list moves up)."""
    registration = registration_get_for_user(request.user, pk, action=Action.MANAGE)
    event = registration.event
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
    return redirect("events:event_registrations", pk=event.pk)


@login_required
@require_GET
def registration_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """The registration's calendar invitation (the same UID and SEQUENCE as the e-mailed one):
    for its person and the organisers."""
    registration = registration_get_for_user(request.user, pk, action=Action.VIEW)
    if registration.status != Registration.Status.REGISTERED:
        raise Http404
    content = registration_ics_text(registration, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(content, content_type=f"{ICS_MIME}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ics_filename(registration)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def event_registrations_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """Everyone registered and waiting, with table and dietary needs, as an Excel file."""
    event = event_get_for_user(request.user, pk, action=Action.MANAGE)
    response = HttpResponse(exports.registrations_xlsx(event=event), content_type=XLSX_MIME)
    filename = f"anmalningar-{slugify(event.title)}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _document(request: HttpRequest, event: Event, kind: str, title: str, name: str) -> HttpResponse:
    document = document_request(
        user=request.user,  # type: ignore[arg-type]  # login_required: a User
        kind=kind,
        params={"event": event.pk},
        title=title,
        filename=f"{name}-{slugify(event.title)}.pdf",
    )
    return redirect("core:document_detail", pk=document.pk)


@login_required
@require_POST
def event_registrations_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks the task worker for the printed registrations with dietary needs."""
    event = event_get_for_user(request.user, pk, action=Action.MANAGE)
    title = _("Registrations: %(event)s") % {"event": event.title}
    return _document(request, event, "events.registrations", title, "anmalningar")


@login_required
@require_POST
def event_entrance_list_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks the task worker for the alphabetical entrance list with a tick column."""
    event = event_get_for_user(request.user, pk, action=Action.MANAGE)
    title = _("Entrance list: %(event)s") % {"event": event.title}
    return _document(request, event, "events.entrance_list", title, "entrelista")


@login_required
@require_http_methods(["GET", "POST"])
def event_register_others(request: HttpRequest, pk: int) -> HttpResponse:
    """Register someone else: a closest manager for the people of their units, an organiser
    for anyone in the organisation. The search only finds people within the user's reach, and
    a person outside it is a 404 on submit."""
    event = event_get_for_user(request.user, pk)
    deny_unless(event_can_register_others(request.user, event))
    if request.method == "POST":
        form = RegisterOtherForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(str(m) for e in form.errors.values() for m in e))
            return redirect("events:event_register_others", pk=event.pk)
        person = event_registrant_get_for_user(request.user, event, form.cleaned_data["person"])
        try:
            registration = services.registration_create(
                event=event,
                person=person,
                dietary_needs=form.cleaned_data["dietary_needs"],
                by=own_person(request.user),
                link=_link(request, event),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if registration.status == Registration.Status.REGISTERED:
                messages.success(
                    request,
                    _("%(name)s is registered and gets a confirmation by e-mail.")
                    % {"name": person.full_name},
                )
            else:
                messages.warning(
                    request,
                    _("The event is full: %(name)s is number %(n)s on the waiting list.")
                    % {
                        "name": person.full_name,
                        "n": selectors.waiting_position(registration=registration),
                    },
                )
        return redirect("events:event_register_others", pk=event.pk)
    search = RegistrantSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    context = {
        "event": event,
        "search": search,
        "query": query,
        "people": selectors.registrant_search(user=request.user, event=event, query=query),
        "limit": selectors.REGISTRANT_RESULTS,
        "crumbs": breadcrumbs(event_trail(event), (None, _("Register others"))),
    }
    htmx: HtmxDetails | None = getattr(request, "htmx", None)
    template = "events/_registrant_results.html" if htmx else "events/event_register_others.html"
    return render(request, template, context)
