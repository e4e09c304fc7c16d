"""Who sees a plan: the participant always; the closest manager and the course leaders only
when it is shared with them; coordinators and the steering group only the overview (existence
and progress); nobody else – not partner staff, an outsider or the superuser."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plantskola.access.development import (
    plan_can_change,
    plan_overview_can_view,
    plans_for_user,
    reflections_for_user,
)
from plantskola.core.models import Person
from plantskola.development.plans import services
from plantskola.development.plans.models import DevelopmentPlan
from plantskola.programmes.models import ProgrammeRole
from tests.conftest import ROLES, World
from tests.development.plans_helpers import attend, login, make_plan


def readers(world: World, plan: DevelopmentPlan) -> set[str]:
    return {
        role
        for role in ROLES
        if (user := world.users[role]) is not None
        and plans_for_user(user).filter(pk=plan.pk).exists()
    }


def test_an_unshared_plan_is_the_participants_alone(world: World) -> None:
    plan = make_plan(world)
    assert readers(world, plan) == {"participant"}


def test_shared_with_the_manager_the_manager_reads_it_but_not_the_course_leader(
    world: World,
) -> None:
    plan = make_plan(world, with_manager=True)
    assert readers(world, plan) == {"participant", "manager"}


def test_shared_with_the_course_leaders_they_read_it_but_not_the_manager(world: World) -> None:
    plan = make_plan(world, with_leaders=True)
    assert readers(world, plan) == {"participant", "leader"}


def test_a_session_leader_without_a_programme_role_is_a_course_leader_too(
    world: World,
) -> None:
    ProgrammeRole.objects.filter(user=world.users["leader"]).delete()
    plan = make_plan(world, with_leaders=True)
    assert "leader" in readers(world, plan)


def test_only_the_participant_changes_the_plan(world: World) -> None:
    plan = make_plan(world, with_manager=True, with_leaders=True)
    assert plan_can_change(login(world, "participant"), plan)
    for role in ("manager", "leader", "coordinator", "hr", "admin"):
        assert not plan_can_change(login(world, role), plan), role


def test_a_manager_who_is_not_the_closest_manager_does_not_see_the_shared_plan(
    world: World,
) -> None:
    plan = make_plan(world, with_manager=True)
    # Pia gets a new manager in the roster; the plan stays with the manager she chose to
    # share it with until she shares it again.
    other = Person.objects.create(
        organisation=world.host,
        employee_number="H200",
        first_name="Ny",
        last_name="Chef",
        is_manager=True,
    )
    Person.objects.filter(pk=world.participant.person_id).update(manager=other)
    assert readers(world, plan) == {"participant", "manager"}
    plan = DevelopmentPlan.objects.select_related("participant__person").get(pk=plan.pk)
    services.plan_share(plan=plan, with_manager=True, with_leaders=False)
    assert readers(world, plan) == {"participant"}


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("admin", True),
        ("hr", True),
        ("coordinator", True),
        ("leader", False),
        ("steering", True),  # read-only: the overview has no actions
        ("participant", False),
        ("manager", False),
        ("partner", True),  # their own organisation's participants only (below)
        ("outsider", False),
    ],
)
def test_the_overview_is_for_those_who_run_or_steer_the_edition(
    world: World, role: str, allowed: bool
) -> None:
    assert plan_overview_can_view(login(world, role), world.edition) is allowed


def test_a_reflection_is_private_unless_shared_and_then_only_for_the_plans_readers(
    world: World,
) -> None:
    attend(world.participant, world.session)
    reflection = services.reflection_save(
        participant=world.participant, session=world.session, text="Tankar", shared=False
    )
    make_plan(world, with_manager=True)

    def who() -> set[str]:
        return {
            role
            for role in ROLES
            if (user := world.users[role]) is not None
            and reflections_for_user(user).filter(pk=reflection.pk).exists()
        }

    assert who() == {"participant"}
    reflection.shared = True
    reflection.save()
    assert who() == {"participant", "manager"}


def test_the_coordinators_overview_page_shows_progress_and_not_the_content(
    world: World,
) -> None:
    make_plan(world)
    page = world.client_for("coordinator").get(f"/omgangar/{world.edition.pk}/planer/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Pia Deltagare" in html and "50 %" in html and "Personlig handlingsplan" in html
    assert "Leda arbetsplatsträffar" not in html
    plan = DevelopmentPlan.objects.get()
    assert world.client_for("coordinator").get(f"/planer/{plan.pk}/").status_code == 404


def test_partner_staff_see_the_plan_overview_of_their_own_people_only(world: World) -> None:
    page = world.client_for("partner").get(
        reverse("development:edition_plans", args=[world.edition.pk])
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "Per Partner" in text and "Pia Deltagare" not in text
    full = world.client_for("coordinator").get(
        reverse("development:edition_plans", args=[world.edition.pk])
    )
    assert "Pia Deltagare" in full.content.decode()


def test_the_steering_group_reads_the_overview_but_not_the_plans(world: World) -> None:
    plan = make_plan(world, with_manager=True, with_leaders=True)
    client = world.client_for("steering")
    page = client.get(reverse("development:edition_plans", args=[world.edition.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert world.participant.person.full_name in html and "50 %" in html
    assert "Leda arbetsplatsträffar" not in html  # a goal: the plan's private part
    assert reverse("development:plan_detail", args=[plan.pk]) not in html
    assert client.get(reverse("development:plan_detail", args=[plan.pk])).status_code == 404
    assert client.get(reverse("development:plan_pdf", args=[plan.pk])).status_code == 404
