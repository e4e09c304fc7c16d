"""Invitations: "Skicka inbjudningar" (a preview of the message with the recipient count, then
a queued job with progress), and cancelling a session (a confirmation, then CANCEL to its
people)."""

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
from plantskola.programmes.calendar.selectors import session_people
from plantskola.programmes.enrolment.services import bulk_job_request
from plantskola.programmes.invitations.selectors import invitation_preview, uninvited_participants
from plantskola.programmes.invitations.services import session_cancel
from plantskola.programmes.models import BulkJob
from plantskola.programmes.pages import edition_trail


@login_required
@require_http_methods(["GET", "POST"])
def invitation_send(request: HttpRequest, edition_pk: int) -> HttpResponse:
    edition = edition_get_for_user(request.user, edition_pk, action=Action.CHANGE)
    base_url = request.build_absolute_uri("/")
    participants = list(uninvited_participants(edition))
    preview = invitation_preview(edition=edition, participants=participants, base_url=base_url)
    if request.method == "POST":
        if str(preview.recipients) != request.POST.get("expected", ""):
            messages.error(
                request,
                _(
                    "The participants have changed since the preview: %(now)s would get the "
                    "invitation now. Check the message again before you send."
                )
                % {"now": preview.recipients},
            )
            return redirect("programmes:invitation_send", edition_pk=edition.pk)
        ids = [p.pk for p in participants if p.person.email]
        job = bulk_job_request(
            edition=edition,
            kind=BulkJob.Kind.INVITE,
            params={"participant_ids": ids, "base_url": base_url},
            total=len(ids),
            user=request.user,  # type: ignore[arg-type]  # login_required: a User
        )
        return redirect("programmes:bulk_job_detail", pk=job.pk)
    title = _("Send invitations")
    context = {
        "edition": edition,
        "preview": preview,
        "title": title,
        "crumbs": breadcrumbs(
            edition_trail(edition),
            (reverse("programmes:participant_list", args=[edition.pk]), _("Participants")),
            (None, title),
        ),
    }
    return render(request, "programmes/invitation_send.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_get_for_user(request.user, pk, action=Action.CHANGE)
    edition = session.edition
    error = ""
    if request.method == "POST":
        try:
            count = session_cancel(session=session, base_url=request.build_absolute_uri("/"))
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("The session was cancelled; %(count)s cancellations were sent.")
                % {"count": count},
            )
            return redirect("programmes:edition_detail", pk=edition.pk)
    people = [p for p in session_people(session) if p.email]
    title = _("Cancel the session %(name)s") % {"name": session.title}
    context = {
        "session": session,
        "edition": edition,
        "recipients": len(people),
        "error": error,
        "title": title,
        "crumbs": breadcrumbs(
            edition_trail(edition),
            (reverse("programmes:session_detail", args=[session.pk]), session.title),
            (None, _("Cancel the session")),
        ),
    }
    return render(request, "programmes/session_cancel.html", context, status=400 if error else 200)
