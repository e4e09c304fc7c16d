"""The demo evaluations: Örebro's mean about 4.7 over five groups and four modules, Alingsås'
course evaluation, an open survey for the participant login; loading twice changes nothing."""

from __future__ import annotations

import statistics

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from plantskola.core.models import User
from plantskola.demo import evaluations as demo
from plantskola.demo.loader import demo_load
from plantskola.evaluations import selectors
from plantskola.evaluations.models import (
    Answer,
    Response,
    ResponseSignature,
    ResponseToken,
    Survey,
)
from tests.conftest import mark_two_factor_verified
from tests.evaluations.helpers import after


@pytest.mark.django_db
def test_demo_evaluations(client: Client) -> None:
    demo_load()
    counts = (Survey.objects.count(), Response.objects.count(), Answer.objects.count())
    demo.load()
    assert (Survey.objects.count(), Response.objects.count(), Answer.objects.count()) == counts
    modules = Survey.objects.filter(template__name=demo.MODULE_TEMPLATE)
    assert modules.count() == 4
    ratings = [
        r
        for r in Answer.objects.filter(
            response__survey__in=modules, rating__isnull=False
        ).values_list("rating", flat=True)
        if r is not None  # none are: the filter says so, for the type checker
    ]
    assert 4.6 <= statistics.fmean(ratings) <= 4.8
    assert set(modules.values_list("responses__group__name", flat=True)) == {
        f"Grupp {n}" for n in range(1, 6)
    }
    # Tokens used = responses, per survey: nobody answered twice, nothing else recorded.
    for survey in Survey.objects.all():
        assert ResponseToken.objects.filter(survey=survey, used=True).count() == (
            survey.responses.count()
        )
    # Grupp 5 gave only 4 answers to module 3: hidden in the report.
    module3 = modules.get(module__order=3)
    grid = selectors.question_grids(module3, after(module3))[0]
    grupp5 = next(g for g in grid.groups if g and g.name == "Grupp 5")
    assert grid.cells[(module3.pk, grupp5.pk)].hidden
    # Names only where the survey said so (Ledarlabbet's needs survey); a trend over editions.
    assert not ResponseSignature.objects.filter(response__survey__is_anonymous=True).exists()
    assert ResponseSignature.objects.filter(response__survey__is_anonymous=False).count() >= 10
    labbet = Survey.objects.filter(template__name=demo.LEDARLABBET_TEMPLATE).first()
    assert labbet is not None and labbet.edition is not None
    points = selectors.trend(labbet.edition, labbet.template, timezone.localdate())[0].points
    assert len(points) >= 3 and all(p.stats.mean for p in points)
    alingsas = Survey.objects.get(template__name=demo.COURSE_TEMPLATE)
    assert alingsas.responses.count() >= 10
    deltagare = User.objects.get(username="deltagare")
    mine = selectors.open_surveys_for_person(deltagare.person.pk, timezone.localdate())
    assert [s.title for s, answered in mine if not answered] == [
        "Uppföljning: Sveriges viktigaste chefsjobb"
    ]
    client.force_login(deltagare)
    survey = mine[0][0]
    assert client.get(reverse("evaluations:survey_answer", args=[survey.pk])).status_code == 200
    coordinator = User.objects.get(username="koordinator")
    client.force_login(coordinator)
    mark_two_factor_verified(client)
    page = client.get(reverse("evaluations:edition_evaluations", args=[module3.edition_id]))
    assert page.status_code == 200 and page.content.decode().count("<svg") >= 3
