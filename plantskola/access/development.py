"""Action plans, roadmaps, reflections and job shadowing.

A plan is personal: the participant reads and writes it; their closest manager (stored on the
plan when shared) and the edition's course leaders read and comment on it only when the
participant shares it with them. Coordinators and HR see whether a plan exists and its
progress (`plan_overview_can_view`), never its content; so does the steering group of the
programme or edition, read-only. Nobody else sees anything.

Job shadowing: coordinators of the edition see and run everything; a participant sees their
own match, a host manager their own requests, partner staff their own employees; everyone
else nothing.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from plantskola.access.base import Action, UserLike, deny_unless, get_visible_or_404
from plantskola.access.principal import Principal, in_scope, principal, scope_q
from plantskola.access.programmes import (
    can_manage_edition,
    edition_can_change,
    edition_get_for_user,
    is_partner_staff,
    sessions_for_user,
)
from plantskola.development.models import (
    DevelopmentPlan,
    PlanAction,
    PlanGoal,
    Reflection,
    ShadowingHost,
    ShadowingMatch,
    ShadowingRound,
)
from plantskola.programmes.models import Edition, Participant, Session

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


def plan_goal_get_for_user(user: UserLike, pk: int, *, action: Action = Action.VIEW) -> PlanGoal:
    """A goal of a plan the user may read: 404 otherwise; 403 if `action` is CHANGE and the
    user is not the plan's owner."""
    goal = get_visible_or_404(
        PlanGoal.objects.filter(plan__in=plans_for_user(user)).select_related(
            "plan__participant__person", "plan__participant__edition__programme"
        ),
        pk=pk,
    )
    if action == Action.CHANGE:
        deny_unless(plan_can_change(user, goal.plan))
    return goal


def plan_action_get_for_user(
    user: UserLike, pk: int, *, action: Action = Action.VIEW
) -> PlanAction:
    """An action of a plan the user may read: 404 otherwise; 403 if `action` is CHANGE and the
    user is not the plan's owner."""
    plan_action = get_visible_or_404(
        PlanAction.objects.filter(goal__plan__in=plans_for_user(user)).select_related(
            "goal__plan__participant__person", "goal__plan__participant__edition"
        ),
        pk=pk,
    )
    if action == Action.CHANGE:
        deny_unless(plan_can_change(user, plan_action.goal.plan))
    return plan_action


def own_participant_get_for_user(user: UserLike, pk: int) -> Participant:
    """One of the user's own participations, from which they start their plan: 404 for anyone
    else's."""
    p = principal(user)
    return get_visible_or_404(
        Participant.objects.filter(person_id=p.person_id or -1).select_related(
            "edition__programme", "person"
        ),
        pk=pk,
    )


def reflection_session_get_for_user(user: UserLike, pk: int) -> tuple[Session, Participant]:
    """A session to reflect on, with the user's own participation in its edition: 404 if the
    user cannot see the session, 403 if they do not take part in its edition."""
    session = get_visible_or_404(sessions_for_user(user).select_related("edition"), pk=pk)
    p = principal(user)
    participant = Participant.objects.filter(
        edition_id=session.edition_id, person_id=p.person_id or -1
    ).first()
    if participant is None:
        raise PermissionDenied
    return session, participant


def plan_overview_can_view(user: UserLike, edition: Edition) -> bool:
    """Whether a plan exists and its progress, per participant: whoever runs the edition, the
    steering group of its programme or edition, and partner staff of a joint edition for their
    own organisation's participants (the rows come from `participants_for_user`)."""
    p = principal(user)
    if not p.is_authenticated:
        return False
    if can_manage_edition(p, edition):
        return True
    if in_scope(p.steering_scopes, edition.programme_id, edition.pk):
        return True
    return is_partner_staff(p, edition)


def plan_overview_get_for_user(user: UserLike, pk: int) -> Edition:
    """The edition whose plan overview the user asks for: 404 if they cannot see the edition,
    403 if they may not see its overview."""
    edition = edition_get_for_user(user, pk)
    deny_unless(plan_overview_can_view(user, edition))
    return edition


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


def shadowing_round_can_create(user: UserLike, edition: Edition) -> bool:
    """Open a round (and run it): whoever runs the edition."""
    return edition_can_change(user, edition)


def shadowing_round_get_for_user(
    user: UserLike, pk: int, *, action: Action = Action.VIEW
) -> ShadowingRound:
    """Fetch-and-authorise a round: 404 if not visible; 403 for any `action` but VIEW (MANAGE:
    run the round) unless the user runs the edition."""
    round = get_visible_or_404(
        shadowing_rounds_for_user(user).select_related("edition__programme__organisation"),
        pk=pk,
    )
    if action != Action.VIEW:
        deny_unless(shadowing_can_manage(user, round))
    return round


def shadowing_host_get_for_user(
    user: UserLike, pk: int, *, action: Action = Action.VIEW
) -> ShadowingHost:
    """A host of a round the user sees: 404 otherwise; 403 for any `action` but VIEW (MANAGE:
    change the capacity, remove the host) unless the user runs the edition."""
    host = get_visible_or_404(
        ShadowingHost.objects.filter(round__in=shadowing_rounds_for_user(user)).select_related(
            "person", "round__edition__programme"
        ),
        pk=pk,
    )
    if action != Action.VIEW:
        deny_unless(shadowing_can_manage(user, host.round))
    return host


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


def shadowing_participants_for_user(user: UserLike, round: ShadowingRound) -> QuerySet[Participant]:
    """The round's participants (the edition's, withdrawn ones left out) as the user may see
    them."""
    participants = Participant.objects.filter(edition_id=round.edition_id).exclude(
        status=Participant.Status.WITHDRAWN
    )
    people = shadowing_people_filter(user, round)
    return participants if people is None else participants.filter(people)


def shadowing_participant_get_for_user(
    user: UserLike, round: ShadowingRound, pk: int, *, action: Action = Action.VIEW
) -> Participant:
    """A participant of the round the user may see: 404 otherwise. CHANGE (their preferences)
    is for the participant themself and whoever runs the edition; any other `action` but VIEW
    (MANAGE: re-match) only for whoever runs the edition: 403 otherwise."""
    participant = get_visible_or_404(
        shadowing_participants_for_user(user, round).select_related("person__unit"), pk=pk
    )
    if action == Action.CHANGE:
        own = participant.person_id == principal(user).person_id
        deny_unless(own or shadowing_can_manage(user, round))
    elif action != Action.VIEW:
        deny_unless(shadowing_can_manage(user, round))
    return participant


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


def shadowing_can_respond(user: UserLike, match: ShadowingMatch) -> bool:
    """Only the host answers a request (after logging in, or through the personal link)."""
    return match.host.person_id == principal(user).person_id


def shadowing_match_get_for_user(
    user: UserLike, pk: int, *, action: Action = Action.VIEW
) -> ShadowingMatch:
    """A match the user may see: 404 otherwise. CHANGE (answer the request) is the host's;
    SCHEDULE (enter the dates) the host's and whoever runs the edition's: 403 otherwise."""
    match = get_visible_or_404(
        ShadowingMatch.objects.filter(round__in=shadowing_rounds_for_user(user)).select_related(
            "round__edition__programme", "participant__person", "host__person"
        ),
        pk=pk,
    )
    if not shadowing_matches_for_user(user, match.round).filter(pk=match.pk).exists():
        raise Http404
    if action == Action.CHANGE:
        deny_unless(shadowing_can_respond(user, match))
    elif action == Action.SCHEDULE:
        deny_unless(shadowing_can_schedule(user, match))
    else:
        deny_unless(action == Action.VIEW)
    return match
