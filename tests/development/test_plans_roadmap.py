"""Roadmaps against the requirement profile: a goal's competency shows the profile's
behavioural indicators, the participant rates themself against each competency at the start and
at the end and sees the change, and marking an action done is one step while undoing it is
another, confirmed one."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plantskola.competencies.models import Competency, RequirementProfile
from plantskola.development.plans import selectors, services
from plantskola.development.plans.models import DevelopmentPlan, PlanAction, SelfAssessment
from plantskola.programmes.models import Participant
from tests.conftest import World
from tests.development.plans_helpers import (
    competency,
    done_action_of,
    make_plan,
    plan_with_profile,
    profile_of,
)
from tests.html import main_region


def _ratings(plan: DevelopmentPlan, values: list[int]) -> dict[str, str]:
    rows = selectors.profile_rows(plan, selectors.plan_profile(plan))
    return {f"competency_{r.competency.pk}": str(v) for r, v in zip(rows, values, strict=True)}


def test_a_plan_started_in_an_organisation_with_one_profile_follows_it(world: World) -> None:
    profile = profile_of(world)
    plan = services.plan_start(participant=world.participant)
    assert plan.requirement_profile == profile


def test_a_profile_of_another_organisation_is_refused(world: World) -> None:
    plan = make_plan(world)
    foreign = RequirementProfile.objects.create(organisation=world.other, name="Annan")
    with pytest.raises(ValidationError):
        services.plan_profile_set(plan=plan, profile=foreign)
    plan.refresh_from_db()
    assert plan.requirement_profile is None


def test_choosing_a_competency_shows_the_profiles_indicators(world: World) -> None:
    plan = plan_with_profile(world)
    client = world.client_for("participant")
    url = reverse("development:plan_indicators", args=[plan.pk])
    html = client.get(url, {"competency": competency(world).pk}).content.decode()
    assert "Ser till helheten i kommunen" in html and "Samarbetar över gränser" in html
    other = Competency.objects.create(organisation=world.host, name="Utanför profilen")
    html = client.get(url, {"competency": other.pk}).content.decode()
    assert "Ser till helheten" not in html and "Chef" in html
    # The goal form carries the same indicators for the goal's competency, and asks for them
    # again (htmx) when another is chosen.
    goal = plan.goals.get()
    form = client.get(reverse("development:goal_update", args=[goal.pk])).content.decode()
    assert "Ser till helheten i kommunen" in form and f'hx-get="{url}"' in form
    # The plan shows them at the goal.
    page = client.get(reverse("development:plan_detail", args=[plan.pk])).content.decode()
    assert "Samarbetar över gränser" in page


def test_the_participant_rates_themself_at_the_start_and_the_end_and_sees_the_change(
    world: World,
) -> None:
    plan = plan_with_profile(world)
    client = world.client_for("participant")
    start = reverse("development:self_assessment", args=[plan.pk, "start"])
    end = reverse("development:self_assessment", args=[plan.pk, "slut"])
    page = client.get(start)
    assert page.status_code == 200 and "<fieldset" in page.content.decode()
    assert client.post(start, _ratings(plan, [2, 3])).status_code == 302
    assert client.post(end, _ratings(plan, [4, 3])).status_code == 302
    assert {(a.competency.name, a.phase, a.rating) for a in SelfAssessment.objects.all()} == {
        ("Helhetssyn", "start", 2),
        ("Kommunikation", "start", 3),
        ("Helhetssyn", "end", 4),
        ("Kommunikation", "end", 3),
    }
    html = main_region(
        client.get(reverse("development:plan_detail", args=[plan.pk])).content.decode()
    )
    table = html[html.index('id="self-assessment"') :]
    table = table[: table.index("</table>")]
    assert "+2" in table and "±0" in table
    rows = {r.competency.name: r for r in selectors.profile_rows(plan, profile_of(world))}
    assert (rows["Helhetssyn"].start, rows["Helhetssyn"].end, rows["Helhetssyn"].change) == (
        2,
        4,
        2,
    )
    assert rows["Kommunikation"].change_text == "±0"


def test_a_self_assessment_must_rate_every_competency_in_range_or_nothing_is_saved(
    world: World,
) -> None:
    plan = plan_with_profile(world)
    client = world.client_for("participant")
    url = reverse("development:self_assessment", args=[plan.pk, "start"])
    incomplete = dict(list(_ratings(plan, [2, 3]).items())[:1])
    response = client.post(url, incomplete)
    assert response.status_code == 400 and 'class="errorlist"' in response.content.decode()
    out_of_range = {k: "7" for k in _ratings(plan, [1, 1])}
    assert client.post(url, out_of_range).status_code == 400
    assert not SelfAssessment.objects.exists()
    with pytest.raises(ValidationError):
        services.self_assessment_save(
            plan=plan, profile=profile_of(world), phase="start", ratings={competency(world).pk: 3}
        )
    assert not SelfAssessment.objects.exists()
    assert (
        client.get(reverse("development:self_assessment", args=[plan.pk, "mitten"])).status_code
        == 404
    )


def test_without_a_profile_the_self_assessment_asks_for_one(world: World) -> None:
    plan = make_plan(world)
    response = world.client_for("participant").get(
        reverse("development:self_assessment", args=[plan.pk, "start"])
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("development:plan_profile", args=[plan.pk])


def test_the_ratings_are_as_private_as_the_plan(world: World) -> None:
    plan = plan_with_profile(world)
    services.self_assessment_save(
        plan=plan,
        profile=profile_of(world),
        phase="start",
        ratings={r.competency.pk: 2 for r in selectors.profile_rows(plan, profile_of(world))},
    )
    url = reverse("development:plan_detail", args=[plan.pk])
    assert 'id="self-assessment"' in world.client_for("manager").get(url).content.decode()
    for role in ("coordinator", "steering", "leader"):
        assert world.client_for(role).get(url).status_code == 404, role
    overview = world.client_for("coordinator").get(
        reverse("development:edition_plans", args=[world.edition.pk])
    )
    assert "self-assessment" not in overview.content.decode()
    manager = world.client_for("manager")
    start = reverse("development:self_assessment", args=[plan.pk, "start"])
    assert manager.post(start, {}).status_code == 403


def test_marking_done_twice_does_not_undo_it(world: World) -> None:
    make_plan(world)
    action = PlanAction.objects.get(done=False)
    client = world.client_for("participant")
    url = reverse("development:action_done", args=[action.pk])
    client.post(url)
    action.refresh_from_db()
    first = action.done_at
    assert action.done and first is not None
    client.post(url)
    action.refresh_from_db()
    assert action.done and action.done_at == first


def test_undoing_is_its_own_confirmed_step(world: World) -> None:
    plan = make_plan(world)
    action = done_action_of(world)
    client = world.client_for("participant")
    page = client.get(reverse("development:plan_detail", args=[plan.pk])).content.decode()
    undo = reverse("development:action_undo", args=[action.pk])
    assert f'href="{undo}"' in page
    confirm = client.get(undo)
    assert confirm.status_code == 200 and action.text in confirm.content.decode()
    action.refresh_from_db()
    assert action.done  # asking is not undoing
    client.post(undo)
    action.refresh_from_db()
    assert not action.done and action.done_at is None
    # An action not done has nothing to undo: the page says so and changes nothing.
    assert client.get(undo).status_code == 302


def test_a_withdrawn_participant_keeps_nothing_new(world: World) -> None:
    Participant.objects.filter(pk=world.participant.pk).update(status="withdrawn")
    world.participant.refresh_from_db()
    with pytest.raises(ValidationError):
        services.plan_start(participant=world.participant)
