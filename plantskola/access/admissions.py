"""Calls, applications and interviews: who handles an application and who reads it.

Coordinators of the call's edition handle its applications; partner staff of a joint call see
their own employees' applications; an interviewer sees only the applicants they interview; an
applicant sees their own application (and books their own interview slot).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from plantskola.access.base import UserLike
from plantskola.access.principal import principal, scope_q
from plantskola.access.programmes import can_manage_edition, is_partner_staff
from plantskola.admissions.models import Application, Call, Interview


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


def slot_booking_application(user: UserLike, call: Call) -> Application | None:
    """The user's own application to the call, if they are invited to book an interview slot
    themself (applicants see only their own booking, never others' names)."""
    p = principal(user)
    if p.person_id is None:
        return None
    return Application.objects.filter(
        call=call,
        applicant_id=p.person_id,
        status=Application.Status.SUBMITTED,
        interview_invited_at__isnull=False,
    ).first()
