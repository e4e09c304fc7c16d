"""The demo's plans: an Alingsås action plan shared with the manager, who has commented, and
an Örebro roadmap for `deltagare`; loading again duplicates nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.apps import apps
from django.db import transaction
from pytest_django import DjangoDbBlocker

from plantskola.access.development import plans_for_user
from plantskola.core.models import User
from plantskola.demo.loader import demo_load
from plantskola.development.plans.models import DevelopmentPlan
from plantskola.development.plans.selectors import plan_with_content

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"development", "competencies", "programmes", "auth", "core"}
    }


@pytest.fixture(scope="module")
def loaded(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[dict[str, int]]:
    with django_db_blocker.unblock(), transaction.atomic():
        demo_load()
        yield _counts()
        transaction.set_rollback(True)


def test_alingsas_participant_has_a_shared_action_plan_with_the_managers_comment(
    loaded: dict[str, int],
) -> None:
    plan = DevelopmentPlan.objects.get(participant__person__user__username="deltagare-alingsas")
    assert plan.kind == DevelopmentPlan.Kind.ACTION_PLAN
    assert plan.participant.edition.name == "Framtidens ledare 2023/2024"
    manager = plan.manager.user if plan.manager is not None else None
    assert manager is not None and manager.username == "chef-alingsas"
    content = plan_with_content(plan.pk)
    assert content.goals.count() == 3
    assert all(g.competency is not None for g in content.goals.all())
    assert 0 < content.done_count < content.action_count
    comment = plan.comments.get()
    assert comment.author is not None and comment.author.username == "chef-alingsas"
    assert plan.participant.reflections.filter(shared=True).count() == 1
    assert list(plans_for_user(manager)) == [plan]


def test_orebro_deltagare_has_a_roadmap_on_the_platform(loaded: dict[str, int]) -> None:
    plan = DevelopmentPlan.objects.get(participant__person__user__username="deltagare")
    assert plan.kind == DevelopmentPlan.Kind.ROADMAP
    names = {g.competency.name for g in plan.goals.all() if g.competency}
    assert names == {"Helhetssyn", "Arbetsgivarskap"}
    # Shared with the course leaders: the consultant who leads the sessions reads it.
    assert plan in plans_for_user(User.objects.get(username="kursledare"))
    assert plan not in plans_for_user(User.objects.get(username="koordinator"))


def test_loading_again_duplicates_nothing(loaded: dict[str, int]) -> None:
    demo_load()
    assert _counts() == loaded
