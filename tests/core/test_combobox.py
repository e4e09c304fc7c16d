"""The searchable select: the search endpoints answer only from what the user may see, and
without JavaScript the field resolves typed text, with an error for no match or several."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.urls import reverse

from plantskola.core.models import OrgUnit, Person
from plantskola.core.widgets import SearchChoiceField, SearchMultipleChoiceField
from tests.conftest import World


def _labels(response: Any) -> list[str]:
    return [r["label"] for r in response.json()["results"]]


def test_people_search_finds_by_name_within_what_the_user_sees(world: World) -> None:
    response = world.client_for("hr").get(reverse("core:search_people"), {"q": "erik"})
    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert _labels(response) == ["Erik Anställd (Undersköterska, Hemtjänst Norr)"]
    # The outsider's organisation does not hold Erik.
    outsider = world.client_for("outsider").get(reverse("core:search_people"), {"q": "erik"})
    assert outsider.json() == {"count": 0, "results": []}


def test_people_search_finds_by_employee_number_and_filters_by_organisation(
    world: World,
) -> None:
    client = world.client_for("admin")
    url = reverse("core:search_people")
    assert _labels(client.get(url, {"q": "h101"})) == [
        "Erik Anställd (Undersköterska, Hemtjänst Norr)"
    ]
    partner_only = client.get(url, {"q": "p", "organisation": str(world.partner.pk)}).json()
    names = {r["label"].split(" (")[0] for r in partner_only["results"]}
    assert names == {"Per Partner", "Paula Personalchef"}


def test_managers_search_is_the_users_own_organisations_managers(world: World) -> None:
    client = world.client_for("participant")
    response = client.get(reverse("core:search_managers"), {"q": "maria"})
    assert _labels(response) == ["Maria Chef (Förvaltningschef, Socialförvaltningen)"]
    # The participant sees no one else's roster through the people search.
    assert client.get(reverse("core:search_people"), {"q": "maria"}).json()["count"] == 0


def test_units_search_by_code_and_name(world: World) -> None:
    client = world.client_for("hr")
    url = reverse("core:search_units")
    assert _labels(client.get(url, {"q": "soc-1"})) == ["Hemtjänst Norr (SOC-1)"]
    assert _labels(client.get(url, {"q": "norr"})) == ["Hemtjänst Norr (SOC-1)"]
    assert client.get(url, {"q": "annan"}).json()["count"] == 0


def test_search_needs_a_login(world: World) -> None:
    response = world.client_for("anonymous").get(reverse("core:search_units"), {"q": "x"})
    assert response.status_code == 302


class PersonForm(forms.Form):
    person = SearchChoiceField(Person.objects.all(), source="people", label="Person")


class UnitsForm(forms.Form):
    units = SearchMultipleChoiceField(OrgUnit.objects.all(), source="units", label="Units")


def _data(**values: str | list[str]) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, value in values.items():
        data.setlist(key, value if isinstance(value, list) else [value])
    return data


def test_typed_employee_number_resolves_without_javascript(world: World) -> None:
    form = PersonForm(_data(person_search="H101"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["person"] == world.employee


def test_chosen_id_is_used_while_the_text_is_its_label(world: World) -> None:
    erik = world.employee
    label = "Erik Anställd (Undersköterska, Hemtjänst Norr)"
    form = PersonForm(_data(person_search=label, person=str(erik.pk)))
    assert form.is_valid()
    assert form.cleaned_data["person"] == erik
    # The text was changed (without JavaScript the stale id stays): the text wins.
    form = PersonForm(_data(person_search="Maria", person=str(erik.pk)))
    assert form.is_valid()
    assert form.cleaned_data["person"] == world.manager_person


def test_no_match_and_several_matches_are_clear_errors(world: World) -> None:
    form = PersonForm(_data(person_search="Zlatan"))
    assert not form.is_valid()
    assert "Zlatan" in form.errors["person"][0]
    form = PersonForm(_data(person_search="P"))  # Per Partner, Paula Personalchef, Pia, ...
    assert not form.is_valid()
    message = str(form.errors["person"][0])
    assert "Per Partner" in message and "Paula Personalchef" in message
    assert message.count(";") <= 4  # at most five named


def test_a_person_outside_the_queryset_cannot_be_chosen(world: World) -> None:
    form = PersonForm(_data(person_search="H101"))
    form.fields["person"].queryset = Person.objects.exclude(pk=world.employee.pk)  # type: ignore[attr-defined]
    assert not form.is_valid()


def test_multiple_keeps_ticked_and_adds_typed(world: World) -> None:
    norr = OrgUnit.objects.get(code="SOC-1")
    hr = OrgUnit.objects.get(code="KLF")
    form = UnitsForm(_data(units_search="klf; Partnerenheten", units=[str(norr.pk)]))
    assert form.is_valid(), form.errors
    assert {u.code for u in form.cleaned_data["units"]} == {"SOC-1", "KLF", "P1"}
    assert hr in form.cleaned_data["units"]


def test_multiple_reports_each_unresolved_entry(world: World) -> None:
    form = UnitsForm(_data(units_search="klf; Finns inte"))
    assert not form.is_valid()
    assert "Finns inte" in str(form.errors["units"])
    form = UnitsForm(_data(units_search="", units=["999999"]))
    assert not form.is_valid()


def test_widget_renders_chips_and_a_text_field_with_the_search_url(world: World) -> None:
    norr = OrgUnit.objects.get(code="SOC-1")
    html = str(UnitsForm(initial={"units": [norr]})["units"])
    assert f'name="units" value="{norr.pk}"' in html and "checked" in html
    assert "Hemtjänst Norr (SOC-1)" in html
    assert f'data-search-url="{reverse("core:search_units")}"' in html
    assert 'name="units_search"' in html and 'id="id_units"' in html
    single = str(PersonForm(initial={"person": world.employee})["person"])
    assert f'name="person" id="id_person_value" value="{world.employee.pk}"' in single
    assert 'value="Erik Anställd (Undersköterska, Hemtjänst Norr)"' in single


def test_a_form_posted_with_ids_only_works_as_with_a_plain_select(world: World) -> None:
    form = PersonForm(_data(person=str(world.employee.pk)))
    assert form.is_valid()
    assert form.cleaned_data["person"] == world.employee
    norr = OrgUnit.objects.get(code="SOC-1")
    units = UnitsForm(_data(units=[str(norr.pk)]))
    assert units.is_valid()
    assert list(units.cleaned_data["units"]) == [norr]


def test_a_person_found_but_not_among_the_choices_is_refused_as_such(world: World) -> None:
    label = "Erik Anställd (Undersköterska, Hemtjänst Norr)"
    form = PersonForm(_data(person_search=label, person=str(world.employee.pk)))
    form.fields["person"].queryset = Person.objects.exclude(pk=world.employee.pk)  # type: ignore[attr-defined]
    assert not form.is_valid()
    assert form.errors["person"].as_data()[0].code == "invalid_choice"
