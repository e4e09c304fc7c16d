"""The plan pages: the participant writes and shares, the manager reads and comments; bad
input answers in Swedish and changes nothing; list pages keep their query count."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from plantskola.core.models import Person
from plantskola.development.plans import services
from plantskola.development.plans.models import (
    DevelopmentPlan,
    PlanAction,
    PlanComment,
    PlanGoal,
    Reflection,
)
from plantskola.programmes.models import Participant
from tests.conftest import World
from tests.development.plans_helpers import attend, competency, make_plan


def test_the_participant_starts_writes_and_shares_a_plan(world: World) -> None:
    client = world.client_for("participant")
    page = client.get("/min-utveckling/").content.decode()
    assert "Börja skriva min plan" in page and "Min utveckling" in page
    response = client.post(f"/min-utveckling/{world.participant.pk}/plan/")
    plan = DevelopmentPlan.objects.get()
    assert response["Location"] == f"/planer/{plan.pk}/"

    response = client.post(
        f"/planer/{plan.pk}/mal/nytt/",
        {"title": "Leda möten", "competency": competency(world).pk, "support": "Mentor"},
    )
    goal = PlanGoal.objects.get()
    assert response.status_code == 302 and goal.competency == competency(world)
    client.post(
        f"/planer/mal/{goal.pk}/aktiviteter/ny/", {"text": "Leda ett APT", "due_date": "2027-02-01"}
    )
    action = PlanAction.objects.get()
    client.post(f"/planer/aktiviteter/{action.pk}/klar/", {"done": "1"})
    action.refresh_from_db()
    assert action.done

    page = client.get(f"/planer/{plan.pk}/").content.decode()
    assert "1 av 1 aktivitet klar (100 %)" in page and "Leda ett APT" in page
    assert "Inte delad med någon." in page

    share = client.get(f"/planer/{plan.pk}/dela/").content.decode()
    assert "Din närmaste chef enligt personalregistret är Maria Chef." in share
    assert "Omgångens kursledare är Lea Kursledare." in share
    client.post(f"/planer/{plan.pk}/dela/", {"share_with_manager": "on"})
    plan.refresh_from_db()
    assert plan.share_with_manager and plan.manager == world.manager_person
    page = client.get("/min-utveckling/").content.decode()
    assert "Delad med din närmaste chef Maria Chef." in page


def test_bad_input_gets_a_swedish_message_and_changes_nothing(world: World) -> None:
    plan = make_plan(world)
    client = world.client_for("participant")
    goal = plan.goals.get()
    before = PlanAction.objects.count()
    page = client.post(
        f"/planer/mal/{goal.pk}/aktiviteter/ny/", {"text": "Läsa", "due_date": "2001-01-01"}
    ).content.decode()
    assert "Datumet kan inte ligga innan omgången började (2026-09-01)." in page
    response = client.post(f"/planer/mal/{goal.pk}/aktiviteter/ny/", {"text": "", "due_date": "x"})
    assert response.status_code == 200
    assert PlanAction.objects.count() == before

    foreign = competency(world).__class__.objects.create(organisation=world.other, name="Främmande")
    page = client.post(
        f"/planer/{plan.pk}/mal/nytt/", {"title": "Mål", "competency": foreign.pk}
    ).content.decode()
    assert "Välj ett giltigt alternativ" in page
    assert PlanGoal.objects.count() == 1

    Person.objects.filter(pk=world.participant.person_id).update(manager=None, unit=None)
    page = client.post(f"/planer/{plan.pk}/dela/", {"share_with_manager": "on"}).content.decode()
    assert "Personalregistret anger ingen närmaste chef för dig" in page
    plan.refresh_from_db()
    assert not plan.share_with_manager


def test_the_manager_finds_the_shared_plan_and_comments_but_cannot_change_it(
    world: World,
) -> None:
    plan = make_plan(world, with_manager=True)
    client = world.client_for("manager")
    listing = client.get("/delade-planer/").content.decode()
    assert "Pia Deltagare" in listing and "50 % (1/2)" in listing
    page = client.get(f"/planer/{plan.pk}/").content.decode()
    assert "Leda arbetsplatsträffar" in page and "Skicka kommentar" in page
    assert "Lägg till ett mål" not in page

    client.post(f"/planer/{plan.pk}/kommentera/", {"text": "Bra, vi tar det i maj."})
    comment = PlanComment.objects.get()
    assert (comment.author_name, comment.author_role) == ("Maria Chef", "manager")
    page = world.client_for("participant").get(f"/planer/{plan.pk}/").content.decode()
    assert "Bra, vi tar det i maj." in page and "Maria Chef" in page

    response = client.post(f"/planer/{plan.pk}/kommentera/", {"text": ""})
    assert response.status_code == 302 and PlanComment.objects.count() == 1

    goal = plan.goals.get()
    assert client.post(f"/planer/mal/{goal.pk}/ta-bort/").status_code == 403
    assert client.post(f"/planer/{plan.pk}/inriktning/", {"direction": "x"}).status_code == 403
    assert PlanGoal.objects.filter(pk=goal.pk).exists()


def test_the_participant_removes_an_action_and_a_goal_after_confirming(world: World) -> None:
    plan = make_plan(world)
    client = world.client_for("participant")
    goal = plan.goals.get()
    action = goal.actions.first()
    assert action is not None
    assert (
        "Ta bort aktiviteten"
        in client.get(f"/planer/aktiviteter/{action.pk}/ta-bort/").content.decode()
    )
    client.post(f"/planer/aktiviteter/{action.pk}/ta-bort/")
    assert not PlanAction.objects.filter(pk=action.pk).exists()
    page = client.get(f"/planer/mal/{goal.pk}/ta-bort/").content.decode()
    assert "Ta bort målet ”Leda arbetsplatsträffar” och dess 1 aktiviteter?" in page
    client.post(f"/planer/mal/{goal.pk}/ta-bort/")
    assert not PlanGoal.objects.exists()


def test_reflections_are_written_per_attended_session_and_shared_reflections_reach_the_manager(
    world: World,
) -> None:
    make_plan(world, with_manager=True)
    client = world.client_for("participant")
    page = client.get("/min-utveckling/").content.decode()
    assert "När din närvaro på ett tillfälle har registrerats" in page
    response = client.post(
        f"/min-utveckling/reflektioner/{world.session.pk}/", {"text": "Lärorikt"}
    )
    assert "bara skriva en reflektion om ett tillfälle som du deltog i" in response.content.decode()
    assert not Reflection.objects.exists()

    attend(world.participant, world.session)
    assert "Skriv en reflektion" in client.get("/min-utveckling/").content.decode()
    client.post(f"/min-utveckling/reflektioner/{world.session.pk}/", {"text": "Privat tanke"})
    plan = DevelopmentPlan.objects.get()
    manager = world.client_for("manager")
    assert "Privat tanke" not in manager.get(f"/planer/{plan.pk}/").content.decode()
    client.post(
        f"/min-utveckling/reflektioner/{world.session.pk}/",
        {"text": "Delad tanke", "shared": "on"},
    )
    page = manager.get(f"/planer/{plan.pk}/").content.decode()
    assert "Delad tanke" in page and "Delade reflektioner" in page


def test_a_roadmap_for_managers_programme_is_called_so_on_the_pages(world: World) -> None:
    world.programme.audience = "all_managers"
    world.programme.save()
    world.client_for("participant").post(f"/min-utveckling/{world.participant.pk}/plan/")
    plan = DevelopmentPlan.objects.get()
    page = world.client_for("participant").get(f"/planer/{plan.pk}/").content.decode()
    assert "Chefens färdplan: Pia Deltagare" in page


def _count(world: World, role: str, url: str) -> int:
    client = world.client_for(role)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_pages_do_not_grow_their_query_count_with_plans(world: World) -> None:
    make_plan(world, with_manager=True)
    first = {
        "shared": _count(world, "manager", "/delade-planer/"),
        "overview": _count(world, "coordinator", f"/omgangar/{world.edition.pk}/planer/"),
        "plan": _count(world, "manager", f"/planer/{DevelopmentPlan.objects.get().pk}/"),
    }
    for n in range(5):
        person = Person.objects.create(
            organisation=world.host,
            employee_number=f"Q{n}",
            first_name="Q",
            last_name=f"{n}",
            manager=world.manager_person,
        )
        participant = Participant.objects.create(edition=world.edition, person=person)
        plan = services.plan_start(participant=participant)
        goal = services.goal_create(plan=plan, title="Mål")
        services.action_create(goal=goal, text="A")
        services.plan_share(plan=plan, with_manager=True, with_leaders=False)
    own = DevelopmentPlan.objects.get(participant=world.participant)
    services.goal_create(plan=own, title="Mål 2")
    assert _count(world, "manager", "/delade-planer/") == first["shared"]
    assert (
        _count(world, "coordinator", f"/omgangar/{world.edition.pk}/planer/") == first["overview"]
    )
    assert _count(world, "manager", f"/planer/{own.pk}/") == first["plan"]


def test_the_edition_page_links_the_coordinator_to_the_plans_overview(world: World) -> None:
    url = f"/omgangar/{world.edition.pk}/planer/"
    assert (
        url
        in world.client_for("coordinator").get(f"/omgangar/{world.edition.pk}/").content.decode()
    )
    assert (
        url
        not in world.client_for("participant")
        .get(f"/omgangar/{world.edition.pk}/")
        .content.decode()
    )


def test_the_participant_removes_a_reflection(world: World) -> None:
    attend(world.participant, world.session)
    client = world.client_for("participant")
    url = f"/min-utveckling/reflektioner/{world.session.pk}/"
    client.post(url, {"text": "Ångrar mig"})
    assert "Ta bort reflektionen" in client.get(url).content.decode()
    client.post(url, {"remove": "1"})
    assert not Reflection.objects.exists()
