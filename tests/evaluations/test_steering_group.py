"""The steering group follows results: it reads the evaluation reports of its programme (or
edition) exactly as a coordinator reads them, suppression and publication rules included, and
changes nothing; it sees no answers by name and nothing of other programmes."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from plantskola.evaluations import services
from plantskola.programmes.models import Edition, Programme, ProgrammeRole
from tests.conftest import World
from tests.evaluations.helpers import add_participants, answer, close, session_survey, template


def _report(html: str) -> str:
    """The report part of a survey page: from the suppression note to the end of the results
    (the action buttons above it differ by role)."""
    start = html.index('<p class="help">')
    end = html.find('<section aria-labelledby="named-heading">', start)
    return html[start : end if end != -1 else html.index("</main>", start)]


def test_the_steering_group_reads_the_same_report_as_the_coordinator(world: World) -> None:
    survey = session_survey(world)
    people = [world.participant.person, *add_participants(world, world.group, 5)]
    for i, person in enumerate(people):
        answer(survey, person, 6 - i % 2, text=f"Synpunkt {i}")
    close(survey)
    url = reverse("evaluations:survey_detail", args=[survey.pk])
    coordinator = world.client_for("coordinator").get(url).content.decode()
    steering_page = world.client_for("steering").get(url)
    assert steering_page.status_code == 200
    steering = steering_page.content.decode()
    assert _report(steering) == _report(coordinator)
    assert "Synpunkt 3" in steering
    # Read-only: no sending, and the survey list offers the report.
    assert reverse("evaluations:survey_send", args=[survey.pk]) not in steering
    assert reverse("evaluations:edition_evaluations", args=[world.edition.pk]) in steering
    listing = world.client_for("steering").get(reverse("evaluations:survey_list"))
    assert url in listing.content.decode()
    for name in ("survey_export_xlsx", "survey_export_pdf"):
        export = world.client_for("steering").get(reverse(f"evaluations:{name}", args=[survey.pk]))
        assert export.status_code == 200, name


def test_the_steering_group_sees_no_free_text_the_report_hides(world: World) -> None:
    survey = session_survey(world)
    for i, person in enumerate(
        [world.participant.person, *add_participants(world, world.group, 3)]
    ):
        answer(survey, person, 5, text=f"Hemlig {i}")
    client = world.client_for("steering")
    url = reverse("evaluations:survey_detail", args=[survey.pk])
    # Not published while open, and below the threshold once closed.
    assert 'id="not-published"' in client.get(url).content.decode()
    close(survey)
    html = client.get(url).content.decode()
    assert 'id="not-published"' not in html
    assert "Hemlig" not in html
    xlsx = client.get(reverse("evaluations:survey_export_xlsx", args=[survey.pk]))
    assert b"Hemlig" not in xlsx.content


def test_the_steering_group_sees_no_answers_by_name(world: World) -> None:
    today = timezone.localdate()
    survey = services.survey_create(
        template=template(world),
        title="Behov och förväntningar",
        target=world.edition,
        opens_on=today,
        closes_on=today,
        is_anonymous=False,
    )
    answer(survey, world.participant.person, 3, text="Mitt behov")
    url = reverse("evaluations:survey_detail", args=[survey.pk])
    assert "named-heading" in world.client_for("coordinator").get(url).content.decode()
    steering = world.client_for("steering").get(url).content.decode()
    assert "named-heading" not in steering
    assert "Mitt behov" not in steering


def test_the_steering_group_changes_nothing(world: World) -> None:
    survey = session_survey(world)
    client = world.client_for("steering")
    assert client.post(reverse("evaluations:survey_send", args=[survey.pk])).status_code == 403
    assert client.get(reverse("evaluations:survey_answer", args=[survey.pk])).status_code == 403
    assert client.get(reverse("evaluations:survey_create")).status_code == 403
    survey.refresh_from_db()
    assert survey.invitations_sent_on is None


def test_the_steering_group_reads_the_editions_comparison(world: World) -> None:
    survey = session_survey(world)
    page = world.client_for("steering").get(
        reverse("evaluations:edition_evaluations", args=[world.edition.pk])
    )
    assert page.status_code == 200
    assert reverse("evaluations:survey_detail", args=[survey.pk]) in page.content.decode()
    detail = world.client_for("steering").get(
        reverse("programmes:edition_detail", args=[world.edition.pk])
    )
    html = detail.content.decode()
    assert reverse("evaluations:edition_evaluations", args=[world.edition.pk]) in html
    assert reverse("development:edition_plans", args=[world.edition.pk]) in html
    assert reverse("programmes:edition_update", args=[world.edition.pk]) not in html


def test_a_steering_group_of_one_edition_sees_only_that_editions_surveys(world: World) -> None:
    survey = session_survey(world)
    other_programme = Programme.objects.create(organisation=world.host, name="Nya chefer")
    other_edition = Edition.objects.create(
        programme=other_programme,
        name="Omgång 2027",
        start_date=world.edition.start_date,
        end_date=world.edition.end_date,
    )
    steering = world.user("steering")
    ProgrammeRole.objects.filter(user=steering).update(
        programme=other_programme, edition=other_edition
    )
    client = world.client_for("steering")
    assert client.get(reverse("evaluations:survey_detail", args=[survey.pk])).status_code == 404
    assert (
        client.get(reverse("evaluations:edition_evaluations", args=[world.edition.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("evaluations:edition_evaluations", args=[other_edition.pk])).status_code
        == 200
    )
