"""Helpers for the action-plan tests: a plan for the World's participant (Pia), whose closest
manager in the roster is Maria (`manager`); the course leader is Lea (`leader`)."""

from __future__ import annotations

import datetime as dt

from plantskola.competencies.models import Competency, RequirementProfile
from plantskola.competencies.services import competency_save, profile_save
from plantskola.core.models import User
from plantskola.development.plans import services
from plantskola.development.plans.models import DevelopmentPlan, PlanAction, PlanGoal
from plantskola.programmes.models import Attendance, Participant, Session
from tests.conftest import World


def login(w: World, role: str) -> User:
    """The role's user (every role but `anonymous` has one)."""
    user = w.users[role]
    assert user is not None, role
    return user


def competency(w: World) -> Competency:
    return Competency.objects.get_or_create(organisation=w.host, name="Helhetssyn")[0]


def make_plan(
    w: World, *, with_manager: bool = False, with_leaders: bool = False
) -> DevelopmentPlan:
    """Pia's plan with one goal and two actions (one done); shared as asked. Idempotent."""
    plan = services.plan_start(participant=w.participant)
    if not plan.goals.exists():
        goal = services.goal_create(
            plan=plan,
            title="Leda arbetsplatsträffar",
            competency=competency(w),
            support="Återkoppling från min chef",
        )
        services.action_create(goal=goal, text="Leda två träffar", due_date=dt.date(2027, 3, 1))
        done = services.action_create(goal=goal, text="Be om återkoppling")
        services.action_set_done(action=done, done=True)
    if with_manager or with_leaders:
        services.plan_share(plan=plan, with_manager=with_manager, with_leaders=with_leaders)
    return plan


def goal_of(w: World) -> PlanGoal:
    return make_plan(w, with_manager=True).goals.get()


def action_of(w: World) -> PlanAction:
    return PlanAction.objects.filter(goal=goal_of(w)).order_by("pk")[0]


def attend(participant: Participant, session: Session) -> None:
    Attendance.objects.update_or_create(
        session=session, participant=participant, defaults={"status": "present"}
    )


def profile_of(w: World) -> RequirementProfile:
    """A requirement profile of the host with two competencies: Helhetssyn (level 3, with
    indicators) and Kommunikation (level 2, none written). Idempotent."""
    existing = RequirementProfile.objects.filter(organisation=w.host, name="Chef").first()
    if existing is not None:
        return existing
    whole = competency_save(
        competency=competency(w),
        levels={3: "Ser till helheten i kommunen\nSamarbetar över gränser"},
    )
    talk = Competency.objects.get_or_create(organisation=w.host, name="Kommunikation")[0]
    return profile_save(
        profile=RequirementProfile(organisation=w.host, name="Chef"),
        requirements={whole.pk: 3, talk.pk: 2},
    )


def plan_with_profile(w: World) -> DevelopmentPlan:
    """Pia's plan (shared with her manager) following the profile above."""
    plan = make_plan(w, with_manager=True)
    services.plan_profile_set(plan=plan, profile=profile_of(w))
    return plan


def done_action_of(w: World) -> PlanAction:
    return PlanAction.objects.get(goal=goal_of(w), done=True)
