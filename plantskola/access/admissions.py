"""Calls, applications and interviews: who handles an application and who reads it.

Coordinators of the call's edition handle its applications; partner staff of a joint call see
their own employees' applications; an interviewer sees only the applicants they interview; an
applicant sees their own application (and books their own interview slot).

Conflicts of interest (issue 21): a person who applied to a call (a draft or a withdrawn
application included) never handles it: its applications, interviews, calibration and
selection are closed to them, even when they coordinate the edition; nor do they interview in
it. An applicant's closest manager never interviews them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from plantskola.access.base import Action, UserLike, deny_unless, get_visible_or_404
from plantskola.access.principal import principal, scope_q
from plantskola.access.programmes import can_manage_edition, is_partner_staff
from plantskola.admissions.models import (
    Application,
    Call,
    Interview,
    InterviewSlot,
    Nomination,
    TalentInterest,
)
from plantskola.core.models import Organisation, Person


def is_applicant_of(person_id: int | None, call: Call | int) -> bool:
    """Whether the person applied to the call (in any state: a draft counts, and so does a
    withdrawn application): such a person has a conflict of interest in the whole call."""
    if person_id is None:
        return False
    call_id = call if isinstance(call, int) else call.pk
    return Application.objects.filter(call_id=call_id, applicant_id=person_id).exists()


def user_is_applicant_of(user: UserLike, call: Call | int) -> bool:
    return is_applicant_of(principal(user).person_id, call)


def _handled_calls(user: UserLike) -> QuerySet[Call]:
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


def calls_for_user(user: UserLike) -> QuerySet[Call]:
    """Calls whose applications this user handles: coordinators of the edition, and partner
    staff of a joint call (who then see only their own employees' applications); never a call
    the user applied to."""
    person_id = principal(user).person_id
    calls = _handled_calls(user)
    if person_id is not None:
        calls = calls.exclude(applications__applicant_id=person_id)
    return calls


def call_can_manage(user: UserLike, call: Call) -> bool:
    """Coordinators of the edition, unless they applied to the call themselves."""
    if not can_manage_edition(principal(user), call.edition):
        return False
    return not user_is_applicant_of(user, call)


def applications_for_user(user: UserLike, call: Call) -> QuerySet[Application]:
    """A call's applications as this user may list them; never drafts of others."""
    qs = Application.objects.filter(call=call).exclude(status=Application.Status.DRAFT)
    if user_is_applicant_of(user, call):
        return qs.none()
    if call_can_manage(user, call):
        return qs
    p = principal(user)
    if is_partner_staff(p, call.edition):
        return qs.filter(applicant__organisation_id__in=p.staff_org_ids)
    return qs.none()


def interviews_for_user(user: UserLike) -> QuerySet[Interview]:
    """Interviews the user conducts (interviewers see only the applicants they interview);
    never in a call they applied to, nor of an applicant whose closest manager they are."""
    p = principal(user)
    if p.person_id is None:
        return Interview.objects.none()
    return (
        Interview.objects.filter(interviewers=p.person_id)
        .exclude(application__call__applications__applicant_id=p.person_id)
        .exclude(application__manager_id=p.person_id)
        .exclude(application__applicant__manager_id=p.person_id)
    )


def application_can_view(user: UserLike, application: Application) -> bool:
    """Coordinators of the call and partner staff (their own employees) through
    `applications_for_user`; interviewers for the applicants they interview."""
    if applications_for_user(user, application.call).filter(pk=application.pk).exists():
        return True
    return interviews_for_user(user).filter(application=application).exists()


def call_get_public(user: UserLike, pk: int) -> Call:
    """Any published call: its page is public like a job advertisement on the intranet
    (applying, and everything behind it, needs more). A draft is seen only by those who
    handle the call, and by them only in its preview."""
    call = get_visible_or_404(
        Call.objects.select_related("edition__programme__organisation"), pk=pk
    )
    if call.published_at is None and not _handled_calls(user).filter(pk=call.pk).exists():
        raise Http404
    return call


def call_get_for_user(user: UserLike, pk: int, *, action: Action = Action.MANAGE) -> Call:
    """A call whose applications the user handles (`calls_for_user`): 404 otherwise; 403 for
    someone who would handle it but applied to it; for any action but VIEW, 403 unless they
    coordinate it (partner staff only list applications)."""
    call = get_visible_or_404(
        _handled_calls(user).select_related("edition__programme__organisation"), pk=pk
    )
    if user_is_applicant_of(user, call):
        raise PermissionDenied
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


def own_application_get_for_user(user: UserLike, pk: int) -> Application:
    """The user's own application (a draft included), for the applicant's page: 404 for
    everyone else, whatever their roles (coordinators read it on the handling page)."""
    person_id = principal(user).person_id
    if person_id is None:
        raise Http404
    return get_visible_or_404(
        Application.objects.select_related(
            "call__edition__programme__organisation", "applicant", "manager"
        ).filter(applicant_id=person_id),
        pk=pk,
    )


# --- talent nominations and the talent pool (issue 19) -------------------------------------
#
# A closest manager nominates the people of their own unit subtree (and direct reports); an
# HR administrator anyone of their organisation. The nominee answers; a declined nomination is
# seen by the nominee only: the nominator sees "answered" for both answers, the call's
# coordinators only pending and accepted ones. The talent pool is for the organisation's HR
# administrators; each person sees their own entry.


def nomination_candidates_for_user(user: UserLike) -> QuerySet[Person]:
    """The people this user may nominate: active people of their own units (a manager) or of
    their organisation (an HR administrator); never themselves."""
    p = principal(user)
    if not p.is_authenticated:
        return Person.objects.none()
    if p.is_superuser:
        return Person.objects.filter(is_active=True)
    q = Q(organisation_id__in=p.hr_org_ids)
    if p.person_id is not None and p.manager_unit_path:
        q |= Q(unit__path__startswith=p.manager_unit_path, organisation_id=p.person_org_id)
        q |= Q(manager_id=p.person_id)
    people = Person.objects.filter(q, is_active=True)
    if p.person_id is not None:
        people = people.exclude(pk=p.person_id)
    return people


def nomination_can_nominate(user: UserLike) -> bool:
    """Managers and HR administrators nominate (their own units, their organisation)."""
    p = principal(user)
    return p.is_authenticated and (p.is_superuser or p.is_manager or bool(p.hr_org_ids))


def nominee_get_for_user(user: UserLike, pk: int) -> Person:
    """A person the user may nominate: 404 for anyone else, as for a missing person."""
    return get_visible_or_404(
        nomination_candidates_for_user(user).select_related("organisation", "unit"), pk=pk
    )


def nominable_call_get_for_user(user: UserLike, pk: int) -> Call:
    """A published call that employees of an organisation the user nominates in may apply to:
    404 otherwise (a draft, another organisation's call, or a user who cannot nominate)."""
    p = principal(user)
    if not nomination_can_nominate(user):
        raise Http404
    calls = Call.objects.filter(published_at__isnull=False)
    if not p.is_superuser:
        org_ids = set(p.hr_org_ids)
        if p.is_manager and p.person_org_id is not None:
            org_ids.add(p.person_org_id)
        calls = calls.filter(organisations__in=org_ids)
    return get_visible_or_404(
        Call.objects.filter(pk__in=calls.values("pk")).select_related(
            "edition__programme__organisation", "requirement_profile"
        ),
        pk=pk,
    )


def nominations_made_for_user(user: UserLike) -> QuerySet[Nomination]:
    """The nominations the user made (answered ones without saying which answer)."""
    p = principal(user)
    if not p.is_authenticated:
        return Nomination.objects.none()
    return Nomination.objects.filter(nominated_by_user_id=p.user_id)


def own_nominations_for_user(user: UserLike) -> QuerySet[Nomination]:
    """The nominations of the user as the nominee, declined ones included."""
    person_id = principal(user).person_id
    if person_id is None:
        return Nomination.objects.none()
    return Nomination.objects.filter(nominee_id=person_id)


def own_nomination_get_for_user(user: UserLike, pk: int) -> Nomination:
    """The user's own nomination, to answer it: 404 for everyone else (the nominator and the
    coordinators included)."""
    return get_visible_or_404(
        own_nominations_for_user(user).select_related(
            "call__edition__programme__organisation", "call__requirement_profile", "nominated_by"
        ),
        pk=pk,
    )


def call_nominations_for_user(user: UserLike, call: Call) -> QuerySet[Nomination]:
    """A call's nominations for its coordinators: pending and accepted only, never a declined
    one; nothing for anyone else."""
    if not call_can_manage(user, call):
        return Nomination.objects.none()
    return Nomination.objects.filter(
        call=call, status__in=[Nomination.Status.PENDING, Nomination.Status.ACCEPTED]
    )


def talent_pool_can_view(user: UserLike, organisation: Organisation) -> bool:
    """The organisation's talent pool: its HR administrators only."""
    p = principal(user)
    return p.is_authenticated and (p.is_superuser or organisation.pk in p.hr_org_ids)


def talent_pool_organisation_get_for_user(user: UserLike, *, slug: str) -> Organisation:
    """An organisation whose talent pool the user may see: 404 otherwise."""
    organisation = get_visible_or_404(Organisation.objects.all(), slug=slug)
    if not talent_pool_can_view(user, organisation):
        raise Http404
    return organisation


def own_talent_interest(user: UserLike) -> TalentInterest | None:
    person_id = principal(user).person_id
    if person_id is None:
        return None
    return TalentInterest.objects.filter(person_id=person_id).first()
