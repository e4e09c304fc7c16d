"""The introduction for new managers: "Nya chefer", the rule, and proposing new managers."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plantskola.core.models import ManagerAppointment, OutgoingEmail, Person
from plantskola.programmes.introduction.selectors import new_managers
from plantskola.programmes.models import BulkJob, IntroductionRule, Participant, Programme
from tests.conftest import World
from tests.html import main_region
from tests.programmes.introduction_helpers import Introduction, with_introduction

pytestmark = pytest.mark.django_db


@pytest.fixture
def intro(world: World) -> Introduction:
    return with_introduction(world)


def list_url(world: World) -> str:
    return reverse("programmes:new_managers", args=[world.host.slug])


def test_the_page_lists_new_managers_newest_first_with_the_overdue_one(
    world: World, intro: Introduction
) -> None:
    response = world.client_for("hr").get(list_url(world))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [r.person for r in rows] == [intro.recent, intro.overdue]
    assert [r.overdue for r in rows] == [False, True]
    assert [r.days for r in rows] == [10, 120]
    assert rows[0].administration.code == "SOC"
    assert response.context["overdue"] == 1
    text = main_region(response.content.decode())
    assert "Nora Nychef" in text and "Erik Anställd" in text


def test_a_manager_from_the_baseline_or_a_change_of_unit_is_not_a_new_manager(
    world: World, intro: Introduction
) -> None:
    ManagerAppointment.objects.create(
        person=world.manager_person,
        organisation=world.host,
        unit_id=world.unit_id,
        kind=ManagerAppointment.Kind.CHANGE,
        started_on=timezone.localdate(),
    )
    rows = new_managers(organisation=world.host, rule=intro.rule, today=timezone.localdate())
    assert world.manager_person not in [r.person for r in rows]


def test_the_administration_filter_keeps_its_units_only(world: World, intro: Introduction) -> None:
    hr_unit = world.host.units.get(code="KLF")
    response = world.client_for("hr").get(list_url(world), {"administration": hr_unit.pk})
    assert response.context["rows"] == []
    soc = world.host.units.get(code="SOC")
    response = world.client_for("hr").get(list_url(world), {"administration": soc.pk})
    assert len(response.context["rows"]) == 2


def test_proposing_one_enrols_and_invites_them_and_tells_their_manager(
    world: World, intro: Introduction, django_capture_on_commit_callbacks: Any
) -> None:
    url = reverse("programmes:new_manager_propose_one", args=[world.host.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client_for("coordinator").post(url, {"person": intro.overdue.pk})
    assert response.status_code == 302
    participant = Participant.objects.get(edition=intro.edition, person=intro.overdue)
    assert participant.invited_at is not None
    to_new = OutgoingEmail.objects.get(to__contains=intro.overdue.email)
    assert to_new.template_key == "edition_invitation"
    assert "Introduktion för nya chefer" in to_new.subject
    to_manager = OutgoingEmail.objects.get(to__contains=world.manager_person.email)
    assert to_manager.template_key == "introduction_manager_notice"
    assert "Erik Anställd är anmäld till" in to_manager.subject
    assert "Hemtjänst Norr" in to_manager.body
    rows = world.client_for("hr").get(list_url(world)).context["rows"]
    assert [r.enrolled is not None for r in rows] == [False, True]
    assert not rows[1].overdue


def test_proposing_someone_of_another_organisation_changes_nothing(
    world: World, intro: Introduction
) -> None:
    url = reverse("programmes:new_manager_propose_one", args=[world.host.slug])
    outsider = world.other.people.get()
    response = world.client_for("hr").post(url, {"person": outsider.pk})
    assert response.status_code == 302
    assert not Participant.objects.filter(edition=intro.edition).exists()
    assert not OutgoingEmail.objects.exists()


def test_proposing_all_shows_the_count_then_queues_a_job_that_enrols_and_invites(
    world: World, intro: Introduction, django_capture_on_commit_callbacks: Any
) -> None:
    url = reverse("programmes:new_managers_propose", args=[world.host.slug])
    client = world.client_for("hr")
    preview = client.get(url)
    assert preview.status_code == 200
    assert len(preview.context["chosen"]) == 2
    assert not Participant.objects.filter(edition=intro.edition).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"expected": 2})
    job = BulkJob.objects.get(kind=BulkJob.Kind.INTRODUCE)
    assert response["Location"] == reverse("programmes:bulk_job_detail", args=[job.pk])
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (BulkJob.Status.DONE, 2, 2)
    assert set(
        Participant.objects.filter(edition=intro.edition).values_list("person_id", flat=True)
    ) == {intro.overdue.pk, intro.recent.pk}
    recipients = sorted(OutgoingEmail.objects.values_list("to", "template_key"))
    assert recipients == sorted(
        [
            (intro.overdue.email, "edition_invitation"),
            (intro.recent.email, "edition_invitation"),
            (world.manager_person.email, "introduction_manager_notice"),
            (world.manager_person.email, "introduction_manager_notice"),
        ]
    )
    assert client.get(response["Location"]).status_code == 200


def test_a_changed_list_since_the_preview_proposes_nobody(
    world: World, intro: Introduction
) -> None:
    url = reverse("programmes:new_managers_propose", args=[world.host.slug])
    response = world.client_for("hr").post(url, {"expected": 5})
    assert response.status_code == 302
    assert not BulkJob.objects.exists()
    assert not Participant.objects.filter(edition=intro.edition).exists()


def test_the_rule_marks_an_own_programme_and_not_another_organisations(world: World) -> None:
    url = reverse("programmes:new_managers_rule", args=[world.host.slug])
    foreign = Programme.objects.create(organisation=world.other, name="Främmande")
    client = world.client_for("hr")
    assert client.post(url, {"programme": foreign.pk, "within_days": 90}).status_code == 400
    assert not IntroductionRule.objects.exists()
    response = client.post(url, {"programme": world.programme.pk, "within_days": 60})
    assert response.status_code == 302
    rule = IntroductionRule.objects.get()
    assert (rule.organisation, rule.programme, rule.within_days) == (
        world.host,
        world.programme,
        60,
    )


@pytest.mark.parametrize("role", ["leader", "steering", "participant", "manager", "partner"])
def test_others_than_hr_and_coordinators_of_the_organisation_get_404(
    world: World, intro: Introduction, role: str
) -> None:
    client = world.client_for(role)
    assert client.get(list_url(world)).status_code == 404
    url = reverse("programmes:new_manager_propose_one", args=[world.host.slug])
    assert client.post(url, {"person": intro.overdue.pk}).status_code == 404
    assert not Participant.objects.filter(edition=intro.edition).exists()


def test_the_start_page_links_to_new_managers(world: World) -> None:
    response = world.client_for("hr").get(reverse("core:home"))
    assert list_url(world) in response.content.decode()


def test_the_list_page_does_not_grow_in_queries_with_more_new_managers(
    world: World, intro: Introduction
) -> None:
    client = world.client_for("hr")
    client.get(list_url(world))  # warm the session and the principal's cache

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(list_url(world)).status_code == 200
        return len(ctx.captured_queries)

    before = queries()
    for number in ("H130", "H131", "H132"):
        person = Person.objects.create(
            organisation=world.host,
            employee_number=number,
            first_name="Ny",
            last_name=number,
            unit_id=world.unit_id,
            manager=world.manager_person,
            is_manager=True,
        )
        ManagerAppointment.objects.create(
            person=person,
            organisation=world.host,
            unit_id=world.unit_id,
            started_on=timezone.localdate(),
        )
    assert queries() == before
