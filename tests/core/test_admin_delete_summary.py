"""The admin's delete confirmation must not show HR staff what they may not see (found by the
crawler, tests/core/test_crawler.py): Django lists every row the cascade reaches by its text,
which from a joint edition reaches the partner participants' private action plans."""

from __future__ import annotations

from django.urls import reverse

from plantskola.development.models import DevelopmentPlan, PlanGoal
from tests.conftest import World


def _partner_plan(world: World) -> None:
    plan = DevelopmentPlan.objects.create(participant=world.partner_participant, kind="development")
    PlanGoal.objects.create(plan=plan, title="Partnerns hemliga mål-MAL")


def test_hr_deleting_a_joint_edition_sees_counts_not_partners_private_plans(
    world: World,
) -> None:
    _partner_plan(world)
    url = reverse("admin:programmes_edition_delete", args=[world.edition.pk])
    response = world.client_for("hr").get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "hemliga mål-MAL" not in body
    assert "Per Partner" not in body
    assert world.edition.name in body  # what is being deleted is still named


def test_superusers_still_get_djangos_full_list(world: World) -> None:
    _partner_plan(world)
    url = reverse("admin:programmes_edition_delete", args=[world.edition.pk])
    response = world.client_for("admin").get(url)
    assert "hemliga mål-MAL" in response.content.decode()
