"""The register extract lists every item about a person from every app, withholds what the
organisation decides on, and is logged."""

from __future__ import annotations

import io
import json
import zipfile

from django.urls import reverse

from plantskola.core.declarations import DECLARATIONS
from plantskola.core.models import AuditEntry, OutgoingEmail
from plantskola.privacy.extract.selectors import build_extract, extract_json
from tests.conftest import World
from tests.diplomas.helpers import pdf_text
from tests.privacy.helpers import world_user
from tests.privacy.seed import MARKERS, seed_everywhere


def test_the_extract_lists_every_declared_item_about_the_person(world: World) -> None:
    person = seed_everywhere(world)
    extract = build_extract(person)
    listed = {(s.category, s.record_type): len(s.rows) for s in extract.sections}
    for d in DECLARATIONS:
        count = d.rows_for(person).count()
        key = (str(d.category), str(d.model._meta.verbose_name_plural))
        if count:
            assert listed.get(key) == count, f"{d.label} via {d.subject}"
    # Every app is there: the seed reached each of them.
    apps = {
        d.model._meta.app_label
        for d in DECLARATIONS
        if any((str(d.category), str(d.model._meta.verbose_name_plural)) == k for k in listed)
    }
    assert {
        "core",
        "programmes",
        "admissions",
        "diplomas",
        "events",
        "development",
        "evaluations",
        "insights",
    } <= apps
    assert len(extract.emails) == OutgoingEmail.objects.filter(to=person.email).count() == 2
    logged = AuditEntry.objects.filter(subject_person_id=person.pk).count()
    assert len(extract.log) == logged and logged > 1


def test_free_text_is_in_the_extract_but_references_and_scorecards_only_by_existence(
    world: World,
) -> None:
    person = seed_everywhere(world)
    data = json.dumps(extract_json(build_extract(person)), ensure_ascii=False)
    for key in [
        "motivation",
        "answer",
        "presentation",
        "dietary",
        "email_body",
        "goal_support",
        "reflection",
        "career_note",
        "named_answer",
    ]:
        assert MARKERS[key] in data, key
    for key in ["reference_comment", "evidence"]:
        assert MARKERS[key] not in data, key
    assert "den närmaste chefen" in data


def test_hr_downloads_pdf_and_zip_and_the_extract_is_logged(world: World) -> None:
    person = seed_everywhere(world)
    client = world.client_for("hr")
    url = reverse("privacy:register_extract", args=[person.pk])
    page = client.get(url).content.decode()
    assert "Ansökningar" in page
    pdf = client.post(url, {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert "Pia Deltagare" in text and "MOTIV" in text and "REFERENS" not in text
    archive = zipfile.ZipFile(io.BytesIO(client.post(url, {"format": "zip"}).content))
    assert sorted(archive.namelist()) == ["registerutdrag.json", "registerutdrag.pdf"]
    assert json.loads(archive.read("registerutdrag.json"))["person"]["id"] == person.pk
    exports = AuditEntry.objects.filter(action="export", subject_person_id=person.pk)
    assert exports.count() == 2
    first = exports.first()
    assert first is not None
    assert first.actor_id == world_user(world, "hr").pk
