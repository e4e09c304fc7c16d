"""Authorization-matrix rows for admissions."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from plantskola.admissions.models import Application, Call, Interview, InterviewSlot, PoolMember
from tests.admissions.factories import make_call, person_of
from tests.authz import CHANGE_EDITION, Row, no_args, roles
from tests.conftest import World


def application(w: World) -> Application:
    call = make_call(w)
    return Application.objects.get_or_create(
        call=call,
        applicant=w.participant.person,
        defaults={"status": "submitted", "motivation": "M", "manager": w.manager_person},
    )[0]


def partner_application(w: World) -> Application:
    call = make_call(w)
    return Application.objects.get_or_create(
        call=call, applicant=w.partner_participant.person, defaults={"status": "submitted"}
    )[0]


ROWS: list[Row] = [
    Row("admissions:call_edit", lambda w: [w.edition.pk], CHANGE_EDITION),
    # The call list and page are public like a job advertisement; applying needs login.
    Row("admissions:call_list", no_args, roles(200, anonymous=200)),
    Row("admissions:call_detail", lambda w: [make_call(w).pk], roles(200, anonymous=200)),
    # Eligible employees (not managers, of the host or partner) get the form; the rest are
    # sent back to the call page with the reason; users without a person get 403.
    Row(
        "admissions:application_edit",
        lambda w: [make_call(w).pk],
        roles(200, admin=403, outsider=403, manager=302),
    ),
    Row("admissions:my_applications", no_args, roles(200)),
    # Coordinators handle the call; partner staff see their own employees' applications.
    Row(
        "admissions:application_list",
        lambda w: [make_call(w).pk],
        roles(404, admin=200, hr=200, coordinator=200, partner=200),
    ),
    Row(
        "admissions:application_detail",
        lambda w: [application(w).pk],
        roles(404, admin=200, hr=200, coordinator=200),
    ),
    Row(
        "admissions:application_detail",
        lambda w: [partner_application(w).pk],
        roles(404, admin=200, hr=200, coordinator=200, partner=200),
    ),
    # An unknown or expired link is a 404 page for everyone, logged in or not.
    Row("admissions:reference_form", lambda w: ["not-a-valid-token"], roles(404, anonymous=404)),
]


def interview(w: World) -> Interview:
    app = application(w)
    found = Interview.objects.filter(application=app).first()
    if found:
        return found
    booked = Interview.objects.create(
        application=app,
        starts_at=timezone.now() + dt.timedelta(days=3),
        ends_at=timezone.now() + dt.timedelta(days=3, hours=1),
        place="Stadshuset",
        uid=f"authz-{app.pk}@plantskola",
    )
    # The course leader of the World acts as interviewer here.
    booked.interviewers.add(person_of(w, "leader"))
    return booked


ROWS += [
    Row(
        "admissions:interview_list",
        lambda w: [make_call(w).pk],
        roles(404, admin=200, hr=200, coordinator=200, partner=403),
    ),
    Row(
        "admissions:interview_book",
        lambda w: [application(w).pk],
        roles(404, admin=200, hr=200, coordinator=200),
    ),
    Row("admissions:my_interviews", no_args, roles(200)),
    # Only the interview's own interviewers reach the scorecard.
    Row("admissions:scorecard_edit", lambda w: [interview(w).pk], roles(404, leader=200)),
    Row(
        "admissions:calibration",
        lambda w: [make_call(w).pk],
        roles(404, admin=200, hr=200, coordinator=200, partner=403),
    ),
    # Interviewers may read the applications of those they interview.
    Row(
        "admissions:application_detail",
        lambda w: [interview(w).application.pk],
        roles(404, admin=200, hr=200, coordinator=200, leader=200),
    ),
]

ROWS += [
    Row(
        "admissions:selection",
        lambda w: [make_call(w).pk],
        roles(404, admin=200, hr=200, coordinator=200, partner=403),
    ),
]

ROWS += [
    # Without a selection run the coordinator is sent back with a message.
    Row(
        "admissions:decision_confirm",
        lambda w: [make_call(w).pk],
        roles(404, admin=302, hr=302, coordinator=302, partner=403),
        method="post",
    ),
]

ROWS += [
    # Without a decision the coordinator is sent back to the selection with a message.
    Row(
        "admissions:decision_detail",
        lambda w: [make_call(w).pk],
        roles(404, admin=302, hr=302, coordinator=302, partner=403),
    ),
    Row(
        "admissions:decision_detail",
        lambda w: [make_call(w).pk],
        roles(404, admin=302, hr=302, coordinator=302, partner=403),
        method="post",
        data={"reason": "x"},
    ),
]


def slot(w: World) -> InterviewSlot:
    call = make_call(w)
    found = InterviewSlot.objects.filter(call=call).first()
    if found:
        return found
    start = timezone.now() + dt.timedelta(days=10)
    return InterviewSlot.objects.create(
        call=call,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        place="Stadshuset",
        bookable_until=start - dt.timedelta(days=1),
    )


def booked_slot(w: World) -> InterviewSlot:
    booked = slot(w)
    booked.application = application(w)
    booked.save()
    return booked


def invited_call(w: World) -> int:
    """The call, with the participant's application invited to book a slot."""
    app = application(w)
    Application.objects.filter(pk=app.pk).update(interview_invited_at=timezone.now())
    slot(w)
    return app.call_id


ROWS += [
    Row(
        "admissions:interview_slots",
        lambda w: [make_call(w).pk],
        roles(404, admin=200, hr=200, coordinator=200, partner=403),
    ),
    # Invalid data: the coordinator is sent back with a message.
    Row(
        "admissions:interview_slots",
        lambda w: [make_call(w).pk],
        roles(404, admin=400, hr=400, coordinator=400, partner=403),
        method="post",
        data={"count": "x"},
    ),
    Row(
        "admissions:slots_invite",
        lambda w: [make_call(w).pk],
        roles(404, admin=302, hr=302, coordinator=302, partner=403),
        method="post",
        data={},
    ),
    # A booked slot: removing it is refused with a message, so every role meets the same slot.
    Row(
        "admissions:slot_delete",
        lambda w: [booked_slot(w).pk],
        roles(404, admin=302, hr=302, coordinator=302, partner=403),
        method="post",
    ),
    # Only the invited applicant reaches the booking page.
    Row("admissions:slot_booking", lambda w: [invited_call(w)], roles(404, participant=200)),
    Row(
        "admissions:slot_booking",
        lambda w: [invited_call(w)],
        roles(404, participant=400),
        method="post",
        data={"slot": "0"},
    ),
]


def booked_pool_member(w: World) -> PoolMember:
    """The course leader's place in the pool, while they are booked for an interview: taking
    them out is refused with a message, so every role meets the same member."""
    interview(w)
    return PoolMember.objects.get(call=make_call(w), person=person_of(w, "leader"))


ROWS += [
    Row(
        "admissions:interviewer_pool",
        lambda w: [make_call(w).pk],
        roles(404, admin=200, hr=200, coordinator=200, partner=403),
    ),
    Row(
        "admissions:interviewer_pool",
        lambda w: [make_call(w).pk],
        roles(404, admin=400, hr=400, coordinator=400, partner=403),
        method="post",
        data={"person": "0"},
    ),
    Row(
        "admissions:pool_remove",
        lambda w: [make_call(w).pk, booked_pool_member(w).pk],
        roles(404, admin=302, hr=302, coordinator=302, partner=403),
        method="post",
    ),
]


def applied_by(w: World, role: str) -> Call:
    """The call, to which the user in `role` has applied (a draft is enough): from then on they
    have a conflict of interest in it, whatever their other roles."""
    call = make_call(w)
    Application.objects.get_or_create(call=call, applicant=person_of(w, role))
    return call


# An applicant of the same call: the HR administrator (who otherwise handles every call of the
# host) has applied, and is refused everything that shows the other applicants (403: the call
# is public); the coordinator and admin are unaffected.
APPLICANT_HR = roles(404, admin=200, hr=403, coordinator=200, partner=403)
ROWS += [
    Row(
        "admissions:application_list",
        lambda w: [applied_by(w, "hr").pk],
        roles(404, admin=200, hr=403, coordinator=200, partner=200),
    ),
    Row("admissions:selection", lambda w: [applied_by(w, "hr").pk], APPLICANT_HR),
    Row("admissions:calibration", lambda w: [applied_by(w, "hr").pk], APPLICANT_HR),
    Row("admissions:interview_list", lambda w: [applied_by(w, "hr").pk], APPLICANT_HR),
    Row("admissions:interviewer_pool", lambda w: [applied_by(w, "hr").pk], APPLICANT_HR),
    Row("admissions:interview_slots", lambda w: [applied_by(w, "hr").pk], APPLICANT_HR),
    Row(
        "admissions:decision_detail",
        lambda w: [applied_by(w, "hr").pk],
        roles(404, admin=302, hr=403, coordinator=302, partner=403),
    ),
    # Another applicant's application is hidden from an applicant of the same call.
    Row(
        "admissions:application_detail",
        lambda w: [applied_by(w, "coordinator") and application(w).pk],
        roles(404, admin=200, hr=200),
    ),
    # An interviewer who applies to the call loses the scorecard and the application.
    Row(
        "admissions:scorecard_edit",
        lambda w: [applied_by(w, "leader") and interview(w).pk],
        roles(404),
    ),
    Row(
        "admissions:application_detail",
        lambda w: [applied_by(w, "leader") and interview(w).application.pk],
        roles(404, admin=200, hr=200, coordinator=200),
    ),
]


def draft_call(w: World) -> Call:
    call = make_call(w)
    Call.objects.filter(pk=call.pk).update(published_at=None)
    return call


# The call's life cycle: a draft is seen only by those who handle the call (partner staff of
# the joint call included); its preview and the coordinator's actions need the coordinator.
ROWS += [
    Row(
        "admissions:call_detail",
        lambda w: [draft_call(w).pk],
        roles(404, anonymous=404, admin=200, hr=200, coordinator=200, partner=200),
    ),
    Row(
        "admissions:call_preview",
        lambda w: [draft_call(w).pk],
        roles(404, admin=200, hr=200, coordinator=200, partner=403),
    ),
    # Publishing a published call is refused with a message: every role meets the same call.
    Row(
        "admissions:call_publish",
        lambda w: [make_call(w).pk],
        roles(404, admin=302, hr=302, coordinator=302, partner=403),
        method="post",
    ),
    Row(
        "admissions:call_close",
        lambda w: [make_call(w).pk],
        roles(404, admin=200, hr=200, coordinator=200, partner=403),
    ),
    # The first to close it closes it; the others are told it is no longer open.
    Row(
        "admissions:call_close",
        lambda w: [make_call(w).pk],
        roles(404, admin=302, hr=302, coordinator=302, partner=403),
        method="post",
    ),
    Row(
        "admissions:call_preview",
        lambda w: [applied_by(w, "hr").pk],
        roles(404, admin=200, hr=403, coordinator=200, partner=403),
    ),
]

# References from the application page (issue 21 point 5): remind the manager and ask another
# manager are the call's coordinators'; partner staff who read their own employee's
# application get 403; an applicant of the same call does not see the application (404).
ROWS += [
    # Without an awaited reference the reminder is refused with a message: every coordinator
    # meets the same application.
    Row(
        "admissions:reference_remind",
        lambda w: [application(w).pk],
        roles(404, admin=302, hr=302, coordinator=302),
        method="post",
    ),
    Row(
        "admissions:reference_remind",
        lambda w: [partner_application(w).pk],
        roles(404, admin=302, hr=302, coordinator=302, partner=403),
        method="post",
    ),
    Row(
        "admissions:reference_remind",
        lambda w: [applied_by(w, "hr") and application(w).pk],
        roles(404, admin=302, coordinator=302),
        method="post",
    ),
    Row(
        "admissions:reference_ask_another",
        lambda w: [application(w).pk],
        roles(404, admin=200, hr=200, coordinator=200),
    ),
    Row(
        "admissions:reference_ask_another",
        lambda w: [partner_application(w).pk],
        roles(404, admin=200, hr=200, coordinator=200, partner=403),
    ),
    Row(
        "admissions:reference_ask_another",
        lambda w: [applied_by(w, "hr") and application(w).pk],
        roles(404, admin=200, coordinator=200),
    ),
    # No manager chosen: the form answers 400 and nothing changes.
    Row(
        "admissions:reference_ask_another",
        lambda w: [application(w).pk],
        roles(404, admin=400, hr=400, coordinator=400),
        method="post",
        data={"manager": "0"},
    ),
]

# The applicant's own page (issue 21 point 6): only the applicant, whatever the others' roles
# (an applicant of the same call included); coordinators read it on the handling page.
OWN = roles(404, participant=200)
ROWS += [
    Row("admissions:own_application", lambda w: [application(w).pk], OWN),
    Row(
        "admissions:own_application",
        lambda w: [applied_by(w, "hr") and application(w).pk],
        OWN,
    ),
    Row("admissions:own_interview_ics", lambda w: [interview(w).application.pk], OWN),
    # Without an interview there is no calendar file.
    Row("admissions:own_interview_ics", lambda w: [application(w).pk], roles(404)),
    # Without a chosen answer the applicant is sent back to their page.
    Row("admissions:place_answer", lambda w: [application(w).pk], roles(404, participant=302)),
    # Not admitted: the answer is refused with a message.
    Row(
        "admissions:place_answer",
        lambda w: [application(w).pk],
        roles(404, participant=302),
        method="post",
        data={"answer": "accept"},
    ),
    # Without a run the coordinator is sent back to the selection with a message.
    Row(
        "admissions:decision_confirm",
        lambda w: [make_call(w).pk],
        roles(404, admin=302, hr=302, coordinator=302, partner=403),
    ),
    Row(
        "admissions:decision_confirm",
        lambda w: [applied_by(w, "hr").pk],
        roles(404, admin=302, hr=403, coordinator=302, partner=403),
    ),
    # Without a declined place the offer is refused with a message.
    Row(
        "admissions:place_offer",
        lambda w: [application(w).pk],
        roles(404, admin=302, hr=302, coordinator=302),
        method="post",
    ),
    Row(
        "admissions:place_offer",
        lambda w: [partner_application(w).pk],
        roles(404, admin=302, hr=302, coordinator=302, partner=403),
        method="post",
    ),
    Row(
        "admissions:place_offer",
        lambda w: [applied_by(w, "hr") and application(w).pk],
        roles(404, admin=302, coordinator=302),
        method="post",
    ),
]
