"""Programme pages: programmes, editions, their modules and groups, sessions and participants.

Thin views: fetch-and-authorise through `plantskola.access.programmes`, call a service or a
selector, render. Scheduling, attendance, calendars, completion, grouping and the network
have their own packages beside this module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from plantskola.access.base import Action, deny_unless
from plantskola.access.development import plan_overview_can_view
from plantskola.access.evaluations import edition_evaluations_can_view
from plantskola.access.programmes import (
    edition_can_change,
    edition_can_list_participants,
    edition_can_view_participants,
    edition_get_for_participant_list,
    edition_get_for_user,
    group_get_for_user,
    module_get_for_user,
    participant_get_for_user,
    programme_can_change,
    programme_can_create,
    programme_get_for_user,
    session_can_change,
    session_can_take_attendance,
    session_get_for_user,
)
from plantskola.core.models import Person
from plantskola.core.pages import Crumb, breadcrumbs, form_page
from plantskola.programmes import selectors, services
from plantskola.programmes.enrolment.forms import ParticipantChangeForm
from plantskola.programmes.forms import (
    EditionForm,
    GroupForm,
    ModuleForm,
    ParticipantForm,
    ParticipantSearchForm,
    ProgrammeForm,
)
from plantskola.programmes.invitations.services import participant_add_and_invite
from plantskola.programmes.models import Edition, Group, Module, Participant, Programme
from plantskola.programmes.pages import edition_trail, programme_trail, programmes_trail

M = TypeVar("M", bound=Model)


def _save_or_form_page(
    request: HttpRequest,
    form: forms.ModelForm[M],
    *,
    saved_message: str,
    next_url: Callable[[M], str],
    title: str,
    crumbs: Iterable[Crumb],
    cancel_url: str,
) -> HttpResponse:
    """On a valid POST save the form whole and go on to `next_url(saved)`; otherwise the form
    page (400 with the form's errors)."""
    if request.method == "POST" and form.is_valid():
        saved = services.form_save(form=form)
        messages.success(request, saved_message)
        return redirect(next_url(saved))
    return form_page(request, form, title=title, crumbs=crumbs, cancel_url=cancel_url)


# --- programmes ------------------------------------------------------------------------------


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    context = {
        "programmes": selectors.programme_list(user=request.user),
        "can_create": programme_can_create(request.user),
    }
    return render(request, "programmes/programme_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request: HttpRequest) -> HttpResponse:
    deny_unless(programme_can_create(request.user))
    # The form only offers the organisations whose programmes the user runs.
    form = ProgrammeForm(request.POST or None, user=request.user)
    return _save_or_form_page(
        request,
        form,
        saved_message=_("The programme was created."),
        next_url=Programme.get_absolute_url,
        title=_("New programme"),
        crumbs=breadcrumbs(programmes_trail(), (None, _("New programme"))),
        cancel_url=reverse("programmes:programme_list"),
    )


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get_for_user(request.user, pk)
    context = {
        "programme": programme,
        "editions": selectors.edition_list(user=request.user, programme=programme),
        "can_change": programme_can_change(request.user, programme),
        "crumbs": breadcrumbs(programmes_trail(), (None, programme.name)),
    }
    return render(request, "programmes/programme_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def programme_update(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get_for_user(request.user, pk, action=Action.CHANGE)
    form = ProgrammeForm(request.POST or None, instance=programme, user=request.user)
    detail = reverse("programmes:programme_detail", args=[programme.pk])
    return _save_or_form_page(
        request,
        form,
        saved_message=_("The programme was saved."),
        next_url=lambda _saved: detail,
        title=_("Edit %(name)s") % {"name": programme.name},
        crumbs=breadcrumbs(programme_trail(programme), (None, _("Edit"))),
        cancel_url=detail,
    )


# --- editions --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def edition_create(request: HttpRequest, programme_pk: int) -> HttpResponse:
    programme = programme_get_for_user(request.user, programme_pk, action=Action.CHANGE)
    form = EditionForm(request.POST or None, programme=programme)
    return _save_or_form_page(
        request,
        form,
        saved_message=_("The edition was created."),
        next_url=Edition.get_absolute_url,
        title=_("New edition of %(name)s") % {"name": programme.name},
        crumbs=breadcrumbs(programme_trail(programme), (None, _("New edition"))),
        cancel_url=reverse("programmes:programme_detail", args=[programme.pk]),
    )


@login_required
def edition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    edition = edition_get_for_user(request.user, pk)
    context = {
        "edition": edition,
        "programme": edition.programme,
        "partners": edition.partners.all(),
        "can_change": edition_can_change(request.user, edition),
        # Withdrawn participants take no place (capacity.py).
        "participant_count": selectors.participant_list(user=request.user, edition=edition)
        .exclude(status=Participant.Status.WITHDRAWN)
        .count(),
        "places": edition.places,
        "can_list_participants": edition_can_list_participants(request.user, edition),
        "can_view_drafts": edition_can_view_participants(request.user, edition),
        # The steering group follows plans and evaluations without running the edition.
        "can_view_plans": plan_overview_can_view(request.user, edition),
        "can_view_evaluations": edition_evaluations_can_view(request.user, edition),
        "crumbs": breadcrumbs(programme_trail(edition.programme), (None, edition.name)),
        **selectors.edition_overview(user=request.user, edition=edition),
    }
    return render(request, "programmes/edition_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edition_update(request: HttpRequest, pk: int) -> HttpResponse:
    edition = edition_get_for_user(request.user, pk, action=Action.CHANGE)
    form = EditionForm(request.POST or None, instance=edition, programme=edition.programme)
    detail = reverse("programmes:edition_detail", args=[edition.pk])
    return _save_or_form_page(
        request,
        form,
        saved_message=_("The edition was saved."),
        next_url=lambda _saved: detail,
        title=_("Edit %(name)s") % {"name": edition.name},
        crumbs=breadcrumbs(edition_trail(edition), (None, _("Edit"))),
        cancel_url=detail,
    )


# --- modules and groups ----------------------------------------------------------------------


def _edition_part_page(
    request: HttpRequest,
    form: forms.ModelForm[M],
    *,
    edition: Edition,
    title: str,
    saved_message: str,
) -> HttpResponse:
    """The form of a module or group, saved back to the edition's page."""
    detail = reverse("programmes:edition_detail", args=[edition.pk])
    return _save_or_form_page(
        request,
        form,
        saved_message=saved_message,
        next_url=lambda _saved: detail,
        title=title,
        crumbs=breadcrumbs(edition_trail(edition), (None, title)),
        cancel_url=detail,
    )


@login_required
@require_http_methods(["GET", "POST"])
def module_create(request: HttpRequest, edition_pk: int) -> HttpResponse:
    edition = edition_get_for_user(request.user, edition_pk, action=Action.CHANGE)
    module = Module(edition=edition, order=edition.modules.count() + 1)
    return _edition_part_page(
        request,
        ModuleForm(request.POST or None, instance=module, edition=edition),
        edition=edition,
        title=_("New module"),
        saved_message=_("The module was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def module_update(request: HttpRequest, pk: int) -> HttpResponse:
    module = module_get_for_user(request.user, pk, action=Action.CHANGE)
    return _edition_part_page(
        request,
        ModuleForm(request.POST or None, instance=module, edition=module.edition),
        edition=module.edition,
        title=_("Edit module %(name)s") % {"name": module.name},
        saved_message=_("The module was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request: HttpRequest, edition_pk: int) -> HttpResponse:
    edition = edition_get_for_user(request.user, edition_pk, action=Action.CHANGE)
    count = edition.groups.count() + 1
    group = Group(edition=edition, order=count, name=_("Group %(n)s") % {"n": count})
    return _edition_part_page(
        request,
        GroupForm(request.POST or None, instance=group, edition=edition),
        edition=edition,
        title=_("New group"),
        saved_message=_("The group was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_update(request: HttpRequest, pk: int) -> HttpResponse:
    group = group_get_for_user(request.user, pk, action=Action.CHANGE)
    return _edition_part_page(
        request,
        GroupForm(request.POST or None, instance=group, edition=group.edition),
        edition=group.edition,
        title=_("Edit group %(name)s") % {"name": group.name},
        saved_message=_("The group was saved."),
    )


# --- sessions (their form is in schedule/, attendance in attendance/) ------------------------


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_get_for_user(request.user, pk)
    days = selectors.module_days_of(session)
    context = {
        "session": session,
        "days": days if len(days) > 1 else [],
        "day_number": next((i for i, d in enumerate(days, start=1) if d.pk == session.pk), 0),
        "edition": session.edition,
        "leaders": session.leaders.all(),
        "can_change": session_can_change(request.user, session),
        "can_take_attendance": session_can_take_attendance(request.user, session),
        "crumbs": breadcrumbs(edition_trail(session.edition), (None, session.title)),
    }
    return render(request, "programmes/session_detail.html", context)


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
    edition = edition_get_for_participant_list(request.user, edition_pk)
    can_change = edition_can_change(request.user, edition)
    search = ParticipantSearchForm(request.GET or None)
    candidates: QuerySet[Person] | list[Person] = []
    matching = 0
    if can_change and search.is_valid() and search.cleaned_data["q"]:
        candidates = selectors.eligible_people(edition=edition, query=search.cleaned_data["q"])
        matching = selectors.eligible_people(
            edition=edition, query=search.cleaned_data["q"], limit=None
        ).count()
    context = {
        "edition": edition,
        "participants": selectors.participant_list(user=request.user, edition=edition),
        "can_change": can_change,
        "search": search,
        "candidates": candidates,
        "more": max(0, matching - len(candidates)),
        "groups": edition.groups.all(),
        "places": edition.places,
        "bulk_form": ParticipantChangeForm(),
        "crumbs": breadcrumbs(edition_trail(edition), (None, _("Participants"))),
    }
    return render(request, "programmes/participant_list.html", context)


@login_required
@require_POST
def participant_add(request: HttpRequest, edition_pk: int) -> HttpResponse:
    edition = edition_get_for_user(request.user, edition_pk, action=Action.CHANGE)
    person = Person.objects.filter(pk=request.POST.get("person") or 0).first()
    group = Group.objects.filter(edition=edition, pk=request.POST.get("group") or 0).first()
    if person is None:
        messages.error(request, _("Choose a person to add."))
    else:
        try:
            _participant, invited = participant_add_and_invite(
                edition=edition,
                person=person,
                group=group,
                base_url=request.build_absolute_uri("/"),
            )
            messages.success(request, _("%(name)s was added.") % {"name": person.full_name})
            if invited:
                messages.info(request, _("The invitation with the sessions was sent."))
            else:
                messages.warning(
                    request,
                    _("%(name)s has no e-mail address: no invitation was sent.")
                    % {"name": person.full_name},
                )
            places = edition.places
            if places.over:
                messages.warning(
                    request,
                    _("The edition now has %(taken)s participants for %(c)s places.")
                    % {"taken": places.taken, "c": places.capacity},
                )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    url = reverse("programmes:participant_list", args=[edition.pk])
    query = request.POST.get("q", "")
    return redirect(f"{url}?q={query}" if query else url)


@login_required
@require_http_methods(["GET", "POST"])
def participant_update(request: HttpRequest, pk: int) -> HttpResponse:
    participant = participant_get_for_user(request.user, pk, action=Action.CHANGE)
    edition = participant.edition
    back = reverse("programmes:participant_list", args=[edition.pk])
    return _save_or_form_page(
        request,
        ParticipantForm(request.POST or None, instance=participant),
        saved_message=_("The participant was saved."),
        next_url=lambda _saved: back,
        title=_("%(name)s in %(edition)s")
        % {"name": participant.person.full_name, "edition": edition.name},
        crumbs=breadcrumbs(
            edition_trail(edition), (back, _("Participants")), (None, participant.person.full_name)
        ),
        cancel_url=back,
    )
