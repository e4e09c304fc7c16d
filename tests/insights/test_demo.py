"""The insights' demo: meaningful pages for the five reference organisations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.db import transaction
from pytest_django import DjangoDbBlocker

from plantskola.core.models import Organisation
from plantskola.demo import insights as demo
from plantskola.demo.loader import demo_load
from plantskola.insights.models import CareerEvent, RecruitmentApplication
from plantskola.insights.pipeline.selectors import pipeline
from plantskola.insights.selectors import recruitment_statistics
from plantskola.programmes.models import Programme

TODAY = dt.date(2026, 11, 22)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        demo_load()
        yield
        transaction.set_rollback(True)


def test_kungsbacka_had_885_applications_to_60_manager_posts_in_2014(loaded: None) -> None:
    kungsbacka = Organisation.objects.get(slug="kungsbacka")
    [year] = recruitment_statistics(organisation=kungsbacka, year=2014)
    assert (year.applications, year.post_count, year.hires) == (885, 60, 60)
    assert sum(total for _band, _counts, total in year.by_age_gender) == 885
    assert {g for g, _label in year.genders} == {"woman", "man"}


def test_ledarlabbets_alumni_show_a_significant_share_becoming_managers(loaded: None) -> None:
    uppsala = Organisation.objects.get(slug="uppsala")
    [ledarlabbet] = pipeline(
        programmes=Programme.objects.filter(organisation=uppsala, name="Ledarlabbet"),
        today=TODAY,
    )
    totals = ledarlabbet.totals
    assert 45 <= totals.completed <= 55
    assert totals.applicants is not None and totals.applicants > totals.admitted
    assert ledarlabbet.curve.events >= 15
    share_24 = next(p.share for p in ledarlabbet.curve.points if p.months == 24)
    assert 0.2 < share_24 < 0.6
    # Hires in Uppsala include the alumni who became managers.
    assert sum(y.alumni_hires for y in recruitment_statistics(organisation=uppsala)) >= 15
    assert CareerEvent.objects.filter(person__organisation=uppsala).count() == 5


def test_every_reference_organisation_has_recruitment_statistics(loaded: None) -> None:
    for slug in ("uppsala", "orebro", "alingsas", "upplands-vasby", "kungsbacka"):
        organisation = Organisation.objects.get(slug=slug)
        assert recruitment_statistics(organisation=organisation), slug


def test_loading_the_insights_demo_again_changes_nothing(loaded: None) -> None:
    before = (RecruitmentApplication.objects.count(), CareerEvent.objects.count())
    demo.load()
    assert (RecruitmentApplication.objects.count(), CareerEvent.objects.count()) == before
