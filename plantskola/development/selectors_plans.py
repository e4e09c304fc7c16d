"""Reads for action plans, roadmaps and reflections."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet

from plantskola.access.development import plans_shared_with_user
from plantskola.access.principal import principal
from plantskola.core.models import User
from plantskola.development.models_plans import DevelopmentPlan, PlanAction, PlanGoal, Reflection
from plantskola.programmes.models import Attendance, Participant, Session


def with_progress(plans: QuerySet[DevelopmentPlan]) -> QuerySet[DevelopmentPlan]:
    """Annotate `action_count` and `done_count` (the progress is the share done)."""
    return plans.annotate(
        action_count=Count("goals__actions", distinct=True),
        done_count=Count("goals__actions", filter=Q(goals__actions__done=True), distinct=True),
    )


def progress_percent(action_count: int, done_count: int) -> int:
    return round(100 * done_count / action_count) if action_count else 0


def plan_with_content(plan_pk: int) -> DevelopmentPlan:
    return (
        with_progress(DevelopmentPlan.objects.filter(pk=plan_pk))
        .select_related("participant__person", "participant__edition__programme", "manager")
        .prefetch_related(
            Prefetch(
                "goals",
                queryset=PlanGoal.objects.select_related("competency__value").prefetch_related(
                    Prefetch(
                        "actions",
                        queryset=PlanAction.objects.order_by(
                            F("due_date").asc(nulls_last=True), "id"
                        ),
                    )
                ),
            ),
            "comments",
        )
        .get()
    )


@dataclass
class SessionReflection:
    session: Session
    reflection: Reflection | None


@dataclass
class Participation:
    participant: Participant
    plan: DevelopmentPlan | None
    progress: int = 0
    sessions: list[SessionReflection] = field(default_factory=list)


def my_participations(user: User) -> list[Participation]:
    """The user's own editions (newest first), each with its plan and attended sessions."""
    p = principal(user)
    if p.person_id is None:
        return []
    participants = list(
        Participant.objects.filter(person_id=p.person_id)
        .exclude(status=Participant.Status.WITHDRAWN)
        .select_related("edition__programme")
        .order_by("-edition__start_date")
    )
    plans = {
        plan.participant_id: plan
        for plan in with_progress(DevelopmentPlan.objects.filter(participant__in=participants))
    }
    attended: dict[int, list[Session]] = {}
    for a in (
        Attendance.objects.filter(participant__in=participants, status=Attendance.Status.PRESENT)
        .select_related("session")
        .order_by("session__date", "session__start_time")
    ):
        attended.setdefault(a.participant_id, []).append(a.session)
    reflections = {
        (r.participant_id, r.session_id): r
        for r in Reflection.objects.filter(participant__in=participants)
    }
    result = []
    for participant in participants:
        plan = plans.get(participant.pk)
        result.append(
            Participation(
                participant=participant,
                plan=plan,
                progress=progress_percent(plan.action_count, plan.done_count) if plan else 0,  # type: ignore[attr-defined]
                sessions=[
                    SessionReflection(s, reflections.get((participant.pk, s.pk)))
                    for s in attended.get(participant.pk, [])
                ],
            )
        )
    return result


def shared_with_me(user: User) -> list[DevelopmentPlan]:
    """Plans others have shared with this user (as closest manager or course leader)."""
    plans = (
        with_progress(plans_shared_with_user(user))
        .select_related("participant__person", "participant__edition__programme")
        .annotate(comment_count=Count("comments", distinct=True))
        .order_by("participant__person__last_name", "participant__person__first_name")
    )
    result: list[DevelopmentPlan] = list(plans)
    for plan in result:
        plan.progress = progress_percent(plan.action_count, plan.done_count)  # type: ignore[attr-defined]
    return result


def shared_reflections(plan: DevelopmentPlan) -> QuerySet[Reflection]:
    return Reflection.objects.filter(
        participant_id=plan.participant_id, shared=True
    ).select_related("session")


def edition_overview(edition: Any, participants: Any) -> list[dict[str, Any]]:
    """Per participant of `participants` (the edition's, as the user may list them): whether a
    plan exists, its progress and whether it is shared. No content."""
    plans = {
        plan.participant_id: plan
        for plan in with_progress(DevelopmentPlan.objects.filter(participant__edition=edition))
    }
    rows = []
    for participant in (
        participants.filter(edition=edition)
        .exclude(status=Participant.Status.WITHDRAWN)
        .select_related("person")
    ):
        plan = plans.get(participant.pk)
        rows.append(
            {
                "participant": participant,
                "plan": plan,
                "progress": progress_percent(plan.action_count, plan.done_count) if plan else 0,  # type: ignore[attr-defined]
            }
        )
    return rows
