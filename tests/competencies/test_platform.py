"""The leadership platform: HR edits values, competencies and requirement profiles."""

from __future__ import annotations

import pytest

from plantskola.competencies.models import (
    Competency,
    CompetencyLevel,
    ProfileRequirement,
    RequirementProfile,
    Value,
)
from plantskola.core.models import Organisation
from plantskola.demo.competencies import load as load_platform_demo
from tests.conftest import World

pytestmark = pytest.mark.django_db


def base(w: World) -> str:
    return f"/organisationer/{w.host.slug}/ledarplattform/"


def test_hr_creates_a_competency_with_indicators_per_level(world: World) -> None:
    client = world.client_for("hr")
    value = Value.objects.create(organisation=world.host, name="Klar")
    response = client.post(
        base(world) + "kompetenser/ny/",
        {
            "name": "Leda lärande",
            "description": "Skapar en lärande kultur.",
            "value": value.pk,
            "order": 1,
            "level_1": "Ger återkoppling\nTar emot återkoppling",
            "level_3": "Leder lärande samtal",
        },
    )
    assert response.status_code == 302
    competency = Competency.objects.get(organisation=world.host, name="Leda lärande")
    assert competency.value == value
    levels = {lv.level: lv.indicator_list for lv in competency.levels.all()}
    assert levels == {1: ["Ger återkoppling", "Tar emot återkoppling"], 3: ["Leder lärande samtal"]}


def test_clearing_a_level_removes_its_indicators(world: World) -> None:
    competency = Competency.objects.create(organisation=world.host, name="Helhetssyn")
    CompetencyLevel.objects.create(competency=competency, level=2, indicators="X")
    response = world.client_for("hr").post(
        base(world) + f"kompetenser/{competency.pk}/",
        {"name": "Helhetssyn", "order": 1, "level_2": ""},
    )
    assert response.status_code == 302
    assert not CompetencyLevel.objects.filter(competency=competency).exists()


def test_a_duplicate_name_is_refused_and_nothing_is_written(world: World) -> None:
    Competency.objects.create(organisation=world.host, name="Helhetssyn")
    response = world.client_for("hr").post(
        base(world) + "kompetenser/ny/", {"name": "helhetssyn", "order": 1, "level_1": "x"}
    )
    assert response.status_code == 400
    assert Competency.objects.filter(organisation=world.host).count() == 1
    assert not CompetencyLevel.objects.exists()


def test_a_value_of_another_organisation_cannot_be_chosen(world: World) -> None:
    foreign = Value.objects.create(organisation=world.other, name="Främmande")
    response = world.client_for("hr").post(
        base(world) + "kompetenser/ny/", {"name": "X", "order": 1, "value": foreign.pk}
    )
    assert response.status_code == 400
    assert not Competency.objects.exists()


def test_hr_builds_a_requirement_profile_with_levels(world: World) -> None:
    a = Competency.objects.create(organisation=world.host, name="A")
    b = Competency.objects.create(organisation=world.host, name="B")
    response = world.client_for("hr").post(
        base(world) + "kravprofiler/ny/",
        {"name": "Blivande chef", "description": "", f"competency_{a.pk}": "3"},
    )
    assert response.status_code == 302
    profile = RequirementProfile.objects.get(name="Blivande chef")
    assert list(profile.requirements.values_list("competency__name", "level")) == [("A", 3)]
    response = world.client_for("hr").post(
        base(world) + f"kravprofiler/{profile.pk}/",
        {"name": "Blivande chef", f"competency_{a.pk}": "", f"competency_{b.pk}": "2"},
    )
    assert list(profile.requirements.values_list("competency__name", "level")) == [("B", 2)]


def test_a_profile_without_competencies_is_refused(world: World) -> None:
    Competency.objects.create(organisation=world.host, name="A")
    response = world.client_for("hr").post(base(world) + "kravprofiler/ny/", {"name": "Tom"})
    assert response.status_code == 400
    assert not RequirementProfile.objects.exists()


def test_removing_a_competency_drops_it_from_profiles(world: World) -> None:
    competency = Competency.objects.create(organisation=world.host, name="A")
    profile = RequirementProfile.objects.create(organisation=world.host, name="P")
    ProfileRequirement.objects.create(profile=profile, competency=competency, level=2)
    response = world.client_for("hr").post(base(world) + f"kompetens/{competency.pk}/ta-bort/")
    assert response.status_code == 302
    assert not ProfileRequirement.objects.exists()
    assert RequirementProfile.objects.filter(pk=profile.pk).exists()


def test_employees_read_the_platform_but_cannot_edit_it(world: World) -> None:
    Value.objects.create(organisation=world.host, name="Säker", description="Trygg i rollen")
    page = world.client_for("participant").get(base(world))
    assert page.status_code == 200
    assert "Säker" in page.content.decode()
    assert "/varden/ny/" not in page.content.decode()


def test_demo_platforms_load_idempotently_with_the_reference_values(db: None) -> None:
    for slug, name in [("orebro", "Örebro kommun"), ("kungsbacka", "Kungsbacka kommun")]:
        Organisation.objects.create(slug=slug, name=name)
    Organisation.objects.create(slug="uppsala", name="Uppsala kommun")
    load_platform_demo()
    counts = (Value.objects.count(), Competency.objects.count(), CompetencyLevel.objects.count())
    load_platform_demo()
    assert counts == (
        Value.objects.count(),
        Competency.objects.count(),
        CompetencyLevel.objects.count(),
    )
    orebro = set(Value.objects.filter(organisation__slug="orebro").values_list("name", flat=True))
    assert orebro == {"Säker", "Initiativrik", "Klar"}
    assert RequirementProfile.objects.filter(name="Chef i Kungsbacka kommun").exists()
    blivande = RequirementProfile.objects.get(name="Blivande chef")
    assert blivande.organisation.slug == "uppsala"
    assert blivande.requirements.count() == 5
