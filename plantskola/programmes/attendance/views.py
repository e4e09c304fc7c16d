"""Taking attendance at a session on a phone: one tap per participant, saved at once (htmx)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_stubs_ext import StrOrPromise

from plantskola.access.base import Action
from plantskola.access.programmes import session_get_for_user
from plantskola.core.pages import breadcrumbs
from plantskola.programmes.attendance.forms import AttendanceForm
from plantskola.programmes.attendance.selectors import expected_participants
from plantskola.programmes.attendance.services import attendance_record, session_has_started
from plantskola.programmes.models import Attendance
from plantskola.programmes.pages import HtmxHttpRequest, edition_trail


def _statuses() -> list[tuple[str, StrOrPromise]]:
    return list(Attendance.Status.choices)


@login_required
@require_http_methods(["GET", "POST"])
def session_attendance(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    session = session_get_for_user(request.user, pk, action=Action.TAKE_ATTENDANCE)
    participants = expected_participants(session=session)
    if request.method == "POST":
        form = AttendanceForm(request.POST)
        participant = None
        if form.is_valid():
            participant = participants.filter(pk=form.cleaned_data["participant"]).first()
        if participant is None:
            return HttpResponse(_("Unknown participant or status."), status=400)
        try:
            attendance_record(
                session=session,
                participant=participant,
                status=form.cleaned_data["status"],
                recorded_by=request.user,  # type: ignore[arg-type]  # login_required: a User
            )
        except ValidationError as exc:
            return HttpResponse(" ".join(exc.messages), status=400)
        if request.htmx:
            participant = participants.get(pk=participant.pk)
            return render(
                request,
                "programmes/_attendance_row.html",
                {"participant": participant, "session": session, "statuses": _statuses()},
            )
        return redirect("programmes:session_attendance", pk=session.pk)
    rows = list(participants)
    marked = [getattr(p, "session_attendance", []) for p in rows]
    present = len([a for a in marked if a and a[0].status == Attendance.Status.PRESENT])
    context = {
        "session": session,
        "participants": rows,
        "present": present,
        "started": session_has_started(session),
        "statuses": _statuses(),
        "crumbs": breadcrumbs(
            edition_trail(session.edition),
            (reverse("programmes:session_detail", args=[session.pk]), session.title),
            (None, _("Attendance")),
        ),
    }
    return render(request, "programmes/session_attendance.html", context)
