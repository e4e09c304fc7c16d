"""A locked survey template (someone has answered a survey from it) is copied into an editable
template with the same questions; the empty list of surveys links to making one."""

from __future__ import annotations

from django.urls import reverse

from plantskola.evaluations import services
from plantskola.evaluations.models import SurveyTemplate
from tests.conftest import World
from tests.evaluations.helpers import answer, session_survey, template


def test_a_locked_template_is_copied_into_an_editable_one(world: World) -> None:
    survey = session_survey(world)
    answer(survey, world.participant.person, 5)
    original = survey.template
    assert services.template_is_locked(original)
    client = world.client_for("coordinator")
    page = client.get(original.get_absolute_url()).content.decode()
    copy_url = reverse("evaluations:survey_template_copy", args=[original.pk])
    assert f'action="{copy_url}"' in page

    response = client.post(copy_url)
    copy = SurveyTemplate.objects.exclude(pk=original.pk).get(organisation=world.host)
    assert response.status_code == 302 and response["Location"] == copy.get_absolute_url()
    assert copy.name.startswith(original.name) and copy.name != original.name
    assert not services.template_is_locked(copy)
    assert [(q.order, q.kind, q.text, q.options, q.required) for q in copy.questions.all()] == [
        (q.order, q.kind, q.text, q.options, q.required) for q in original.questions.all()
    ]
    # The copy takes new questions; the original keeps its own.
    services.question_add(template=copy, kind="text", text="Något mer?")
    assert copy.questions.count() == original.questions.count() + 1


def test_copying_twice_gives_distinct_names(world: World) -> None:
    original = template(world)
    first = services.template_copy(template=original)
    second = services.template_copy(template=original)
    assert len({original.name, first.name, second.name}) == 3


def test_another_organisations_template_cannot_be_copied(world: World) -> None:
    original = template(world)
    response = world.client_for("outsider").post(
        reverse("evaluations:survey_template_copy", args=[original.pk])
    )
    assert response.status_code == 404
    assert SurveyTemplate.objects.count() == 1


def test_no_surveys_links_to_making_one_for_those_who_may(world: World) -> None:
    client = world.client_for("coordinator")
    page = client.get(reverse("evaluations:survey_list")).content.decode()
    # No template yet: the way starts with one.
    templates = reverse("evaluations:survey_template_list", args=[world.host.slug])
    assert f'<a href="{templates}">' in page.split('id="results-heading"')[1].split("</p>", 2)[1]
    template(world)
    page = client.get(reverse("evaluations:survey_list")).content.decode()
    create = reverse("evaluations:survey_create")
    empty_state = page.split("</table>")[-1] if "</table>" in page else page
    assert f'<a href="{create}">' in empty_state.split('id="results-heading"')[1]
    participant = world.client_for("participant").get(reverse("evaluations:survey_list"))
    assert create not in participant.content.decode()
