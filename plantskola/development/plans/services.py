"""Writes for action plans, roadmaps and reflections. Each service is one transaction; bad
input raises `ValidationError` with a Swedish (translated) message and changes nothing."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plantskola.access.core import closest_manager
from plantskola.competencies.models import Competency, ProfileRequirement, RequirementProfile
from plantskola.core.mail.services import email_queue
from plantskola.core.models import Person, User
from plantskola.development.plans.mail import kind_word, plan_url
from plantskola.development.plans.models import (
    RATING_MAX,
    RATING_MIN,
    DevelopmentPlan,
    PlanAction,
    PlanComment,
    PlanGoal,
    Reflection,
    SelfAssessment,
)
from plantskola.development.plans.selectors import course_leaders, organisation_profiles
from plantskola.programmes.models import Attendance, Participant, Programme, Session

MAX_GOALS = 10
MAX_ACTIONS_PER_GOAL = 20

MANAGER_AUDIENCES = {
    Programme.Audience.ALL_MANAGERS,
    Programme.Audience.NEW_MANAGERS,
    Programme.Audience.MANAGERS_NETWORK,
}


def plan_kind_for(participant: Participant) -> str:
    """Programmes for managers end with the manager's roadmap, the others with an action plan."""
    if participant.edition.programme.audience in MANAGER_AUDIENCES:
        return DevelopmentPlan.Kind.ROADMAP
    return DevelopmentPlan.Kind.ACTION_PLAN


def _clean_text(value: str, *, field: str, required: bool, max_length: int | None = None) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: _("This field cannot be empty.")})
    if max_length is not None and len(text) > max_length:
        raise ValidationError(
            {field: _("At most %(count)d characters, please.") % {"count": max_length}}
        )
    return text


@transaction.atomic
def plan_start(*, participant: Participant) -> DevelopmentPlan:
    """The participant's plan, created on first use (starting twice returns the same plan)."""
    if participant.status == Participant.Status.WITHDRAWN:
        raise ValidationError(_("You have withdrawn from this edition and cannot start a plan."))
    plan, created = DevelopmentPlan.objects.get_or_create(
        participant=participant, defaults={"kind": plan_kind_for(participant)}
    )
    if created:
        # An organisation with one requirement profile: the plan follows it from the start.
        profiles = list(organisation_profiles(plan)[:2])
        if len(profiles) == 1:
            plan.requirement_profile = profiles[0]
            plan.save(update_fields=["requirement_profile", "updated_at"])
    return plan


@transaction.atomic
def plan_profile_set(
    *, plan: DevelopmentPlan, profile: RequirementProfile | None
) -> DevelopmentPlan:
    """Choose the requirement profile the plan follows (None: none). Ratings already given
    stay with their competencies; the plan shows those of the profile chosen."""
    organisation_id = plan.participant.edition.programme.organisation_id
    if profile is not None and profile.organisation_id != organisation_id:
        raise ValidationError(
            {"profile": _("The requirement profile belongs to another organisation.")}
        )
    plan.requirement_profile = profile
    plan.save(update_fields=["requirement_profile", "updated_at"])
    return plan


@transaction.atomic
def self_assessment_save(
    *,
    plan: DevelopmentPlan,
    profile: RequirementProfile,
    phase: str,
    ratings: dict[int, int],
) -> list[SelfAssessment]:
    """The participant's rating of every competency of the profile at the start or at the end
    (`ratings`: competency id → 1–5). All of the profile's competencies, or nothing is saved."""
    if phase not in SelfAssessment.Phase.values:
        raise ValidationError(_("Choose the start or the end."))
    organisation_id = plan.participant.edition.programme.organisation_id
    if profile.organisation_id != organisation_id:
        raise ValidationError(_("The requirement profile belongs to another organisation."))
    wanted = set(
        ProfileRequirement.objects.filter(profile=profile).values_list("competency_id", flat=True)
    )
    if not wanted:
        raise ValidationError(_("The requirement profile has no competencies to rate."))
    if set(ratings) != wanted:
        raise ValidationError(_("Rate every competency of the requirement profile."))
    if any(not RATING_MIN <= r <= RATING_MAX for r in ratings.values()):
        raise ValidationError(
            _("A rating is a whole number from %(low)d to %(high)d.")
            % {"low": RATING_MIN, "high": RATING_MAX}
        )
    saved = [
        SelfAssessment.objects.update_or_create(
            plan=plan, competency_id=competency_id, phase=phase, defaults={"rating": rating}
        )[0]
        for competency_id, rating in sorted(ratings.items())
    ]
    if plan.requirement_profile_id != profile.pk:
        plan.requirement_profile = profile
        plan.save(update_fields=["requirement_profile", "updated_at"])
    else:
        plan.save(update_fields=["updated_at"])
    return saved


@transaction.atomic
def plan_update(*, plan: DevelopmentPlan, direction: str) -> DevelopmentPlan:
    plan.direction = _clean_text(direction, field="direction", required=False, max_length=4000)
    plan.save(update_fields=["direction", "updated_at"])
    return plan


def _competency_for(plan: DevelopmentPlan, competency: Competency | None) -> Competency | None:
    organisation_id = plan.participant.edition.programme.organisation_id
    if competency is not None and competency.organisation_id != organisation_id:
        raise ValidationError(
            {"competency": _("The competency is not part of the organisation's platform.")}
        )
    return competency


@transaction.atomic
def goal_create(
    *,
    plan: DevelopmentPlan,
    title: str,
    competency: Competency | None = None,
    description: str = "",
    support: str = "",
) -> PlanGoal:
    DevelopmentPlan.objects.select_for_update().filter(pk=plan.pk).first()
    if plan.goals.count() >= MAX_GOALS:
        raise ValidationError(
            _("A plan can have at most %(count)d goals. Finish or remove one first.")
            % {"count": MAX_GOALS}
        )
    order = (plan.goals.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    goal = PlanGoal.objects.create(
        plan=plan,
        title=_clean_text(title, field="title", required=True, max_length=200),
        competency=_competency_for(plan, competency),
        description=_clean_text(description, field="description", required=False),
        support=_clean_text(support, field="support", required=False),
        order=order,
    )
    plan.save(update_fields=["updated_at"])
    return goal


@transaction.atomic
def goal_update(
    *,
    goal: PlanGoal,
    title: str,
    competency: Competency | None = None,
    description: str = "",
    support: str = "",
) -> PlanGoal:
    goal.title = _clean_text(title, field="title", required=True, max_length=200)
    goal.competency = _competency_for(goal.plan, competency)
    goal.description = _clean_text(description, field="description", required=False)
    goal.support = _clean_text(support, field="support", required=False)
    goal.save()
    goal.plan.save(update_fields=["updated_at"])
    return goal


@transaction.atomic
def goal_delete(*, goal: PlanGoal) -> None:
    plan = goal.plan
    goal.delete()
    plan.save(update_fields=["updated_at"])


def _check_due_date(plan: DevelopmentPlan, due_date: dt.date | None) -> dt.date | None:
    if due_date is None:
        return None
    start = plan.participant.edition.start_date
    if due_date < start:
        raise ValidationError(
            {
                "due_date": _("The date cannot be before the edition started (%(date)s).")
                % {"date": start.isoformat()}
            }
        )
    if due_date > start + dt.timedelta(days=5 * 366):
        raise ValidationError({"due_date": _("Choose a date within five years.")})
    return due_date


@transaction.atomic
def action_create(*, goal: PlanGoal, text: str, due_date: dt.date | None = None) -> PlanAction:
    PlanGoal.objects.select_for_update().filter(pk=goal.pk).first()
    if goal.actions.count() >= MAX_ACTIONS_PER_GOAL:
        raise ValidationError(
            _("A goal can have at most %(count)d actions.") % {"count": MAX_ACTIONS_PER_GOAL}
        )
    action = PlanAction.objects.create(
        goal=goal,
        text=_clean_text(text, field="text", required=True, max_length=300),
        due_date=_check_due_date(goal.plan, due_date),
    )
    goal.plan.save(update_fields=["updated_at"])
    return action


@transaction.atomic
def action_update(*, action: PlanAction, text: str, due_date: dt.date | None = None) -> PlanAction:
    action.text = _clean_text(text, field="text", required=True, max_length=300)
    action.due_date = _check_due_date(action.goal.plan, due_date)
    action.save(update_fields=["text", "due_date"])
    action.goal.plan.save(update_fields=["updated_at"])
    return action


@transaction.atomic
def action_set_done(*, action: PlanAction, done: bool) -> PlanAction:
    """Mark the action done, or undo that. Marking a done action done again changes nothing
    (a second click is not an undo: undoing is its own, confirmed, step)."""
    stored = PlanAction.objects.select_for_update().values_list("done", flat=True).get(pk=action.pk)
    if stored == done:
        action.refresh_from_db(fields=["done", "done_at"])
        return action
    action.done = done
    action.done_at = timezone.now() if done else None
    action.save(update_fields=["done", "done_at"])
    action.goal.plan.save(update_fields=["updated_at"])
    return action


@transaction.atomic
def action_delete(*, action: PlanAction) -> None:
    plan = action.goal.plan
    action.delete()
    plan.save(update_fields=["updated_at"])


@transaction.atomic
def plan_share(*, plan: DevelopmentPlan, with_manager: bool, with_leaders: bool) -> DevelopmentPlan:
    """Share (or stop sharing) the plan. The closest manager is looked up in the roster now and
    stored, so the participant sees who reads it; sharing again picks up a new manager."""
    manager = None
    if with_manager:
        manager = closest_manager(plan.participant.person)
        if manager is None:
            raise ValidationError(
                {
                    "share_with_manager": _(
                        "The roster names no closest manager for you, so the plan cannot be "
                        "shared with one. Ask HR to update the roster."
                    )
                }
            )
    before = _readers(plan)
    plan.share_with_manager = with_manager
    plan.share_with_leaders = with_leaders
    plan.manager = manager
    plan.save(update_fields=["share_with_manager", "share_with_leaders", "manager", "updated_at"])
    # Tell those who can read the plan now and could not before.
    participant = plan.participant
    for person in _readers(plan) - before:
        if person.email:
            email_queue(
                organisation=participant.edition.programme.organisation,
                key="plan_shared",
                to=[person.email],
                context={
                    "name": person.first_name,
                    "participant": participant.person.full_name,
                    "edition": participant.edition.name,
                    "plan_kind": kind_word(plan.kind),
                    "organisation": participant.edition.programme.organisation.name,
                    "url": plan_url(plan),
                },
            )
    return plan


def _readers(plan: DevelopmentPlan) -> set[Person]:
    """The people other than the participant who may read the plan (for notifications)."""
    people: set[Person] = set()
    if plan.share_with_manager and plan.manager is not None:
        people.add(plan.manager)
    if plan.share_with_leaders:
        people.update(course_leaders(plan.participant.edition))
    people.discard(plan.participant.person)
    return people


def _role_of(user: User, plan: DevelopmentPlan) -> str:
    person = Person.objects.filter(user=user).first()
    if person is not None and person.pk == plan.participant.person_id:
        return PlanComment.AuthorRole.PARTICIPANT
    if person is not None and plan.share_with_manager and plan.manager_id == person.pk:
        return PlanComment.AuthorRole.MANAGER
    return PlanComment.AuthorRole.COURSE_LEADER


@transaction.atomic
def plan_comment(*, plan: DevelopmentPlan, author: User, text: str) -> PlanComment:
    """A comment by someone who may read the plan (the view checks that)."""
    body = _clean_text(text, field="text", required=True, max_length=4000)
    person = Person.objects.filter(user=author).first()
    name = person.full_name if person is not None else (author.get_full_name() or author.username)
    comment = PlanComment.objects.create(
        plan=plan, author=author, author_name=name, author_role=_role_of(author, plan), text=body
    )
    # The participant hears of every comment; the readers hear of the participant's own.
    owner = plan.participant.person
    recipients = _readers(plan) if owner == person else {owner}
    organisation = plan.participant.edition.programme.organisation
    for recipient in sorted(recipients, key=lambda p: p.pk):
        if recipient.email:
            email_queue(
                organisation=organisation,
                key="plan_commented",
                to=[recipient.email],
                context={
                    "name": recipient.first_name,
                    "author": name,
                    "plan_owner": "din" if recipient == owner else f"{owner.full_name}s",
                    "plan_kind": kind_word(plan.kind),
                    "organisation": organisation.name,
                    "url": plan_url(plan),
                },
            )
    return comment


# --- reflections -----------------------------------------------------------------------------


@transaction.atomic
def reflection_save(
    *, participant: Participant, session: Session, text: str, shared: bool
) -> Reflection:
    """Write or rewrite the participant's reflection on a session they attended."""
    attended = Attendance.objects.filter(
        session=session, participant=participant, status=Attendance.Status.PRESENT
    ).exists()
    if not attended:
        raise ValidationError(_("You can write a reflection only on a session you attended."))
    body = _clean_text(text, field="text", required=True, max_length=4000)
    reflection, _created = Reflection.objects.update_or_create(
        participant=participant, session=session, defaults={"text": body, "shared": shared}
    )
    return reflection


@transaction.atomic
def reflection_delete(*, reflection: Reflection) -> None:
    reflection.delete()
