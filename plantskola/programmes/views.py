"""Programme pages: thin views that fetch-and-authorise, call a service or a form, render."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_stubs_ext import StrOrPromise

from plantskola.access.actions import can, get_for_action_or_404, require
from plantskola.access.base import Action, get_visible_or_404
from plantskola.access.programmes import editions_for_user, programmes_for_user, sessions_for_user
from plantskola.core.models import Person
from plantskola.programmes import selectors, services
from plantskola.programmes.forms import (
    AttendanceForm,
    EditionForm,
    GroupForm,
    ModuleForm,
    ParticipantForm,
    ParticipantSearchForm,
    ProgrammeForm,
    SessionForm,
)
from plantskola.programmes.models import (
    Attendance,
    Edition,
    Group,
    Module,
    Participant,
    Session,
)


def _editions(request: HttpRequest) -> Any:
    return editions_for_user(request.user).select_related("programme__organisation")


def _edition_crumbs(
    edition: Edition, *last: tuple[str | None, str]
) -> list[tuple[str | None, str]]:
    return [
        (reverse("programme_list"), _("Programmes")),
        (reverse("programme_detail", args=[edition.programme_id]), edition.programme.name),
        (reverse("edition_detail", args=[edition.pk]), edition.name),
        *last,
    ]


def _form_page(
    request: HttpRequest,
    form: forms.ModelForm,
    *,
    title: str,
    success_url: str | None,
    cancel_url: str,
    crumbs: list[tuple[str | None, str]],
    saved_message: str,
) -> HttpResponse:
    """Render a create/update form; on a valid POST save it whole and redirect."""
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            obj = form.save()
        messages.success(request, saved_message)
        return redirect(success_url or obj.get_absolute_url())  # type: ignore[attr-defined]
    context = {"form": form, "title": title, "cancel_url": cancel_url, "crumbs": crumbs}
    return render(request, "form_page.html", context, status=400 if form.errors else 200)


# --- programmes ------------------------------------------------------------------------------


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    context = {
        "programmes": selectors.programme_list(user=request.user),
        "can_create": can(request.user, Action.CREATE_PROGRAMME),
    }
    return render(request, "programmes/programme_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.CREATE_PROGRAMME)
    # The form only offers the organisations whose programmes the user runs.
    form = ProgrammeForm(request.POST or None, user=request.user)
    return _form_page(
        request,
        form,
        title=_("New programme"),
        success_url=None,
        cancel_url=reverse("programme_list"),
        crumbs=[(reverse("programme_list"), _("Programmes")), (None, _("New programme"))],
        saved_message=_("The programme was created."),
    )


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_for_action_or_404(
        request.user,
        programmes_for_user(request.user).select_related("organisation"),
        Action.VIEW,
        pk=pk,
    )
    context = {
        "programme": programme,
        "editions": selectors.edition_list(user=request.user, programme=programme),
        "can_change": can(request.user, Action.CHANGE, programme),
        "crumbs": [(reverse("programme_list"), _("Programmes")), (None, programme.name)],
    }
    return render(request, "programmes/programme_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def programme_update(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_for_action_or_404(
        request.user, programmes_for_user(request.user), Action.CHANGE, pk=pk
    )
    form = ProgrammeForm(request.POST or None, instance=programme, user=request.user)
    detail = reverse("programme_detail", args=[programme.pk])
    return _form_page(
        request,
        form,
        title=_("Edit %(name)s") % {"name": programme.name},
        success_url=detail,
        cancel_url=detail,
        crumbs=[
            (reverse("programme_list"), _("Programmes")),
            (detail, programme.name),
            (None, _("Edit")),
        ],
        saved_message=_("The programme was saved."),
    )


# --- editions --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def edition_create(request: HttpRequest, programme_pk: int) -> HttpResponse:
    programme = get_for_action_or_404(
        request.user, programmes_for_user(request.user), Action.CHANGE, pk=programme_pk
    )
    form = EditionForm(request.POST or None, programme=programme)
    detail = reverse("programme_detail", args=[programme.pk])
    return _form_page(
        request,
        form,
        title=_("New edition of %(name)s") % {"name": programme.name},
        success_url=None,
        cancel_url=detail,
        crumbs=[
            (reverse("programme_list"), _("Programmes")),
            (detail, programme.name),
            (None, _("New edition")),
        ],
        saved_message=_("The edition was created."),
    )


@login_required
def edition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    edition = get_for_action_or_404(request.user, _editions(request), Action.VIEW, pk=pk)
    can_change = can(request.user, Action.CHANGE, edition)
    context = {
        "edition": edition,
        "programme": edition.programme,
        "partners": edition.partners.all(),
        "can_change": can_change,
        "participant_count": selectors.participant_list(user=request.user, edition=edition).count(),
        "can_list_participants": can_change
        or can(request.user, Action.VIEW_PARTICIPANTS, edition)
        or selectors.participant_list(user=request.user, edition=edition).exists(),
        "crumbs": _edition_crumbs(edition)[:-1] + [(None, edition.name)],
        **selectors.edition_overview(user=request.user, edition=edition),
    }
    return render(request, "programmes/edition_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edition_update(request: HttpRequest, pk: int) -> HttpResponse:
    edition = get_for_action_or_404(request.user, _editions(request), Action.CHANGE, pk=pk)
    form = EditionForm(request.POST or None, instance=edition, programme=edition.programme)
    detail = reverse("edition_detail", args=[edition.pk])
    return _form_page(
        request,
        form,
        title=_("Edit %(name)s") % {"name": edition.name},
        success_url=detail,
        cancel_url=detail,
        crumbs=_edition_crumbs(edition, (None, _("Edit"))),
        saved_message=_("The edition was saved."),
    )


# --- modules, groups, sessions ---------------------------------------------------------------


def _child_form(
    request: HttpRequest,
    *,
    edition: Edition,
    form_class: type[forms.ModelForm],
    instance: Any,
    title: str,
    saved_message: str,
) -> HttpResponse:
    form = form_class(request.POST or None, instance=instance, edition=edition)  # type: ignore[call-arg]
    detail = reverse("edition_detail", args=[edition.pk])
    return _form_page(
        request,
        form,
        title=title,
        success_url=detail,
        cancel_url=detail,
        crumbs=_edition_crumbs(edition, (None, title)),
        saved_message=saved_message,
    )


@login_required
@require_http_methods(["GET", "POST"])
def module_create(request: HttpRequest, edition_pk: int) -> HttpResponse:
    edition = get_for_action_or_404(request.user, _editions(request), Action.CHANGE, pk=edition_pk)
    return _child_form(
        request,
        edition=edition,
        form_class=ModuleForm,
        instance=Module(edition=edition, order=edition.modules.count() + 1),
        title=_("New module"),
        saved_message=_("The module was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def module_update(request: HttpRequest, pk: int) -> HttpResponse:
    module = _get_child_or_404(request, Module, pk)
    return _child_form(
        request,
        edition=module.edition,
        form_class=ModuleForm,
        instance=module,
        title=_("Edit module %(name)s") % {"name": module.name},
        saved_message=_("The module was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request: HttpRequest, edition_pk: int) -> HttpResponse:
    edition = get_for_action_or_404(request.user, _editions(request), Action.CHANGE, pk=edition_pk)
    count = edition.groups.count() + 1
    return _child_form(
        request,
        edition=edition,
        form_class=GroupForm,
        instance=Group(edition=edition, order=count, name=_("Group %(n)s") % {"n": count}),
        title=_("New group"),
        saved_message=_("The group was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_update(request: HttpRequest, pk: int) -> HttpResponse:
    group = _get_child_or_404(request, Group, pk)
    return _child_form(
        request,
        edition=group.edition,
        form_class=GroupForm,
        instance=group,
        title=_("Edit group %(name)s") % {"name": group.name},
        saved_message=_("The group was saved."),
    )


def _get_child_or_404(request: HttpRequest, model: type[Any], pk: int) -> Any:
    """A module, group or session: 404 unless its edition is visible, 403 unless changeable."""
    obj = get_visible_or_404(
        model.objects.filter(edition__in=editions_for_user(request.user)).select_related(
            "edition__programme"
        ),
        pk=pk,
    )
    require(request.user, Action.CHANGE, obj.edition)
    return obj


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest, edition_pk: int) -> HttpResponse:
    edition = get_for_action_or_404(request.user, _editions(request), Action.CHANGE, pk=edition_pk)
    from plantskola.programmes import views_schedule

    # Warnings (holidays, double bookings) before saving: views_schedule.session_form_page.
    return views_schedule.session_form_page(
        request,
        form_class=SessionForm,
        edition=edition,
        instance=Session(edition=edition),
        title=_("New session"),
        saved_message=_("The session was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_update(request: HttpRequest, pk: int) -> HttpResponse:
    session = _get_child_or_404(request, Session, pk)
    from plantskola.programmes import views_schedule

    # A moved session gets a higher SEQUENCE and updated invitations (views_schedule).
    return views_schedule.session_form_page(
        request,
        form_class=SessionForm,
        edition=session.edition,
        instance=session,
        title=_("Edit session %(name)s") % {"name": session.title},
        saved_message=_("The session was saved."),
    )


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_for_action_or_404(
        request.user,
        sessions_for_user(request.user).select_related(
            "edition__programme__organisation", "module", "group"
        ),
        Action.VIEW,
        pk=pk,
    )
    context = {
        "session": session,
        "edition": session.edition,
        "leaders": session.leaders.all(),
        "can_change": can(request.user, Action.CHANGE, session),
        "can_take_attendance": can(request.user, Action.TAKE_ATTENDANCE, session),
        "crumbs": _edition_crumbs(session.edition, (None, session.title)),
    }
    return render(request, "programmes/session_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Take attendance on a phone: one tap per participant, saved at once (htmx)."""
    session = get_for_action_or_404(
        request.user,
        sessions_for_user(request.user).select_related("edition__programme", "group"),
        Action.TAKE_ATTENDANCE,
        pk=pk,
    )
    participants = selectors.expected_participants(session=session)
    if request.method == "POST":
        form = AttendanceForm(request.POST)
        participant = None
        if form.is_valid():
            participant = participants.filter(pk=form.cleaned_data["participant"]).first()
        if participant is None:
            return HttpResponse(_("Unknown participant or status."), status=400)
        try:
            services.attendance_record(
                session=session,
                participant=participant,
                status=form.cleaned_data["status"],
                recorded_by=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            return HttpResponse(" ".join(exc.messages), status=400)
        if request.htmx:  # type: ignore[attr-defined]
            participant = participants.get(pk=participant.pk)
            return render(
                request,
                "programmes/_attendance_row.html",
                {"participant": participant, "session": session, "statuses": _statuses()},
            )
        return redirect("session_attendance", pk=session.pk)
    rows = list(participants)
    marked = [getattr(p, "session_attendance", []) for p in rows]
    present = len([a for a in marked if a and a[0].status == Attendance.Status.PRESENT])
    context = {
        "session": session,
        "participants": rows,
        "present": present,
        "statuses": _statuses(),
        "crumbs": _edition_crumbs(
            session.edition,
            (reverse("session_detail", args=[session.pk]), session.title),
            (None, _("Attendance")),
        ),
    }
    return render(request, "programmes/session_attendance.html", context)


def _statuses() -> list[tuple[str, StrOrPromise]]:
    return list(Attendance.Status.choices)


@login_required
def my_sessions(request: HttpRequest) -> HttpResponse:
    sessions = selectors.session_list_for_person(user=request.user)
    today = timezone.localdate()
    context = {
        "upcoming": sessions.filter(date__gte=today),
        "past": sessions.filter(date__lt=today).reverse()[:50],
    }
    return render(request, "programmes/my_sessions.html", context)


# --- participants ----------------------------------------------------------------------------


@login_required
def participant_list(request: HttpRequest, edition_pk: int) -> HttpResponse:
    edition = get_for_action_or_404(request.user, _editions(request), Action.VIEW, pk=edition_pk)
    participants = selectors.participant_list(user=request.user, edition=edition)
    can_change = can(request.user, Action.CHANGE, edition)
    if not can_change and not can(request.user, Action.VIEW_PARTICIPANTS, edition):
        if not participants.exists():
            raise PermissionDenied
    search = ParticipantSearchForm(request.GET or None)
    candidates: Any = []
    if can_change and search.is_valid() and search.cleaned_data["q"]:
        candidates = selectors.eligible_people(edition=edition, query=search.cleaned_data["q"])
    context = {
        "edition": edition,
        "participants": participants,
        "can_change": can_change,
        "search": search,
        "candidates": candidates,
        "groups": edition.groups.all(),
        "crumbs": _edition_crumbs(edition, (None, _("Participants"))),
    }
    return render(request, "programmes/participant_list.html", context)


@login_required
@require_POST
def participant_add(request: HttpRequest, edition_pk: int) -> HttpResponse:
    edition = get_for_action_or_404(request.user, _editions(request), Action.CHANGE, pk=edition_pk)
    person = Person.objects.filter(pk=request.POST.get("person") or 0).first()
    group = Group.objects.filter(edition=edition, pk=request.POST.get("group") or 0).first()
    if person is None:
        messages.error(request, _("Choose a person to add."))
    else:
        try:
            services.participant_add(edition=edition, person=person, group=group)
            messages.success(request, _("%(name)s was added.") % {"name": person.full_name})
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    url = reverse("participant_list", args=[edition.pk])
    query = request.POST.get("q", "")
    return redirect(f"{url}?q={query}" if query else url)


@login_required
@require_http_methods(["GET", "POST"])
def participant_update(request: HttpRequest, pk: int) -> HttpResponse:
    participant = get_visible_or_404(
        Participant.objects.filter(edition__in=editions_for_user(request.user)).select_related(
            "edition__programme", "person"
        ),
        pk=pk,
    )
    edition = participant.edition
    require(request.user, Action.CHANGE, edition)
    form = ParticipantForm(request.POST or None, instance=participant)
    back = reverse("participant_list", args=[edition.pk])
    return _form_page(
        request,
        form,
        title=_("%(name)s in %(edition)s")
        % {"name": participant.person.full_name, "edition": edition.name},
        success_url=back,
        cancel_url=back,
        crumbs=_edition_crumbs(
            edition, (back, _("Participants")), (None, participant.person.full_name)
        ),
        saved_message=_("The participant was saved."),
    )
