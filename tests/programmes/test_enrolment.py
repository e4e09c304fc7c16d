"""Enrolment by rule with a preview, the participants' mass actions and their queued jobs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plantskola.core.models import AuditEntry, OrgUnit, Person
from plantskola.core.services import unit_create
from plantskola.programmes.enrolment.selectors import (
    EnrolmentRule,
    FromEdition,
    Who,
    enrolment_preview,
    rule_people,
)
from plantskola.programmes.models import Attendance, BulkJob, Edition, Participant
from plantskola.programmes.selectors import eligible_people
from plantskola.programmes.services import participants_enrol, participants_set_status
from tests.admissions.factories import decided_call
from tests.conftest import World

pytestmark = pytest.mark.django_db


def manager(w: World, number: str, title: str, unit: OrgUnit | None = None, **extra: Any) -> Person:
    return Person.objects.create(
        organisation=w.host,
        employee_number=number,
        first_name=f"Chef{number}",
        last_name="Testsson",
        title=title,
        is_manager=True,
        unit=unit or OrgUnit.objects.get(pk=w.unit_id),
        **extra,
    )


def test_permanent_managers_leave_out_acting_managers_and_people_who_left(world: World) -> None:
    permanent = manager(world, "M1", "Enhetschef")
    acting = manager(world, "M2", "Tf. enhetschef")
    manager(world, "M3", "Enhetschef", is_active=False)
    rule = EnrolmentRule(who=Who.PERMANENT_MANAGERS)
    named = set(rule_people(edition=world.edition, rule=rule))
    assert permanent in named and world.manager_person in named
    assert acting not in named
    assert acting in set(rule_people(edition=world.edition, rule=EnrolmentRule(who=Who.MANAGERS)))
    assert all(p.is_manager and p.is_active for p in named)


def test_a_unit_rule_takes_the_sub_units_only_when_asked(world: World) -> None:
    top = OrgUnit.objects.get(code="SOC", organisation=world.host)
    sub = unit_create(organisation=world.host, code="SOC-9", name="Hemtjänst Syd", parent=top)
    below = manager(world, "M4", "Enhetschef", unit=sub)
    with_sub = rule_people(edition=world.edition, rule=EnrolmentRule(who=Who.MANAGERS, unit=top))
    assert below in set(with_sub)
    without = rule_people(
        edition=world.edition,
        rule=EnrolmentRule(who=Who.MANAGERS, unit=top, include_subunits=False),
    )
    assert below not in set(without)
    assert world.manager_person in set(without)


def test_a_title_rule_matches_part_of_the_title(world: World) -> None:
    rektor = manager(world, "M5", "Rektor")
    manager(world, "M6", "Enhetschef")
    named = list(
        rule_people(edition=world.edition, rule=EnrolmentRule(who=Who.MANAGERS, title="rekt"))
    )
    assert named == [rektor]


def test_the_preview_marks_alumni_and_people_enrolled_elsewhere(world: World) -> None:
    alumnus = manager(world, "M7", "Enhetschef")
    busy = manager(world, "M8", "Enhetschef")
    earlier = Edition.objects.create(
        programme=world.programme,
        name="Omgång 2024",
        start_date=dt.date(2024, 9, 1),
        end_date=dt.date(2025, 6, 30),
        status=Edition.Status.COMPLETED,
    )
    Participant.objects.create(edition=earlier, person=alumnus, status="completed")
    other_programme = world.programme.__class__.objects.create(
        organisation=world.host, name="Nya chefer"
    )
    running = Edition.objects.create(
        programme=other_programme,
        name="Nya chefer 2026",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2099, 1, 1),
    )
    Participant.objects.create(edition=running, person=busy, status="active")
    preview = enrolment_preview(edition=world.edition, rule=EnrolmentRule(who=Who.MANAGERS))
    rows = {r.person: r for r in preview.rows}
    assert rows[alumnus].alumnus_of == ["Omgång 2024"]
    assert rows[busy].enrolled_in == ["Nya chefer: Nya chefer 2026"]
    assert preview.alumni == 1 and preview.enrolled_elsewhere == 1
    left_out = enrolment_preview(
        edition=world.edition, rule=EnrolmentRule(who=Who.MANAGERS, leave_out_alumni=True)
    )
    assert alumnus not in {r.person for r in left_out.rows}
    assert left_out.left_out_alumni == 1


def test_the_preview_leaves_out_those_already_in_the_edition(world: World) -> None:
    world.participant.person.is_manager = True
    world.participant.person.save(update_fields=["is_manager"])
    preview = enrolment_preview(edition=world.edition, rule=EnrolmentRule(who=Who.MANAGERS))
    assert world.participant.person not in {r.person for r in preview.rows}
    assert preview.already_in == 1


def test_rule_preview_confirm_adds_everyone_through_the_queue(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    for n in range(5):
        manager(world, f"R{n}", "Enhetschef")
    client = world.client_for("coordinator")
    url = reverse("programmes:enrolment_rule", args=[world.edition.pk])
    page = client.get(url, {"who": Who.PERMANENT_MANAGERS, "include_subunits": "on"})
    assert page.status_code == 200
    preview = page.context["preview"]
    assert preview.count == 6  # the five and Maria Chef
    assert not Participant.objects.filter(person__employee_number__startswith="R").exists()
    confirm = reverse("programmes:enrolment_confirm", args=[world.edition.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            confirm,
            {"who": Who.PERMANENT_MANAGERS, "include_subunits": "on", "expected": 6},
        )
    job = BulkJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("programmes:bulk_job_detail", args=[job.pk])
    assert job.status == BulkJob.Status.DONE and job.done == 6
    assert Participant.objects.filter(edition=world.edition, person__is_manager=True).count() == 6
    status = client.get(response["Location"])
    assert "6" in status.content.decode()


def test_a_roster_change_after_the_preview_stops_the_confirmation(world: World) -> None:
    manager(world, "S1", "Enhetschef")
    client = world.client_for("coordinator")
    confirm = reverse("programmes:enrolment_confirm", args=[world.edition.pk])
    response = client.post(confirm, {"who": Who.MANAGERS, "expected": 5})
    assert response.status_code == 302
    assert reverse("programmes:enrolment_rule", args=[world.edition.pk]) in response["Location"]
    assert not BulkJob.objects.exists()
    assert Participant.objects.filter(edition=world.edition).count() == 2


def test_enrolling_many_is_all_or_nothing(world: World) -> None:
    ok = manager(world, "A1", "Enhetschef")
    gone = manager(world, "A2", "Enhetschef", is_active=False)
    with pytest.raises(ValidationError):
        participants_enrol(edition=world.edition, person_ids=[ok.pk, gone.pk])
    assert not Participant.objects.filter(person__in=[ok, gone]).exists()
    assert participants_enrol(edition=world.edition, person_ids=[ok.pk]) == 1


def test_a_withdrawal_needs_a_reason_and_keeps_it(world: World) -> None:
    ids = [world.participant.pk, world.partner_participant.pk]
    with pytest.raises(ValidationError):
        participants_set_status(edition=world.edition, participant_ids=ids, status="withdrawn")
    changed = participants_set_status(
        edition=world.edition, participant_ids=ids, status="withdrawn", reason="Slutat"
    )
    assert changed == 2
    world.participant.refresh_from_db()
    assert world.participant.withdrawal_reason == "Slutat"
    assert AuditEntry.objects.filter(
        object_type="programmes.participant", object_id=str(world.participant.pk)
    ).exists()


def test_completion_cannot_be_set_in_bulk(world: World) -> None:
    with pytest.raises(ValidationError):
        participants_set_status(
            edition=world.edition, participant_ids=[world.participant.pk], status="completed"
        )


def test_bulk_status_shows_the_count_before_it_changes_anything(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = world.client_for("coordinator")
    url = reverse("programmes:participant_bulk", args=[world.edition.pk])
    data = {"participants": [world.participant.pk], "status": "withdrawn", "reason": "Flyttat"}
    preview = client.post(url, data)
    assert preview.status_code == 200
    assert len(preview.context["chosen"]) == 1
    world.participant.refresh_from_db()
    assert world.participant.status == "active"
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {**data, "confirm": "1"})
    assert done.status_code == 302
    world.participant.refresh_from_db()
    assert world.participant.status == "withdrawn"
    assert world.participant.withdrawal_reason == "Flyttat"


def test_a_withdrawal_without_a_reason_is_refused_with_a_message(world: World) -> None:
    client = world.client_for("coordinator")
    url = reverse("programmes:participant_bulk", args=[world.edition.pk])
    response = client.post(
        url, {"participants": [world.participant.pk], "status": "withdrawn", "confirm": "1"}
    )
    assert response.status_code == 400
    assert "Ange ett skäl" in response.content.decode()
    assert not BulkJob.objects.exists()


def test_all_present_except_marks_the_others_present(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = world.client_for("leader")
    url = reverse("programmes:attendance_bulk", args=[world.session.pk])
    preview = client.post(url, {"absent": [world.partner_participant.pk]})
    assert preview.status_code == 200
    assert preview.context["present_count"] == 1
    assert not Attendance.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"absent": [world.partner_participant.pk], "confirm": "1"})
    marks = dict(Attendance.objects.values_list("participant_id", "status"))
    assert marks == {world.participant.pk: "present", world.partner_participant.pk: "absent"}


def test_search_finds_people_by_title_and_by_the_manager_role(world: World) -> None:
    assert world.employee in set(eligible_people(edition=world.edition, query="sköterska"))
    managers = set(eligible_people(edition=world.edition, query="chef"))
    assert world.manager_person in managers
    assert world.employee not in managers


def test_a_job_page_is_only_for_those_who_run_the_edition(world: World) -> None:
    job = BulkJob.objects.create(edition=world.edition, kind=BulkJob.Kind.STATUS, total=3)
    url = reverse("programmes:bulk_job_detail", args=[job.pk])
    assert world.client_for("coordinator").get(url).status_code == 200
    assert world.client_for("leader").get(url).status_code == 404
    assert world.client_for("partner").get(url).status_code == 404


def test_the_preview_takes_the_same_queries_for_five_or_fifty(world: World) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            enrolment_preview(edition=world.edition, rule=EnrolmentRule(who=Who.MANAGERS))
        return len(ctx.captured_queries)

    for n in range(5):
        manager(world, f"Q{n}", "Enhetschef")
    few = queries()
    for n in range(5, 50):
        manager(world, f"Q{n}", "Enhetschef")
    assert queries() == few


def test_a_capped_search_says_how_many_more_match_and_points_to_the_rule(world: World) -> None:
    for n in range(30):
        manager(world, f"T{n}", "Rektor")
    client = world.client_for("coordinator")
    page = client.get(
        reverse("programmes:participant_list", args=[world.edition.pk]), {"q": "rektor"}
    )
    assert len(page.context["candidates"]) == 25
    assert page.context["more"] == 5
    text = page.content.decode()
    assert "5 personer till passar" in text
    assert reverse("programmes:enrolment_rule", args=[world.edition.pk]) in text


def _second_edition(w: World) -> Edition:
    return Edition.objects.create(
        programme=w.edition.programme,
        name="Fortsättning",
        start_date=w.edition.start_date + dt.timedelta(days=365),
        end_date=w.edition.end_date + dt.timedelta(days=365),
    )


def test_a_call_decision_rule_takes_those_it_admitted_and_not_the_others(world: World) -> None:
    decided_call(world)  # a call on world.edition: Ada admitted, Bo reserve, Cid not admitted
    follow_up = _second_edition(world)
    rule = EnrolmentRule(who=Who.EDITION, source_edition=world.edition)
    named = {p.first_name for p in rule_people(edition=follow_up, rule=rule)}
    assert "Ada" in named and not named & {"Bo", "Cid"}
    withdrawn = world.participant
    withdrawn.status = Participant.Status.WITHDRAWN
    withdrawn.save(update_fields=["status"])
    assert withdrawn.person not in set(rule_people(edition=follow_up, rule=rule))
    completed = EnrolmentRule(
        who=Who.EDITION, source_edition=world.edition, source_status=FromEdition.COMPLETED
    )
    assert "Ada" not in {p.first_name for p in rule_people(edition=follow_up, rule=completed)}


def test_the_edition_rule_offers_only_editions_of_the_organisation(world: World) -> None:
    follow_up = _second_edition(world)
    client = world.client_for("coordinator")
    url = reverse("programmes:enrolment_rule", args=[follow_up.pk])
    page = client.get(url, {"who": Who.EDITION})
    form = page.context["form"]
    assert "source_edition" in form.errors
    offered = set(form.fields["source_edition"].queryset)
    assert world.edition in offered and follow_up not in offered
    assert all(e.programme.organisation_id == world.host.pk for e in offered)
    page = client.get(url, {"who": Who.EDITION, "source_edition": str(world.edition.pk)})
    # The world's participants are the host's Pia and the partner's Per: a partner's people
    # are the partner's to enrol, so the rule takes Pia only.
    assert [r.person for r in page.context["preview"].rows] == [world.participant.person]


def test_a_pasted_list_names_people_by_email_or_number_and_refuses_unknown_ones(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    a = manager(world, "L1", "Enhetschef", email="Lisa.Chef@host.example")
    b = manager(world, "0042", "Rektor")
    client = world.client_for("coordinator")
    url = reverse("programmes:enrolment_rule", args=[world.edition.pk])
    pasted = "lisa.chef@host.example;\n0042, 0042\nokand@host.example\n9999"
    page = client.get(url, {"who": Who.LIST, "people_list": pasted})
    errors = page.context["form"].errors["people_list"][0]
    assert "okand@host.example, 9999" in errors and page.context["preview"] is None
    page = client.get(url, {"who": Who.LIST, "people_list": "lisa.chef@host.example\n0042"})
    assert {r.person for r in page.context["preview"].rows} == {a, b}
    confirm = reverse("programmes:enrolment_confirm", args=[world.edition.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            confirm,
            {"who": Who.LIST, "people_list": "lisa.chef@host.example\n0042", "expected": 2},
        )
    assert set(
        Participant.objects.filter(edition=world.edition).values_list("person", flat=True)
    ) >= {
        a.pk,
        b.pk,
    }


def test_a_list_from_another_organisation_names_nobody(world: World) -> None:
    stranger = Person.objects.create(
        organisation=world.other, employee_number="X1", first_name="Ut", last_name="Sida"
    )
    form_errors = (
        world.client_for("coordinator")
        .get(
            reverse("programmes:enrolment_rule", args=[world.edition.pk]),
            {"who": Who.LIST, "people_list": stranger.employee_number},
        )
        .context["form"]
        .errors
    )
    assert "X1" in form_errors["people_list"][0]


def test_the_unit_is_found_by_its_typed_name_and_carried_to_the_confirmation(
    world: World,
) -> None:
    top = OrgUnit.objects.get(code="SOC", organisation=world.host)
    inside = manager(world, "U1", "Enhetschef", unit=top)
    client = world.client_for("coordinator")
    url = reverse("programmes:enrolment_rule", args=[world.edition.pk])
    page = client.get(
        url, {"who": Who.MANAGERS, "unit": "", "unit_search": top.name, "include_subunits": "on"}
    )
    assert page.context["form"].cleaned_data["unit"] == top
    assert inside in {r.person for r in page.context["preview"].rows}
    html = page.content.decode()
    assert f'<input type="hidden" name="unit" value="{top.pk}">' in html
    unknown = client.get(url, {"who": Who.MANAGERS, "unit": "", "unit_search": "Finns inte"})
    assert "unit" in unknown.context["form"].errors and unknown.context["preview"] is None
