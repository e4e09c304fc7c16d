"""Career events: read from roster imports, entered and removed by hand by HR."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from plantskola.core.models import PersonChange
from plantskola.insights.careers.selectors import career_events_for_organisation, timelines
from plantskola.insights.models import CareerEvent
from tests.conftest import World
from tests.insights.conftest import History

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse

pytestmark = pytest.mark.django_db


def test_the_list_joins_roster_changes_and_hand_entries(history: History) -> None:
    CareerEvent.objects.create(
        person=history.people["E5"], kind="became_manager", date=dt.date(2025, 12, 1)
    )
    events = career_events_for_organisation(history.org)
    listed = [(person.employee_number, row.date, row.kind, row.source) for person, row in events]
    assert listed[0] == ("E5", dt.date(2025, 12, 1), "became_manager", "hand")
    assert ("E3", dt.date(2025, 4, 30), "changed_role", "roster") in listed
    assert ("E4", dt.date(2025, 1, 31), "left", "roster") in listed
    stepped_down = next(r for p, r in events if p.employee_number == "E3" and r.date.year == 2025)
    assert stepped_down.kind_label == "Lämnade en chefstjänst"


def test_a_title_change_on_the_day_of_a_promotion_is_not_listed_twice(world: World) -> None:
    for field, old, new in (("is_manager", "False", "True"), ("title", "Samordnare", "Enhetschef")):
        PersonChange.objects.create(
            person=world.employee,
            field=field,
            old_value=old,
            new_value=new,
            effective_date=dt.date(2025, 2, 1),
            source="demo",
        )
    events = career_events_for_organisation(world.host)
    assert [r.kind for _p, r in events] == ["became_manager"]
    # The demo writes "True"/"False", the roster import "true"/"false": both are read.
    assert timelines([world.employee])[world.employee.pk].manager_on(dt.date(2025, 2, 1))


def post(world: World, role: str, **data: str) -> _MonkeyPatchedWSGIResponse:
    values = {"employee_number": "H101", "kind": "became_manager", "date": "2025-09-01"}
    values.update(data)
    return world.client_for(role).post(f"/insikter/{world.host.pk}/karriarhandelser/ny/", values)


def test_hr_records_an_event_by_hand(world: World) -> None:
    response = post(world, "hr", title="Enhetschef Hemtjänst Norr")
    assert response.status_code == 302
    event = CareerEvent.objects.get()
    assert (event.person, event.kind, event.date, event.title) == (
        world.employee,
        "became_manager",
        dt.date(2025, 9, 1),
        "Enhetschef Hemtjänst Norr",
    )
    assert event.created_by == world.users["hr"]
    page = world.client_for("hr").get(response["Location"])
    assert "Enhetschef Hemtjänst Norr" in page.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"employee_number": "X999"}, "Ingen i Värdkommun har anställningsnummer X999."),
        ({"employee_number": "O100"}, "Ingen i Värdkommun har anställningsnummer O100."),
        ({"date": "2099-01-01"}, "En karriärhändelse kan inte dateras i framtiden."),
        ({"date": "1901-01-01"}, "Datumet är före 1950"),
        ({"date": "igår"}, "Fyll i ett giltigt datum."),
        ({"kind": "promoted"}, "Välj ett giltigt alternativ."),
        (
            {"employee_number": "H100"},  # the manager has been a manager all along
            "Maria Chef hade redan en chefstjänst den 2025-09-01.",
        ),
    ],
)
def test_bad_input_is_rejected_in_swedish_and_changes_nothing(
    world: World, data: dict[str, str], message: str
) -> None:
    response = post(world, "hr", **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CareerEvent.objects.exists()


def test_leaving_twice_on_the_same_day_is_rejected(world: World) -> None:
    assert post(world, "hr", kind="left").status_code == 302
    response = post(world, "hr", kind="left")
    assert response.status_code == 400
    assert "redan registrerad som att ha slutat den 2025-09-01" in response.content.decode()
    assert CareerEvent.objects.count() == 1


def test_hr_removes_a_hand_entry_after_confirming(world: World) -> None:
    event = CareerEvent.objects.create(
        person=world.employee, kind="changed_role", date=dt.date(2025, 1, 1)
    )
    url = f"/insikter/karriarhandelser/{event.pk}/ta-bort/"
    assert world.client_for("hr").get(url).status_code == 200
    assert CareerEvent.objects.exists()
    assert world.client_for("coordinator").post(url).status_code == 403
    assert world.client_for("outsider").post(url).status_code == 404
    assert world.client_for("hr").post(url).status_code == 302
    assert not CareerEvent.objects.exists()
