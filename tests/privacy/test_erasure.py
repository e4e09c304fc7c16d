"""Erasure (GDPR art. 17): a person seeded into every app is erased, and afterwards no table
holds their name, e-mail or employee number; the page shows the plan, refuses a wrong
confirmation and is logged without values."""

from __future__ import annotations

import datetime as dt
import json

from django.apps import apps
from django.db import connection, models
from django.urls import reverse

from plantskola.admissions.models import Application, Reference, Scorecard
from plantskola.core.models import (
    AuditEntry,
    GeneratedDocument,
    OutgoingEmail,
    Person,
    PersonChange,
    RosterImport,
    User,
)
from plantskola.diplomas.models import Diploma
from plantskola.privacy.erasure.selectors import erasure_plan
from plantskola.privacy.erasure.services import erase_person
from plantskola.privacy.extract.selectors import build_extract, extract_json
from plantskola.programmes.models import Participant
from tests.conftest import World
from tests.privacy.helpers import world_user
from tests.privacy.seed import MARKERS, seed_everywhere

NAME = "Pia Deltagare"
EMAIL = "pia.deltagare@host.example"
NUMBER = "H102"


def _copies_elsewhere(w: World, person: Person) -> None:
    """Copies of the person outside the declared rows: a roster file not yet applied, an
    applied import's preview, a document she asked for, an e-mail about her to her manager."""
    csv = f"anstallningsnummer;fornamn;efternamn;epost\n{NUMBER};Pia;Deltagare;{EMAIL}\n"
    RosterImport.objects.create(
        organisation=w.host,
        uploaded_by=w.users["hr"],
        filename="personal-december.csv",
        content=csv.encode(),
        effective_date=dt.date(2026, 12, 1),
        summary={"diffs": [{"employee_number": NUMBER, "name": NAME, "kind": "created"}]},
    )
    RosterImport.objects.create(
        organisation=w.host,
        uploaded_by=w.users["hr"],
        filename="personal-oktober.csv",
        content=b"",
        status=RosterImport.Status.APPLIED,
        effective_date=dt.date(2026, 10, 1),
        summary={
            "counts": {"created": 2},
            "diffs": [
                {"employee_number": NUMBER, "name": NAME, "kind": "created"},
                {"employee_number": "H101", "name": "Erik Anställd", "kind": "created"},
            ],
        },
    )
    GeneratedDocument.objects.create(
        kind="badges",
        title="Namnbrickor",
        filename="namnbrickor.pdf",
        requested_by=world_user(w, "participant"),
        params={"people": [NAME]},
    )
    OutgoingEmail.objects.create(
        organisation=w.host,
        template_key="reference_request",
        to="maria.chef@host.example",
        subject=f"Referens för {NAME}",
        body=f"{NAME} ({EMAIL}) har sökt programmet.",
        status="sent",
    )


def _needles() -> list[str]:
    return [NAME, "Deltagare, Pia", "pia-deltagare", EMAIL]


def _found_in_models() -> list[str]:
    """Every text, char, JSON and binary column of every installed model."""
    found = []
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if not isinstance(
                f, models.CharField | models.TextField | models.JSONField | models.BinaryField
            ):
                continue
            for pk, value in model._default_manager.values_list("pk", f.attname):
                if value is None:
                    continue
                if isinstance(value, bytes | memoryview):
                    text = bytes(value).decode("utf-8", "replace")
                elif isinstance(f, models.JSONField):
                    text = json.dumps(value, ensure_ascii=False)
                else:
                    text = str(value)
                for needle in _needles():
                    if needle.lower() in text.lower():
                        found.append(f"{model._meta.label}.{f.name} #{pk}: {needle}")
                if NUMBER in text:
                    found.append(f"{model._meta.label}.{f.name} #{pk}: {NUMBER}")
    return found


def _dump() -> str:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        return "\n".join(connection.connection.iterdump())
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                rows.append(
                    repr(
                        tuple(
                            bytes(v).hex() if isinstance(v, bytes | memoryview) else v for v in row
                        )
                    )
                )
    return "\n".join(rows)


def _found_in_dump() -> list[str]:
    """A raw dump of the whole database, also tables without a model; binary columns are
    dumped as hexadecimal, so the needles are searched for that way too. SQLite dumps itself;
    on PostgreSQL every table's every row is read."""
    lowered = _dump().lower()
    found = []
    for needle in [*_needles(), NUMBER]:
        for form in [needle, needle.encode().hex(), json.dumps(needle)[1:-1]]:
            if form.lower() in lowered:
                found.append(f"{needle} as {form}")
    return found


def test_after_erasure_no_table_holds_the_persons_name_email_or_employee_number(
    world: World,
) -> None:
    person = seed_everywhere(world)
    _copies_elsewhere(world, person)
    client = world.client_for("participant")  # a login leaves a session and a last login
    client.get(reverse("core:home"))
    # The seed really put the person everywhere: the search finds them before erasure.
    before = _found_in_models()
    assert len(before) >= 8, before
    assert _found_in_dump()

    erase_person(person, world.users["hr"], reason="Begäran från Pia Deltagare")

    assert _found_in_models() == []
    assert _found_in_dump() == []
    for marker in MARKERS.values():
        assert not any(marker in row for row in _found_in_models())


def test_what_erasure_keeps_and_removes(world: World) -> None:
    person = seed_everywhere(world)
    _copies_elsewhere(world, person)
    user_pk = world_user(world, "participant").pk
    erase_person(person, world.users["hr"], reason="Begäran")

    person.refresh_from_db()
    assert person.full_name == f"Raderad person {person.pk}"
    assert (person.email, person.title, person.is_active) == ("", "", False)
    assert not PersonChange.objects.filter(person=person).exists()
    user = User.objects.get(pk=user_pk)
    assert not user.is_active and not user.has_usable_password() and user.email == ""
    # The participation is kept (evidence of completed training), the diploma is deleted.
    assert Participant.objects.filter(person=person).count() == 1
    assert not Diploma.objects.exists()
    # The application is pseudonymised as weeding does: numbers kept, free text gone.
    application = Application.objects.get()
    assert application.applicant_id is None and application.motivation == ""
    assert application.pseudonym and application.weeded_at
    # The roster file not yet applied is discarded; the applied one keeps the others' rows.
    assert RosterImport.objects.filter(filename="personal-december.csv").count() == 0
    applied = RosterImport.objects.get(filename="personal-oktober.csv")
    assert [d["employee_number"] for d in applied.summary["diffs"]] == ["H101"]
    # The e-mail to her manager remains, about a pseudonym.
    email = OutgoingEmail.objects.get(
        to="maria.chef@host.example", template_key="reference_request"
    )
    assert f"Raderad person {person.pk}" in email.body and EMAIL not in email.body


def test_the_audit_log_says_an_erasure_happened_and_not_what(world: World) -> None:
    person = seed_everywhere(world)
    erase_person(person, world.users["hr"], reason="Begäran från Pia Deltagare")
    entry = AuditEntry.objects.get(action="erase")
    assert entry.subject_person_id == person.pk
    assert entry.actor_id == world_user(world, "hr").pk
    assert entry.fields == []
    assert "Pia" not in entry.note and "Deltagare" not in entry.note


def test_the_register_extract_after_erasure_holds_nothing_of_theirs(world: World) -> None:
    person = seed_everywhere(world)
    erase_person(person, world.users["hr"], reason="Begäran")
    person.refresh_from_db()
    data = json.dumps(extract_json(build_extract(person)), ensure_ascii=False)
    for needle in [NAME, EMAIL, NUMBER, *MARKERS.values()]:
        assert needle not in data
    assert build_extract(person).emails == []


def test_the_plan_lists_what_happens_per_declaration(world: World) -> None:
    person = seed_everywhere(world)
    plan = erasure_plan(person)
    actions = {(line.declaration.label, line.action) for line in plan.lines}
    assert ("admissions.application", "blank") in actions
    assert ("programmes.participant", "keep") in actions
    assert ("diplomas.diploma", "delete") in actions
    assert ("events.registration", "delete") in actions
    sent_to_her = OutgoingEmail.objects.filter(to__iexact=person.email).count()
    assert plan.emails == sent_to_her == 2 and plan.history == 1 and not plan.blocked
    assert plan.warnings  # still employed: the roster would add her again
    # Making the plan changes nothing.
    assert Person.objects.get(pk=person.pk).full_name == NAME


def test_hr_sees_the_plan_and_erases_with_the_right_confirmation(world: World) -> None:
    person = seed_everywhere(world)
    client = world.client_for("hr")
    url = reverse("privacy:person_erase", args=[person.pk])
    assert url in client.get(reverse("core:person_detail", args=[person.pk])).content.decode()
    page = client.get(url).content.decode()
    assert "Ansökningar" in page and "Sparas" in page

    wrong = client.post(url, {"confirmation": "Erik Anställd", "reason": "Begäran"})
    assert wrong.status_code == 400
    assert "stämmer inte" in wrong.content.decode()
    no_reason = client.post(url, {"confirmation": NUMBER, "reason": ""})
    assert no_reason.status_code == 400
    assert Person.objects.get(pk=person.pk).full_name == NAME
    assert not AuditEntry.objects.filter(action="erase").exists()

    done = client.post(url, {"confirmation": NUMBER, "reason": "Begäran enligt art. 17"})
    assert done.status_code == 302
    assert done["Location"] == reverse("core:person_detail", args=[person.pk])
    assert Person.objects.get(pk=person.pk).full_name == f"Raderad person {person.pk}"
    assert AuditEntry.objects.filter(action="erase").count() == 1


def test_the_name_also_confirms(world: World) -> None:
    person = seed_everywhere(world)
    client = world.client_for("hr")
    url = reverse("privacy:person_erase", args=[person.pk])
    done = client.post(url, {"confirmation": " pia deltagare ", "reason": "Begäran"})
    assert done.status_code == 302


def test_only_hr_of_the_persons_organisation_erases(world: World) -> None:
    person = seed_everywhere(world)
    url = reverse("privacy:person_erase", args=[person.pk])
    data = {"confirmation": NUMBER, "reason": "Begäran"}
    assert world.client_for("coordinator").post(url, data).status_code == 403
    assert world.client_for("partner").post(url, data).status_code in (403, 404)
    assert world.client_for("outsider").post(url, data).status_code == 404
    assert Person.objects.get(pk=person.pk).full_name == NAME


def test_hr_corrects_a_persons_details_and_it_is_logged_without_values(world: World) -> None:
    person = world.employee
    client = world.client_for("hr")
    url = reverse("privacy:person_rectify", args=[person.pk])
    data = {
        "first_name": "Erika",
        "last_name": "Anställd",
        "email": "erika.anstalld@host.example",
        "title": "Undersköterska",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.full_name == "Erika Anställd"
    entry = AuditEntry.objects.get(action="update", subject_person_id=person.pk)
    assert entry.fields == ["email", "first_name"]
    assert "Erika" not in entry.note
    bad = client.post(url, {**data, "email": "inte en adress", "first_name": "Eva"})
    assert bad.status_code == 400
    person.refresh_from_db()
    assert person.first_name == "Erika"
    assert world.client_for("coordinator").post(url, data).status_code == 403


def test_erasing_the_manager_keeps_the_reference_and_scorecard_without_her(world: World) -> None:
    """The closest manager gave a reference and filled in a scorecard: records of someone
    else's application, kept by an archive rule, but no longer hers."""
    seed_everywhere(world)
    manager = world.manager_person
    name, email, number = manager.full_name, manager.email, manager.employee_number
    plan = erasure_plan(manager)
    kept = {line.declaration.label for line in plan.lines if line.action == "keep"}
    assert {"admissions.reference", "admissions.scorecard"} <= kept

    erase_person(manager, world.users["hr"], reason="Begäran")

    reference = Reference.objects.get()
    assert reference.manager_id is None and reference.comment == MARKERS["reference_comment"]
    assert Scorecard.objects.get().interviewer_id == manager.pk  # the pseudonymised person
    assert Application.objects.get().manager_id is None
    # The applicant is untouched.
    assert Person.objects.get(pk=world.participant.person_id).full_name == NAME
    found = []
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.CharField | models.TextField):
                for value in model._default_manager.values_list(f.attname, flat=True):
                    if value and (name in value or email in value or value == number):
                        found.append(f"{model._meta.label}.{f.name}")
    assert found == []
