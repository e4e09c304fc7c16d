"""Writing a plan: goals linked to the platform, actions with dates, progress, sharing with the
closest manager from the roster, comments and reflections; bad input changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from plantskola.access.core import closest_manager
from plantskola.competencies.models import Competency
from plantskola.core.mail.services import email_template_reset, email_template_save
from plantskola.core.models import OutgoingEmail, Person
from plantskola.development.plans import services
from plantskola.development.plans.models import (
    DevelopmentPlan,
    PlanAction,
    PlanComment,
    PlanGoal,
    Reflection,
)
from plantskola.development.plans.selectors import plan_with_content, progress_percent
from plantskola.programmes.models import Participant, Programme
from tests.conftest import World
from tests.development.plans_helpers import attend, competency, login, make_plan


def test_a_pre_manager_programme_gives_an_action_plan_and_starting_twice_gives_the_same(
    world: World,
) -> None:
    plan = services.plan_start(participant=world.participant)
    assert plan.kind == DevelopmentPlan.Kind.ACTION_PLAN
    assert services.plan_start(participant=world.participant).pk == plan.pk
    assert DevelopmentPlan.objects.count() == 1


def test_a_programme_for_all_managers_gives_the_managers_roadmap(world: World) -> None:
    Programme.objects.filter(pk=world.programme.pk).update(audience=Programme.Audience.ALL_MANAGERS)
    world.participant.refresh_from_db()
    plan = services.plan_start(participant=world.participant)
    assert plan.kind == DevelopmentPlan.Kind.ROADMAP
    assert plan.get_kind_display() == "Chefens färdplan"


def test_a_withdrawn_participant_cannot_start_a_plan(world: World) -> None:
    world.participant.status = Participant.Status.WITHDRAWN
    world.participant.save()
    with pytest.raises(ValidationError, match="avbrutit"):
        services.plan_start(participant=world.participant)
    assert not DevelopmentPlan.objects.exists()


def test_progress_is_the_share_of_actions_done(world: World) -> None:
    plan = make_plan(world)
    loaded = plan_with_content(plan.pk)
    assert (loaded.action_count, loaded.done_count) == (2, 1)
    assert progress_percent(2, 1) == 50
    assert progress_percent(0, 0) == 0
    action = PlanAction.objects.get(done=False)
    services.action_set_done(action=action, done=True)
    assert action.done_at is not None
    loaded = plan_with_content(plan.pk)
    assert loaded.done_count == 2
    services.action_set_done(action=action, done=False)
    action.refresh_from_db()
    assert not action.done and action.done_at is None


def test_a_goal_needs_a_title_and_a_competency_of_the_organisations_platform(
    world: World,
) -> None:
    plan = services.plan_start(participant=world.participant)
    with pytest.raises(ValidationError) as exc:
        services.goal_create(plan=plan, title="   ")
    assert "tomt" in str(exc.value)
    foreign = Competency.objects.create(organisation=world.other, name="Annan kompetens")
    with pytest.raises(ValidationError) as exc:
        services.goal_create(plan=plan, title="Mål", competency=foreign)
    assert "organisationens ledarplattform" in str(exc.value)
    assert not PlanGoal.objects.exists()
    goal = services.goal_create(plan=plan, title=" Mål ", competency=competency(world))
    assert goal.title == "Mål" and goal.order == 1
    assert services.goal_create(plan=plan, title="Mål 2").order == 2


def test_a_plan_has_at_most_ten_goals(world: World) -> None:
    plan = services.plan_start(participant=world.participant)
    for n in range(services.MAX_GOALS):
        services.goal_create(plan=plan, title=f"Mål {n}")
    with pytest.raises(ValidationError, match="högst 10 mål"):
        services.goal_create(plan=plan, title="Ett för mycket")
    assert plan.goals.count() == services.MAX_GOALS


def test_an_action_needs_text_and_a_sensible_date(world: World) -> None:
    goal = make_plan(world).goals.get()
    before = PlanAction.objects.count()
    with pytest.raises(ValidationError, match="tomt"):
        services.action_create(goal=goal, text="")
    with pytest.raises(ValidationError, match="innan omgången började"):
        services.action_create(goal=goal, text="Läsa", due_date=dt.date(2020, 1, 1))
    with pytest.raises(ValidationError, match="fem år"):
        services.action_create(goal=goal, text="Läsa", due_date=dt.date(2040, 1, 1))
    with pytest.raises(ValidationError, match="300"):
        services.action_create(goal=goal, text="x" * 301)
    assert PlanAction.objects.count() == before
    action = services.action_create(goal=goal, text="Läsa", due_date=dt.date(2027, 1, 15))
    services.action_update(action=action, text="Läsa en bok", due_date=None)
    action.refresh_from_db()
    assert (action.text, action.due_date) == ("Läsa en bok", None)


def test_removing_a_goal_removes_its_actions(world: World) -> None:
    goal = make_plan(world).goals.get()
    services.goal_delete(goal=goal)
    assert not PlanGoal.objects.exists() and not PlanAction.objects.exists()


def test_the_closest_manager_is_the_persons_manager_else_the_unit_managers(
    world: World,
) -> None:
    pia = world.participant.person
    assert closest_manager(pia) == world.manager_person
    # Without a named manager: the manager of the nearest unit up the tree (Maria leads
    # Socialförvaltningen, the parent of Pia's unit).
    Person.objects.filter(pk=pia.pk).update(manager=None)
    pia.refresh_from_db()
    assert closest_manager(pia) == world.manager_person
    # A manager is not their own closest manager.
    assert closest_manager(world.manager_person) is None


def test_sharing_stores_the_closest_manager_and_a_missing_manager_is_refused(
    world: World,
) -> None:
    plan = make_plan(world)
    services.plan_share(plan=plan, with_manager=True, with_leaders=False)
    plan.refresh_from_db()
    assert plan.manager == world.manager_person and plan.is_shared
    services.plan_share(plan=plan, with_manager=False, with_leaders=False)
    plan.refresh_from_db()
    assert plan.manager is None and not plan.is_shared

    Person.objects.filter(pk=world.participant.person_id).update(manager=None, unit=None)
    plan = DevelopmentPlan.objects.select_related("participant__person").get(pk=plan.pk)
    with pytest.raises(ValidationError, match="ingen närmaste chef"):
        services.plan_share(plan=plan, with_manager=True, with_leaders=True)
    plan.refresh_from_db()
    assert not plan.share_with_leaders  # nothing changed


def test_a_comment_keeps_its_author_and_role_and_must_not_be_empty(world: World) -> None:
    plan = make_plan(world, with_manager=True)
    manager = world.users["manager"]
    assert manager is not None
    with pytest.raises(ValidationError, match="tomt"):
        services.plan_comment(plan=plan, author=manager, text="  ")
    comment = services.plan_comment(plan=plan, author=manager, text="Bra plan!")
    assert comment.author_name == "Maria Chef"
    assert comment.get_author_role_display() == "Närmaste chef"
    own = services.plan_comment(plan=plan, author=login(world, "participant"), text="Tack!")
    assert own.author_role == PlanComment.AuthorRole.PARTICIPANT


def test_a_reflection_is_only_for_a_session_attended_and_rewriting_replaces_it(
    world: World,
) -> None:
    with pytest.raises(ValidationError, match="du deltog i"):
        services.reflection_save(
            participant=world.participant, session=world.session, text="Lärorikt", shared=False
        )
    attend(world.participant, world.session)
    with pytest.raises(ValidationError, match="tomt"):
        services.reflection_save(
            participant=world.participant, session=world.session, text="", shared=False
        )
    services.reflection_save(
        participant=world.participant, session=world.session, text="Lärorikt", shared=False
    )
    services.reflection_save(
        participant=world.participant, session=world.session, text="Ännu bättre", shared=True
    )
    reflection = Reflection.objects.get()
    assert (reflection.text, reflection.shared) == ("Ännu bättre", True)


def test_sharing_tells_the_new_readers_by_e_mail_once(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    plan = make_plan(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_share(plan=plan, with_manager=True, with_leaders=False)
    assert [m.to for m in mail.outbox] == [["maria.chef@host.example"]]
    assert mail.outbox[0].subject == "Pia Deltagare har delat sin handlingsplan med dig"
    assert f"/planer/{plan.pk}/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_share(plan=plan, with_manager=True, with_leaders=True)
    assert [m.to for m in mail.outbox][1:] == [["lea.kursledare@host.example"]]


def test_a_comment_e_mail_says_who_and_links_but_never_carries_the_comment(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    plan = make_plan(world, with_manager=True)
    # Even an organisation's own wording that asks for the text gets nothing.
    email_template_save(
        organisation=world.host,
        key="plan_commented",
        subject="Kommentar: {{ text }}",
        body="{{ author }} skrev: {{ text }} {{ url }}",
    )
    secret = "Jag mår inte bra i min chefsroll just nu"
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_comment(plan=plan, author=login(world, "manager"), text=secret)
        services.plan_comment(plan=plan, author=login(world, "participant"), text=secret)
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert secret not in message.subject and secret not in message.body
        assert f"/planer/{plan.pk}/" in message.body
    assert not OutgoingEmail.objects.filter(body__contains=secret).exists()
    assert not OutgoingEmail.objects.filter(subject__contains=secret).exists()
    email_template_reset(organisation=world.host, key="plan_commented")
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_comment(plan=plan, author=login(world, "manager"), text=secret)
    assert "Maria Chef har kommenterat din handlingsplan" in mail.outbox[-1].body
    assert secret not in mail.outbox[-1].body


def test_a_comment_is_sent_to_the_participant_and_the_participants_own_to_the_readers(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    plan = make_plan(world, with_manager=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_comment(plan=plan, author=login(world, "manager"), text="Bra!")
    assert [m.to for m in mail.outbox] == [["pia.deltagare@host.example"]]
    assert mail.outbox[0].subject == "Ny kommentar på din handlingsplan"
    assert "Maria Chef har kommenterat din handlingsplan" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_comment(plan=plan, author=login(world, "participant"), text="Tack!")
    assert mail.outbox[1].to == ["maria.chef@host.example"]
    assert mail.outbox[1].subject == "Ny kommentar på Pia Deltagares handlingsplan"
