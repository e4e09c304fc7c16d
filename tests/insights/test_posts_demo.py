"""The manager posts' demo: three Kungsbacka posts of 2025 with applicants and outcomes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction
from pytest_django import DjangoDbBlocker

from plantskola.core.models import Organisation
from plantskola.demo import posts as demo_posts
from plantskola.demo.loader import demo_load
from plantskola.insights.models import ManagerPost, PostApplicant
from plantskola.insights.posts.selectors import post_statistics

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        demo_load()
        yield
        transaction.set_rollback(True)


def test_kungsbacka_has_three_manager_posts_of_2025_each_filled(loaded: None) -> None:
    kungsbacka = Organisation.objects.get(slug="kungsbacka")
    posts = ManagerPost.objects.filter(organisation=kungsbacka, opened_on__year=2025)
    assert posts.count() == 3
    for post in posts:
        assert post.applicants.filter(outcome="hired").count() == 1, post.title
        assert post.requirement_profile is not None
    stats = post_statistics(organisation=kungsbacka)
    assert stats is not None
    period = stats.period
    assert (period.post_count, period.applications, period.hires) == (3, 18, 3)
    assert (period.internal_hires, period.external_hires) == (2, 1)
    assert period.alumni_hires >= 1  # the home-care post went to an alumnus
    # External applicants have a name, a self-reported gender and an age band.
    externals = PostApplicant.objects.filter(post__organisation=kungsbacka, internal=False)
    assert externals.count() == 10
    assert all(a.name and a.gender and a.age_band for a in externals)


def test_loading_the_posts_demo_again_changes_nothing(loaded: None) -> None:
    before = PostApplicant.objects.count()
    demo_posts.load()
    assert PostApplicant.objects.count() == before
