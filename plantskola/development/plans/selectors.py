"""Reads for action plans, roadmaps and reflections."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, F, Prefetch, Q, QuerySet

from plantskola.access.base import UserLike
from plantskola.access.development import plans_shared_with_user
from plantskola.access.principal import principal
from plantskola.competencies.models import (
    Competency,
    CompetencyLevel,
    Level,
    ProfileRequirement,
    RequirementProfile,
)
from plantskola.core.models import Person
from plantskola.development.plans.models import (
    DevelopmentPlan,
    PlanAction,
    PlanGoal,
    Reflection,
    SelfAssessment,
)
from plantskola.programmes.models import (
    Attendance,
    Edition,
    Participant,
    ProgrammeRole,
    Session,
)


class Progress(TypedDict):
    action_count: int
    done_count: int


# A plan with `action_count` and `done_count` annotated by `with_progress`. (The alias exists
# only for the type checker: `WithAnnotations` takes no TypedDict at run time.)
if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    PlanWithProgress = WithAnnotations[DevelopmentPlan, Progress]


def with_progress(plans: QuerySet[DevelopmentPlan]) -> QuerySet[PlanWithProgress]:
    """Annotate `action_count` and `done_count` (the progress is the share done)."""
    return plans.annotate(
        action_count=Count("goals__actions", distinct=True),
        done_count=Count("goals__actions", filter=Q(goals__actions__done=True), distinct=True),
    )


def progress_percent(action_count: int, done_count: int) -> int:
    return round(100 * done_count / action_count) if action_count else 0


def plan_progress(plan: PlanWithProgress | None) -> int:
    """The share of the plan's actions done, in per cent (0 without a plan)."""
    if plan is None:
        return 0
    return progress_percent(plan.action_count, plan.done_count)


def plan_with_content(plan_pk: int) -> PlanWithProgress:
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
    plan: PlanWithProgress | None
    progress: int = 0
    sessions: list[SessionReflection] = field(default_factory=list)


def my_participations(user: UserLike) -> list[Participation]:
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
                progress=plan_progress(plan),
                sessions=[
                    SessionReflection(s, reflections.get((participant.pk, s.pk)))
                    for s in attended.get(participant.pk, [])
                ],
            )
        )
    return result


def shared_with_me(user: UserLike) -> list[PlanWithProgress]:
    """Plans others have shared with this user (as closest manager or course leader), each
    with `progress` set and `comment_count` annotated for the list."""
    plans = (
        with_progress(plans_shared_with_user(user))
        .select_related("participant__person", "participant__edition__programme")
        .annotate(comment_count=Count("comments", distinct=True))
        .order_by("participant__person__last_name", "participant__person__first_name")
    )
    result: list[PlanWithProgress] = list(plans)
    for plan in result:
        # Set in Python rather than annotated: Python rounds halves to even, SQL away from 0.
        plan.progress = plan_progress(plan)  # type: ignore[attr-defined]  # read by the template
    return result


def shared_reflections(plan: DevelopmentPlan) -> QuerySet[Reflection]:
    return Reflection.objects.filter(
        participant_id=plan.participant_id, shared=True
    ).select_related("session")


@dataclass
class OverviewRow:
    participant: Participant
    plan: PlanWithProgress | None
    progress: int


def edition_overview(edition: Edition, participants: QuerySet[Participant]) -> list[OverviewRow]:
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
        rows.append(OverviewRow(participant=participant, plan=plan, progress=plan_progress(plan)))
    return rows


def course_leaders(edition: Edition) -> list[Person]:
    """The edition's course leaders: those leading its sessions and those with the role."""
    q = Q(led_sessions__edition=edition) | Q(
        Q(user__programme_roles__edition__isnull=True) | Q(user__programme_roles__edition=edition),
        user__programme_roles__role=ProgrammeRole.Role.COURSE_LEADER,
        user__programme_roles__programme_id=edition.programme_id,
    )
    return list(Person.objects.filter(pk__in=Person.objects.filter(q).values("pk")))


# --- the requirement profile and the self-assessment ------------------------------------------


def organisation_profiles(plan: DevelopmentPlan) -> QuerySet[RequirementProfile]:
    """The requirement profiles a plan may follow: its organisation's."""
    return RequirementProfile.objects.filter(
        organisation_id=plan.participant.edition.programme.organisation_id
    )


def plan_profile(plan: DevelopmentPlan) -> RequirementProfile | None:
    """The profile the plan follows: the one chosen, else the organisation's only profile
    (plans started before profiles could be chosen, and organisations with one profile)."""
    if plan.requirement_profile_id is not None:
        return plan.requirement_profile
    profiles = list(organisation_profiles(plan)[:2])
    return profiles[0] if len(profiles) == 1 else None


@dataclass
class ProfileRow:
    """One competency of the plan's profile: the level expected and its behavioural
    indicators, and the participant's own ratings at the start and at the end."""

    competency: Competency
    level: int
    indicators: list[str]
    start: int | None = None
    end: int | None = None

    @property
    def level_label(self) -> str:
        return str(Level(self.level).label)

    @property
    def change(self) -> int | None:
        return None if self.start is None or self.end is None else self.end - self.start

    @property
    def change_text(self) -> str:
        """The change with its sign, as the table shows it: +2, −1, ±0, or – if not rated."""
        change = self.change
        if change is None:
            return "–"
        if change == 0:
            return "±0"
        return f"+{change}" if change > 0 else f"−{-change}"


def profile_rows(plan: DevelopmentPlan, profile: RequirementProfile | None) -> list[ProfileRow]:
    """The profile's competencies in the platform's order, each with the indicators of the
    level expected and the plan's self-assessment."""
    if profile is None:
        return []
    requirements = list(
        ProfileRequirement.objects.filter(profile=profile)
        .select_related("competency__value")
        .order_by("competency__order", "competency__name")
    )
    indicators = {
        (lvl.competency_id, lvl.level): lvl.indicator_list
        for lvl in CompetencyLevel.objects.filter(
            competency_id__in=[r.competency_id for r in requirements]
        )
    }
    ratings = {
        (a.competency_id, a.phase): a.rating
        for a in SelfAssessment.objects.filter(
            plan=plan, competency_id__in=[r.competency_id for r in requirements]
        )
    }
    return [
        ProfileRow(
            competency=r.competency,
            level=r.level,
            indicators=indicators.get((r.competency_id, r.level), []),
            start=ratings.get((r.competency_id, SelfAssessment.Phase.START)),
            end=ratings.get((r.competency_id, SelfAssessment.Phase.END)),
        )
        for r in requirements
    ]


def competency_indicators(
    plan: DevelopmentPlan, competency_id: int | None
) -> tuple[RequirementProfile | None, ProfileRow | None]:
    """The plan's profile and, if the competency is one of the profile's, its row (level
    expected and indicators) — what the goal form shows when a competency is chosen."""
    profile = plan_profile(plan)
    if competency_id is None:
        return profile, None
    row = next((r for r in profile_rows(plan, profile) if r.competency.pk == competency_id), None)
    return profile, row


def has_self_assessment(plan: DevelopmentPlan, phase: str) -> bool:
    return SelfAssessment.objects.filter(plan=plan, phase=phase).exists()
