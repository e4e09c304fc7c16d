"""Enrolment by rule (rule → preview → confirm), the participants' and a session's mass
actions (preview with the count → confirm), and a mass action's progress page."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from plantskola.access.base import Action
from plantskola.access.programmes import (
    bulk_job_get_for_user,
    edition_get_for_user,
    session_get_for_user,
)
from plantskola.core.pages import breadcrumbs
from plantskola.programmes.attendance.selectors import expected_participants
from plantskola.programmes.attendance.services import session_has_started
from plantskola.programmes.enrolment.forms import (
    AttendanceBulkForm,
    EnrolmentConfirmForm,
    EnrolmentRuleForm,
    ParticipantBulkForm,
)
from plantskola.programmes.enrolment.selectors import enrolment_preview
from plantskola.programmes.enrolment.services import bulk_job_request
from plantskola.programmes.invitations.selectors import enrolment_invitation_preview
from plantskola.programmes.models import BulkJob, Participant
from plantskola.programmes.pages import edition_trail

RULE_FIELDS = (
    "who",
    "source_edition",
    "source_status",
    "people_list",
    "title",
    "unit",
    "include_subunits",
    "leave_out_alumni",
    "group",
)


def _participants_crumbs(edition_pk: int) -> tuple[str, str]:
    return (reverse("programmes:participant_list", args=[edition_pk]), _("Participants"))


@login_required
@require_GET
def enrolment_rule(request: HttpRequest, edition_pk: int) -> HttpResponse:
    edition = edition_get_for_user(request.user, edition_pk, action=Action.CHANGE)
    form = EnrolmentRuleForm(
        request.GET if "who" in request.GET else None, edition=edition, user=request.user
    )
    preview = None
    places = None
    invitation = None
    if form.is_bound and form.is_valid():
        preview = enrolment_preview(edition=edition, rule=form.rule())
        places = edition.places.after_adding(preview.count)
        invitation = enrolment_invitation_preview(
            edition=edition,
            preview=preview,
            group=form.cleaned_data["group"],
            base_url=request.build_absolute_uri("/"),
        )
    title = _("Add participants by rule")
    context = {
        "edition": edition,
        "form": form,
        "preview": preview,
        "places": places,
        "invitation": invitation,
        "title": title,
        "crumbs": breadcrumbs(
            edition_trail(edition), _participants_crumbs(edition.pk), (None, title)
        ),
    }
    return render(request, "programmes/enrolment_rule.html", context)


@login_required
@require_POST
def enrolment_confirm(request: HttpRequest, edition_pk: int) -> HttpResponse:
    edition = edition_get_for_user(request.user, edition_pk, action=Action.CHANGE)
    form = EnrolmentConfirmForm(request.POST, edition=edition, user=request.user)
    back = reverse("programmes:enrolment_rule", args=[edition.pk])
    if not form.is_valid():
        messages.error(request, _("The rule could not be read; make the preview again."))
        return redirect(back)
    back += "?" + urlencode(
        {k: request.POST[k] for k in RULE_FIELDS if request.POST.get(k)}, doseq=False
    )
    preview = enrolment_preview(edition=edition, rule=form.rule())
    if preview.count != form.cleaned_data["expected"]:
        messages.error(
            request,
            _(
                "The roster has changed since the preview: the rule now adds %(now)s people, "
                "not %(then)s. Check the list again before you confirm."
            )
            % {"now": preview.count, "then": form.cleaned_data["expected"]},
        )
        return redirect(back)
    group = form.cleaned_data["group"]
    job = bulk_job_request(
        edition=edition,
        kind=BulkJob.Kind.ENROL,
        params={
            "person_ids": [row.person.pk for row in preview.rows],
            "group_id": group.pk if group else None,
            "invite": form.cleaned_data["invite"],
            "base_url": request.build_absolute_uri("/"),
        },
        total=preview.count,
        user=request.user,  # type: ignore[arg-type]  # login_required: a User
    )
    return redirect("programmes:bulk_job_detail", pk=job.pk)


@login_required
@require_POST
def participant_bulk(request: HttpRequest, edition_pk: int) -> HttpResponse:
    """Step one shows the ticked participants and the change (the preview); step two, with
    `confirm`, queues it."""
    edition = edition_get_for_user(request.user, edition_pk, action=Action.CHANGE)
    form = ParticipantBulkForm(request.POST, edition=edition)
    title = _("Change participants")
    crumbs = breadcrumbs(edition_trail(edition), _participants_crumbs(edition.pk), (None, title))
    if not form.is_valid():
        context = {"edition": edition, "form": form, "title": title, "crumbs": crumbs}
        return render(request, "programmes/participant_bulk.html", context, status=400)
    chosen: list[Participant] = list(form.cleaned_data["participants"])
    if "confirm" not in request.POST:
        context = {
            "edition": edition,
            "form": form,
            "chosen": chosen,
            "status_label": Participant.Status(form.cleaned_data["status"]).label,
            "title": title,
            "crumbs": crumbs,
        }
        return render(request, "programmes/participant_bulk.html", context)
    job = bulk_job_request(
        edition=edition,
        kind=BulkJob.Kind.STATUS,
        params={
            "participant_ids": [p.pk for p in chosen],
            "status": form.cleaned_data["status"],
            "reason": form.cleaned_data["reason"],
        },
        total=len(chosen),
        user=request.user,  # type: ignore[arg-type]  # login_required: a User
    )
    return redirect("programmes:bulk_job_detail", pk=job.pk)


@login_required
@require_POST
def attendance_bulk(request: HttpRequest, pk: int) -> HttpResponse:
    """Everyone present except the ticked: step one shows the counts, step two queues it."""
    session = session_get_for_user(request.user, pk, action=Action.TAKE_ATTENDANCE)
    attendance_url = reverse("programmes:session_attendance", args=[session.pk])
    if not session_has_started(session):
        messages.error(request, _("Attendance can be taken once the session has started."))
        return redirect(attendance_url)
    participants = expected_participants(session=session)
    form = AttendanceBulkForm(request.POST, participants=participants)
    title = _("Everyone present except…")
    context = {
        "session": session,
        "form": form,
        "title": title,
        "crumbs": breadcrumbs(
            edition_trail(session.edition), (attendance_url, _("Attendance")), (None, title)
        ),
    }
    if not form.is_valid():
        return render(request, "programmes/attendance_bulk.html", context, status=400)
    everyone = list(participants)
    absent = list(form.cleaned_data["absent"])
    if "confirm" not in request.POST:
        context.update(
            {"absent": absent, "present_count": len(everyone) - len(absent), "total": len(everyone)}
        )
        return render(request, "programmes/attendance_bulk.html", context)
    job = bulk_job_request(
        edition=session.edition,
        kind=BulkJob.Kind.ATTENDANCE,
        params={
            "session_id": session.pk,
            "participant_ids": [p.pk for p in everyone],
            "absent_ids": [p.pk for p in absent],
        },
        total=len(everyone),
        user=request.user,  # type: ignore[arg-type]  # login_required: a User
    )
    return redirect("programmes:bulk_job_detail", pk=job.pk)


@never_cache
@login_required
@require_GET
def bulk_job_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    job = bulk_job_get_for_user(request.user, pk)
    if request.headers.get("HX-Request"):
        return render(request, "programmes/_bulk_job_status.html", {"job": job})
    edition = job.edition
    context = {
        "job": job,
        "edition": edition,
        "crumbs": breadcrumbs(
            edition_trail(edition), _participants_crumbs(edition.pk), (None, job.get_kind_display())
        ),
    }
    return render(request, "programmes/bulk_job.html", context)
