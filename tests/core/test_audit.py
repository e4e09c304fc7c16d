"""The audit log: append-only in the application and, on PostgreSQL, in the database; no
values or secrets; searchable by HR per person and per user."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse

from plantskola.admissions.models import Application
from plantskola.core.audit.services import audit_read, audit_record
from plantskola.core.models import AuditEntry
from plantskola.programmes.models import NetworkProfile
from tests.conftest import World
from tests.development.plans_helpers import make_plan
from tests.privacy.seed import seed_everywhere


def _entry(w: World) -> AuditEntry:
    return audit_record(
        AuditEntry.Action.UPDATE,
        object_type="core.person",
        object_id=w.employee.pk,
        subject_person_id=w.employee.pk,
        organisation_id=w.host.pk,
        fields=["title", "password", "token_hash"],
        actor_id=w.user("hr").pk,
    )


def test_the_application_cannot_change_or_delete_entries(world: World) -> None:
    entry = _entry(world)
    entry.note = "ändrad"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(note="ändrad")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).note == ""


def test_the_database_refuses_changes(world: World) -> None:
    """Both databases refuse an UPDATE. PostgreSQL, the production database, also refuses a
    DELETE of an entry younger than a year; on SQLite (the demo) only the application's
    guards stop deletes, because the test runner empties tables with DELETE."""
    entry = _entry(world)
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE core_auditentry SET note = 'x' WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk, note="").exists()
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])
        assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_secret_fields_are_never_listed_and_no_values_are_stored(world: World) -> None:
    entry = _entry(world)
    assert entry.fields == ["title"]
    assert world.employee.last_name not in str(AuditEntry.objects.values().get(pk=entry.pk))


def test_a_read_records_the_request_user(world: World) -> None:
    client = world.client_for("hr")
    client.get("/")  # the middleware sets the actor for the request only
    entry = audit_read(world.employee, subject_person_id=world.employee.pk)
    assert entry.actor_id is None and entry.action == "read"
    assert entry.object_type == "core.person"


def test_hr_searches_by_person_and_by_user(world: World) -> None:
    _entry(world)
    audit_record(
        AuditEntry.Action.READ,
        object_type="core.person",
        object_id=world.manager_person.pk,
        subject_person_id=world.manager_person.pk,
        organisation_id=world.host.pk,
        actor_id=world.user("coordinator").pk,
    )
    audit_record(
        AuditEntry.Action.READ,
        object_type="core.person",
        subject_person_id=world.partner_participant.person_id,
        organisation_id=world.partner.pk,
    )
    client = world.client_for("hr")
    url = reverse("core:audit_log", args=[world.host.slug])
    hosts = AuditEntry.objects.filter(organisation_id=world.host.pk)
    page = client.get(url).content.decode()
    assert f"{hosts.count()} poster" in page and "Per Partner" not in page
    erik = hosts.filter(subject_person_id=world.employee.pk).count()
    by_person = client.get(url, {"person": "Anställd"}).content.decode()
    assert f"{erik} post" in by_person and "Erik Anställd" in by_person
    assert "Maria Chef" not in by_person
    by_user = client.get(url, {"user": "coordinator"}).content.decode()
    assert "1 post" in by_user and "Maria Chef" in by_user


def test_reading_a_reference_scorecards_or_a_shared_plan_is_logged(world: World) -> None:
    person = seed_everywhere(world)
    application = Application.objects.get(applicant=person)
    coordinator = world.client_for("coordinator")
    coordinator.get(reverse("admissions:application_detail", args=[application.pk]))
    coordinator.get(reverse("admissions:calibration", args=[application.call_id]))
    reads = AuditEntry.objects.filter(action="read", subject_person_id=person.pk)
    assert set(reads.values_list("object_type", flat=True)) >= {
        "admissions.reference",
        "admissions.application",
    }
    assert set(reads.values_list("actor_id", flat=True)) == {world.user("coordinator").pk} | {
        None
    }  # the seed's own entry has no actor

    plan = make_plan(world, with_manager=True)
    plan_reads = AuditEntry.objects.filter(object_type="development.developmentplan", action="read")
    before = plan_reads.count()
    world.client_for("participant").get(
        reverse("development:plan_detail", args=[plan.pk])
    )  # the owner
    world.client_for("manager").get(reverse("development:plan_detail", args=[plan.pk]))
    world.client_for("manager").get(reverse("development:plan_pdf", args=[plan.pk]))
    after = plan_reads.all()
    assert after.count() == before + 2
    assert {e.actor_id for e in after} == {world.user("manager").pk}


def test_changes_of_declared_personal_data_are_logged_with_field_names_only(
    world: World,
) -> None:
    client = world.client_for("participant")
    client.post(
        reverse("programmes:network_profile"),
        {"listed": "on", "share_phone": "on", "phone": "070-111 22 33"},
    )
    profile = NetworkProfile.objects.get(person=world.participant.person)
    created = AuditEntry.objects.get(action="create", object_type="programmes.networkprofile")
    assert created.subject_person_id == world.participant.person_id
    assert created.actor_id == world.user("participant").pk
    assert created.organisation_id == world.host.pk
    assert "phone" in created.fields and "070" not in str(created.fields)
    client.post(reverse("programmes:network_profile"), {"listed": "on", "phone": "070-111 22 33"})
    updated = AuditEntry.objects.get(action="update", object_type="programmes.networkprofile")
    assert updated.fields == ["share_phone"]
    # Saving without a change writes nothing; deleting is logged.
    profile.refresh_from_db()
    profile.save()
    assert AuditEntry.objects.filter(object_type="programmes.networkprofile").count() == 2
    profile_pk = profile.pk
    profile.delete()
    assert AuditEntry.objects.filter(
        action="delete", object_type="programmes.networkprofile", object_id=str(profile_pk)
    ).exists()
