"""Calls, applications and interviews: who handles an application and who reads it.

Coordinators of the call's edition handle its applications; partner staff of a joint call see
their own employees' applications; an interviewer sees only the applicants they interview; an
applicant sees their own application (and books their own interview slot).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from plantskola.access.base import Action, UserLike, deny_unless, get_visible_or_404
from plantskola.access.principal import principal, scope_q
from plantskola.access.programmes import can_manage_edition, is_partner_staff
from plantskola.admissions.models import Application, Call, Interview, InterviewSlot


def calls_for_user(user: UserLike) -> QuerySet[Call]:
    """Calls whose applications this user handles: coordinators of the edition, and partner
    staff of a joint call (who then see only their own employees' applications)."""
    p = principal(user)
    if not p.is_authenticated:
        return Call.objects.none()
    if p.is_superuser:
        return Call.objects.all()
    q = Q(edition__programme__organisation_id__in=p.managing_org_ids)
    q |= scope_q(p.coordinator_scopes, prefix="edition__")
    if p.staff_org_ids:
        q |= Q(edition__partners__in=p.staff_org_ids, organisations__in=p.staff_org_ids)
    return Call.objects.filter(pk__in=Call.objects.filter(q).values("pk"))


def call_can_manage(user: UserLike, call: Call) -> bool:
    return can_manage_edition(principal(user), call.edition)


def applications_for_user(user: UserLike, call: Call) -> QuerySet[Application]:
    """A call's applications as this user may list them; never drafts of others."""
    qs = Application.objects.filter(call=call).exclude(status=Application.Status.DRAFT)
    if call_can_manage(user, call):
        return qs
    p = principal(user)
    if is_partner_staff(p, call.edition):
        return qs.filter(applicant__organisation_id__in=p.staff_org_ids)
    return qs.none()


def interviews_for_user(user: UserLike) -> QuerySet[Interview]:
    """Interviews the user conducts (interviewers see only the applicants they interview)."""
    p = principal(user)
    if p.person_id is None:
        return Interview.objects.none()
    return Interview.objects.filter(interviewers=p.person_id)


def application_can_view(user: UserLike, application: Application) -> bool:
    """Coordinators of the call and partner staff (their own employees) through
    `applications_for_user`; interviewers for the applicants they interview."""
    if applications_for_user(user, application.call).filter(pk=application.pk).exists():
        return True
    return interviews_for_user(user).filter(application=application).exists()


def call_get_public(pk: int) -> Call:
    """Any call: its page is public like a job advertisement on the intranet (applying, and
    everything behind it, needs more)."""
    return get_visible_or_404(
        Call.objects.select_related("edition__programme__organisation"), pk=pk
    )


def call_get_for_user(user: UserLike, pk: int, *, action: Action = Action.MANAGE) -> Call:
    """A call whose applications the user handles (`calls_for_user`): 404 otherwise; for any
    action but VIEW, 403 unless they coordinate it (partner staff only list applications)."""
    call = get_visible_or_404(
        calls_for_user(user).select_related("edition__programme__organisation"), pk=pk
    )
    if action != Action.VIEW:
        deny_unless(call_can_manage(user, call))
    return call


def application_get_for_user(
    user: UserLike, pk: int, *, action: Action = Action.VIEW
) -> Application:
    """An application the user may read (`application_can_view`): 404 otherwise, the same
    answer as for a missing one; for any action but VIEW, also the call's coordinator
    (`call_get_for_user`: 404 if they do not handle the call, 403 if they only list it)."""
    application = get_visible_or_404(
        Application.objects.select_related(
            "call__edition__programme__organisation", "applicant", "manager"
        ),
        pk=pk,
    )
    if not application_can_view(user, application):
        raise Http404
    if action != Action.VIEW:
        call_get_for_user(user, application.call_id, action=action)
    return application


def interview_get_for_user(user: UserLike, pk: int) -> Interview:
    """An interview the user conducts, for their scorecard: 404 for everyone else."""
    return get_visible_or_404(
        interviews_for_user(user).select_related(
            "application__applicant", "application__call__requirement_profile"
        ),
        pk=pk,
    )


def slot_get_for_user(user: UserLike, pk: int, *, action: Action = Action.MANAGE) -> InterviewSlot:
    """An interview slot, for the coordinators of its call (as `call_get_for_user`)."""
    slot = get_visible_or_404(InterviewSlot.objects.select_related("call"), pk=pk)
    call_get_for_user(user, slot.call_id, action=action)
    return slot


def booking_application_get_for_user(user: UserLike, call_pk: int) -> Application:
    """The user's own application to the call, when they are invited to book an interview slot
    themself (applicants see only their own booking, never others' names): 404 otherwise, a
    missing call included."""
    person_id = principal(user).person_id
    if person_id is None:
        raise Http404
    application = (
        Application.objects.select_related("call__edition__programme__organisation")
        .filter(
            call_id=call_pk,
            applicant_id=person_id,
            status=Application.Status.SUBMITTED,
            interview_invited_at__isnull=False,
        )
        .first()
    )
    if application is None:
        raise Http404
    return application
