"""Action plans, roadmaps, reflections and job shadowing.

A plan is personal: the participant reads and writes it; their closest manager (stored on the
plan when shared) and the edition's course leaders read and comment on it only when the
participant shares it with them. Coordinators and HR see whether a plan exists and its
progress (`plan_overview_can_view`), never its content. Nobody else sees anything.

Job shadowing: coordinators of the edition see and run everything; a participant sees their
own match, a host manager their own requests, partner staff their own employees; everyone
else nothing.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from plantskola.access.base import Action, UserLike, deny_unless, get_visible_or_404
from plantskola.access.principal import Principal, principal, scope_q
from plantskola.access.programmes import can_manage_edition, is_partner_staff
from plantskola.development.models import (
    DevelopmentPlan,
    Reflection,
    ShadowingMatch,
    ShadowingRound,
)
from plantskola.programmes.models import Edition, Participant

# --- action plans and reflections ----------------------------------------------------------


def _plan_leader_q(p: Principal) -> Q:
    """Plans of editions this principal leads as a course leader."""
    q = scope_q(p.leader_scopes, prefix="participant__edition__")
    if p.person_id is not None:
        q |= Q(participant__edition__sessions__leaders=p.person_id)
    return q


def plans_for_user(user: UserLike) -> QuerySet[DevelopmentPlan]:
    """Plans whose content this user may read: their own, and those shared with them."""
    p = principal(user)
    if not p.is_authenticated or p.person_id is None and not p.leader_scopes:
        return DevelopmentPlan.objects.none()
    q = Q(share_with_leaders=True) & _plan_leader_q(p)
    if p.person_id is not None:
        q |= Q(participant__person_id=p.person_id)
        q |= Q(share_with_manager=True, manager_id=p.person_id)
    return DevelopmentPlan.objects.filter(pk__in=DevelopmentPlan.objects.filter(q).values("pk"))


def plans_shared_with_user(user: UserLike) -> QuerySet[DevelopmentPlan]:
    """Plans others have shared with this user (as closest manager or course leader)."""
    person_id = principal(user).person_id
    own = (
        Q(participant__person_id__isnull=True)
        if person_id is None
        else Q(participant__person_id=person_id)
    )
    return plans_for_user(user).exclude(own)


def plan_is_owner(user: UserLike, plan: DevelopmentPlan) -> bool:
    p = principal(user)
    return p.person_id is not None and plan.participant.person_id == p.person_id


def plan_can_change(user: UserLike, plan: DevelopmentPlan) -> bool:
    """Only the participant writes their plan (and shares it)."""
    return plan_is_owner(user, plan)


def plan_can_comment(user: UserLike, plan: DevelopmentPlan) -> bool:
    """Everyone who may read the plan may comment on it, the participant included."""
    return plans_for_user(user).filter(pk=plan.pk).exists()


def plan_get_for_user(user: UserLike, pk: int, *, action: Action = Action.VIEW) -> DevelopmentPlan:
    """Fetch-and-authorise a plan: 404 if not readable, 403 if `action` is CHANGE and the user
    is not the owner."""
    plan = get_visible_or_404(
        plans_for_user(user).select_related(
            "participant__person", "participant__edition__programme__organisation", "manager"
        ),
        pk=pk,
    )
    if action == Action.CHANGE:
        deny_unless(plan_can_change(user, plan))
    return plan


def plan_overview_can_view(user: UserLike, edition: Edition) -> bool:
    """Whether a plan exists and its progress, per participant: whoever runs the edition, and
    partner staff of a joint edition for their own organisation's participants (the rows come
    from `participants_for_user`)."""
    p = principal(user)
    if can_manage_edition(p, edition):
        return True
    return is_partner_staff(p, edition)


def reflections_for_user(user: UserLike) -> QuerySet[Reflection]:
    """Reflections this user may read: their own, and shared ones of plans shared with them."""
    p = principal(user)
    if not p.is_authenticated:
        return Reflection.objects.none()
    q = Q(pk__in=[])
    if p.person_id is not None:
        q |= Q(participant__person_id=p.person_id)
    shared_plans = plans_shared_with_user(user)
    participants = DevelopmentPlan.objects.filter(pk__in=shared_plans.values("pk")).values(
        "participant_id"
    )
    q |= Q(shared=True, participant_id__in=participants)
    return Reflection.objects.filter(q)


# --- job shadowing -------------------------------------------------------------------------


def shadowing_rounds_for_user(user: UserLike) -> QuerySet[ShadowingRound]:
    p = principal(user)
    if not p.is_authenticated:
        return ShadowingRound.objects.none()
    if p.is_superuser:
        return ShadowingRound.objects.all()
    q = Q(edition__programme__organisation_id__in=p.managing_org_ids)
    q |= scope_q(p.coordinator_scopes, prefix="edition__")
    if p.staff_org_ids:
        q |= Q(edition__partners__in=p.staff_org_ids)
    if p.person_id is not None:
        q |= Q(
            edition__participants__person_id=p.person_id,
            edition__participants__status__in=[
                Participant.Status.INVITED,
                Participant.Status.ACTIVE,
                Participant.Status.COMPLETED,
            ],
        )
        q |= Q(hosts__person_id=p.person_id)
    return ShadowingRound.objects.filter(pk__in=ShadowingRound.objects.filter(q).values("pk"))


def shadowing_can_manage(user: UserLike, round: ShadowingRound) -> bool:
    p = principal(user)
    return p.is_authenticated and can_manage_edition(p, round.edition)


def shadowing_people_filter(user: UserLike, round: ShadowingRound) -> Q | None:
    """Which participants of a round the user may see, as a Q over Participant; None = all."""
    p = principal(user)
    if shadowing_can_manage(user, round):
        return None
    q = Q(pk__in=[])
    if is_partner_staff(p, round.edition):
        q |= Q(person__organisation_id__in=p.staff_org_ids)
    if p.person_id is not None:
        q |= Q(person_id=p.person_id)
    return q


def shadowing_matches_for_user(user: UserLike, round: ShadowingRound) -> QuerySet[ShadowingMatch]:
    """A round's matches as the user may see them: a host also sees the requests to them."""
    qs = ShadowingMatch.objects.filter(round=round)
    people = shadowing_people_filter(user, round)
    if people is None:
        return qs
    p = principal(user)
    q = Q(participant__in=round.edition.participants.filter(people))
    if p.person_id is not None:
        q |= Q(host__person_id=p.person_id)
    return qs.filter(q)


def shadowing_can_schedule(user: UserLike, match: ShadowingMatch) -> bool:
    """Dates are entered by the host or by whoever runs the edition."""
    p = principal(user)
    if not p.is_authenticated:
        return False
    return match.host.person_id == p.person_id or shadowing_can_manage(user, match.round)
