"""Scheduling: the session form with its warnings step, and one module for every group.

A POST that raises warnings (holidays, double bookings) saves nothing and shows them with a
"save anyway" box that applies to exactly the warnings shown. New sessions (days) of an
edition with participants first show how many people will get the invitation; the coordinator
confirms that count, and the invitations go out as a queued job with progress.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plantskola.access.base import Action
from plantskola.access.programmes import edition_get_for_user, session_get_for_user
from plantskola.core.pages import breadcrumbs
from plantskola.programmes.forms import SessionForm
from plantskola.programmes.models import BulkJob, Edition, Group, Session
from plantskola.programmes.pages import edition_trail
from plantskola.programmes.schedule.forms import ModuleScheduleForm, day_rows_for
from plantskola.programmes.schedule.selectors import (
    InvitationCount,
    Planned,
    planned_invitation_count,
    session_warnings,
    warnings_token,
)
from plantskola.programmes.schedule.services import (
    module_schedule_for_groups,
    move_key,
    planned_for_groups,
    session_save,
)


def _warnings_round(request: HttpRequest, warnings: list[str]) -> tuple[bool, str]:
    """Whether to save now: no warnings, or the coordinator ticked "save anyway" for exactly
    these warnings (the token is a fingerprint of what they saw)."""
    token = warnings_token(warnings)
    return (not warnings or request.POST.get("save_anyway") == token), token


def _invitations_round(
    request: HttpRequest, planned: list[Planned]
) -> tuple[bool, InvitationCount]:
    """Whether the invitations to new sessions may go: nobody to invite, or the coordinator
    saw and confirmed exactly this many recipients."""
    count = planned_invitation_count(planned)
    return (not count.total or request.POST.get("invite_count") == str(count.total)), count


def _after_save(request: HttpRequest, job: BulkJob | None, fallback: str) -> HttpResponse:
    if job is not None:
        messages.info(request, _("The invitations are being sent."))
        return redirect("programmes:bulk_job_detail", pk=job.pk)
    return redirect(fallback)


# --- the session form with its warnings step ---------------------------------------------------


def _session_form_page(
    request: HttpRequest, *, edition: Edition, instance: Session, title: str
) -> HttpResponse:
    """Create or edit a session. A moved session gets a new SEQUENCE and updated invitations."""
    before = move_key(instance) if instance.pk else None
    form = SessionForm(request.POST or None, instance=instance, edition=edition)
    warnings: list[str] = []
    token = ""
    invitations: InvitationCount | None = None
    if request.method == "POST" and form.is_valid():
        leader_ids = {p.pk for p in form.cleaned_data["leaders"]}
        planned = [Planned(session=form.instance, leader_ids=leader_ids)]
        warnings = session_warnings(planned=planned, user=request.user)
        save, token = _warnings_round(request, warnings)
        confirmed = True
        if before is None:
            confirmed, invitations = _invitations_round(request, planned)
        if save and confirmed:
            session, job = session_save(
                form=form,
                before=before,
                base_url=request.build_absolute_uri("/"),
                user=request.user,  # type: ignore[arg-type]  # login_required: a User
                recipients=invitations.total if invitations else 0,
            )
            messages.success(request, _("The session was saved."))
            if before is not None and before != move_key(session):
                messages.info(request, _("The session moved: updated invitations were sent."))
            return _after_save(
                request, job, reverse("programmes:edition_detail", args=[edition.pk])
            )
    context = {
        "form": form,
        "title": title,
        "cancel_url": reverse("programmes:edition_detail", args=[edition.pk]),
        "crumbs": breadcrumbs(edition_trail(edition), (None, title)),
        "warnings": warnings,
        "warnings_token": token,
        "invitations": invitations if invitations and invitations.total else None,
    }
    status = 400 if form.errors else 200
    return render(request, "programmes/schedule_session_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest, edition_pk: int) -> HttpResponse:
    edition = edition_get_for_user(request.user, edition_pk, action=Action.CHANGE)
    return _session_form_page(
        request, edition=edition, instance=Session(edition=edition), title=_("New session")
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_update(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_get_for_user(request.user, pk, action=Action.CHANGE)
    return _session_form_page(
        request,
        edition=session.edition,
        instance=session,
        title=_("Edit session %(name)s") % {"name": session.title},
    )


# --- one module for every group --------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def module_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    edition = edition_get_for_user(request.user, pk, action=Action.CHANGE)
    groups = list(Group.objects.filter(edition=edition))
    form = ModuleScheduleForm(
        request.POST or None, edition=edition, groups=groups, days=day_rows_for(edition)
    )
    warnings: list[str] = []
    token = ""
    errors: list[str] = []
    invitations: InvitationCount | None = None
    if request.method == "POST" and groups and form.is_valid():
        data = form.cleaned_data
        try:
            planned = planned_for_groups(
                edition=edition,
                module=data["module"],
                kind=data["kind"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                place=data["place"],
                address=data["address"],
                groups=form.group_days(),
                leaders=list(data["leaders"]),
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            warnings = session_warnings(planned=planned, user=request.user)
            save, token = _warnings_round(request, warnings)
            confirmed, invitations = _invitations_round(request, planned)
            if save and confirmed:
                sessions, job = module_schedule_for_groups(
                    planned=planned,
                    base_url=request.build_absolute_uri("/"),
                    user=request.user,  # type: ignore[arg-type]  # login_required: a User
                    recipients=invitations.total,
                )
                messages.success(
                    request,
                    _("%(count)s days of %(module)s were scheduled.")
                    % {"count": len(sessions), "module": data["module"].name},
                )
                return _after_save(
                    request,
                    job,
                    reverse("programmes:edition_detail", args=[edition.pk]) + "#sessions",
                )
    title = _("Schedule a module for all groups")
    context = {
        "edition": edition,
        "form": form,
        "groups": groups,
        "errors": errors,
        "warnings": warnings,
        "warnings_token": token,
        "invitations": invitations if invitations and invitations.total else None,
        "title": title,
        "cancel_url": reverse("programmes:edition_detail", args=[edition.pk]),
        "crumbs": breadcrumbs(edition_trail(edition), (None, title)),
    }
    status = 400 if form.errors or errors else 200
    return render(request, "programmes/schedule_module.html", context, status=status)
