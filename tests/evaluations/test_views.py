"""The coordinator's pages: templates, questions, creating a survey; bad input says what is
wrong and changes nothing."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from plantskola.evaluations.models import Question, Survey, SurveyTemplate
from tests.conftest import World
from tests.evaluations.helpers import template


def test_coordinator_builds_a_template_and_attaches_a_survey(world: World) -> None:
    client = world.client_for("coordinator")
    page = client.post(
        reverse("evaluations:survey_template_list", args=[world.host.slug]),
        {"action": "template", "name": "Dagutvärdering", "description": ""},
    )
    created = SurveyTemplate.objects.get(name="Dagutvärdering")
    assert page.status_code == 302 and page["Location"] == created.get_absolute_url()
    url = reverse("evaluations:survey_template_detail", args=[created.pk])
    bad = client.post(
        url,
        {"kind": "single", "text": "Val", "options": "Bara ett", "scale_min": 1, "scale_max": 6},
    )
    assert bad.status_code == 400 and "minst två alternativ" in bad.content.decode()
    assert not Question.objects.filter(template=created).exists()
    ok = client.post(
        url, {"kind": "rating", "text": "Betyg", "scale_min": 1, "scale_max": 6, "required": "on"}
    )
    assert ok.status_code == 302
    assert Question.objects.get(template=created).scale == [1, 2, 3, 4, 5, 6]

    today = timezone.localdate()
    create = reverse("evaluations:survey_create")
    form = client.get(create)
    assert form.status_code == 200 and f"module:{world.module.pk}" in form.content.decode()
    data = {
        "template": created.pk,
        "title": "Utvärdering av modul 1",
        "target": f"module:{world.module.pk}",
        "opens_on": today.isoformat(),
        "closes_on": (today - dt.timedelta(days=1)).isoformat(),
        "is_anonymous": "on",
    }
    bad = client.post(create, data)
    assert bad.status_code == 400 and "kan inte stänga innan den öppnar" in bad.content.decode()
    bad = client.post(create, {**data, "closes_on": today.isoformat(), "target": "module:999999"})
    assert bad.status_code == 400
    assert not Survey.objects.exists()
    ok = client.post(create, {**data, "closes_on": (today + dt.timedelta(days=7)).isoformat()})
    survey = Survey.objects.get()
    assert ok.status_code == 302 and ok["Location"] == survey.get_absolute_url()
    assert survey.module == world.module and survey.edition == world.edition and survey.is_anonymous


def test_templates_of_another_organisation_are_not_offered(world: World) -> None:
    template(world)
    outsider = world.client_for("outsider")
    page = outsider.get(reverse("evaluations:survey_create"))
    assert page.status_code == 200
    assert "Modulutvärdering" not in page.content.decode()
    assert f"session:{world.session.pk}" not in page.content.decode()
