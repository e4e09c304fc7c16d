"""Every model that holds personal data declares it (core/declarations.py)."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models

from plantskola.core.declarations import DECLARATIONS, NOT_PERSONAL
from plantskola.core.models import Person, User
from tests.conftest import World


def _links_a_person(model: type[models.Model]) -> bool:
    if model in (Person, User):
        return True
    return any(
        f.is_relation and f.concrete and f.related_model in (Person, User)
        for f in model._meta.get_fields()
    ) or any(f.related_model in (Person, User) for f in model._meta.many_to_many)


def test_every_model_with_a_person_or_user_link_declares_its_personal_data() -> None:
    declared = {d.label for d in DECLARATIONS} | set(NOT_PERSONAL)
    missing = [
        m._meta.label
        for m in apps.get_models()
        if m.__module__.startswith("plantskola.")
        and _links_a_person(m)
        and f"{m._meta.app_label}.{m._meta.model_name}" not in declared
    ]
    assert not missing, f"declare these in their app's personal_data.py: {missing}"


@pytest.mark.django_db
def test_every_declared_subject_path_and_field_exists() -> None:
    someone = Person(pk=1, employee_number="E1", email="a@example.se")
    for declaration in DECLARATIONS:
        declaration.rows_for(someone).exists()
        for field in declaration.fields:
            declaration.model._meta.get_field(field)


def test_each_declaration_names_purpose_ground_and_retention() -> None:
    for d in DECLARATIONS:
        assert str(d.purpose) and str(d.retention) and str(d.category), d.label
        assert not d.withheld or str(d.author_role), d.label


@pytest.mark.django_db
def test_the_record_of_processing_lists_every_declaration(world: World) -> None:
    from django.urls import reverse

    page = world.client_for("hr").get(reverse("privacy:records_of_processing")).content.decode()
    assert page.count("<tr>") == len(DECLARATIONS) + 1
    assert "Anställningsavtal (GDPR art. 6.1 b)" in page
    assert "Chefsreferenser om personen" in page
